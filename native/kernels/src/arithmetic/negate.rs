//! Unary minus: integers wrap (`-Integer.MIN_VALUE == Integer.MIN_VALUE`), floats flip the sign
//! (including -0.0 and NaN payloads), DECIMAL negates exactly (`DecimalDataUtils.negate`).

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{
    DataType, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
};
use datafusion_common::DataFusionError;
use datafusion_physical_expr::PhysicalExpr;

use crate::registry::BuildArgs;
use ember_common::{EmberError, Result};

/// Builds `negate(args[0])`; the result type equals the operand type.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    let t = &args.arg_types[0];
    if !t.is_numeric() || t.to_arrow() != args.output.to_arrow() {
        return Err(EmberError::Unsupported(format!(
            "function negate on {} returning {} is not supported natively",
            t.sql_name(),
            args.output.sql_name()
        )));
    }
    let kernel = Arc::new(|a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let x = &a[0];
        let out: ArrayRef = match x.data_type() {
            DataType::Int8 => Arc::new(
                x.as_primitive::<Int8Type>()
                    .unary::<_, Int8Type>(|v| v.wrapping_neg()),
            ),
            DataType::Int16 => Arc::new(
                x.as_primitive::<Int16Type>()
                    .unary::<_, Int16Type>(|v| v.wrapping_neg()),
            ),
            DataType::Int32 => Arc::new(
                x.as_primitive::<Int32Type>()
                    .unary::<_, Int32Type>(|v| v.wrapping_neg()),
            ),
            DataType::Int64 => Arc::new(
                x.as_primitive::<Int64Type>()
                    .unary::<_, Int64Type>(|v| v.wrapping_neg()),
            ),
            DataType::Float32 => Arc::new(
                x.as_primitive::<Float32Type>()
                    .unary::<_, Float32Type>(|v| -v),
            ),
            DataType::Float64 => Arc::new(
                x.as_primitive::<Float64Type>()
                    .unary::<_, Float64Type>(|v| -v),
            ),
            DataType::Decimal128(p, s) => Arc::new(
                x.as_primitive::<Decimal128Type>()
                    .unary::<_, Decimal128Type>(|v| -v)
                    .with_precision_and_scale(*p, *s)?,
            ),
            other => {
                return Err(DataFusionError::Internal(format!("negate on {other}")));
            }
        };
        Ok(out)
    });
    Ok(args.kernel("negate", kernel))
}
