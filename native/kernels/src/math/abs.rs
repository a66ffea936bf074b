//! ABS: `SqlFunctionUtils.abs` = `Math.abs` on the operand's primitive (integers wrap:
//! `ABS(MIN_VALUE) = MIN_VALUE`, TINYINT/SMALLINT via `(byte)/(short) Math.abs(int)`), which clears the
//! sign bit of FLOAT/DOUBLE (`ABS(-0.0) = 0.0`); DECIMAL exactly (`DecimalDataUtils.abs`, same type).

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{
    DataType, Decimal128Type, FieldRef, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type,
};
use datafusion_common::DataFusionError;
use datafusion_physical_expr::PhysicalExpr;

use super::expect_same_numeric;
use crate::registry::BuildArgs;
use ember_common::Result;

/// Builds `abs(x)`; the result type is the argument type.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_same_numeric(args)?;
    let kernel = Arc::new(|a: &[ArrayRef], _f: &FieldRef| {
        let x = &a[0];
        let out: ArrayRef = match x.data_type() {
            DataType::Int8 => Arc::new(
                x.as_primitive::<Int8Type>()
                    .unary::<_, Int8Type>(i8::wrapping_abs),
            ),
            DataType::Int16 => Arc::new(
                x.as_primitive::<Int16Type>()
                    .unary::<_, Int16Type>(i16::wrapping_abs),
            ),
            DataType::Int32 => Arc::new(
                x.as_primitive::<Int32Type>()
                    .unary::<_, Int32Type>(i32::wrapping_abs),
            ),
            DataType::Int64 => Arc::new(
                x.as_primitive::<Int64Type>()
                    .unary::<_, Int64Type>(i64::wrapping_abs),
            ),
            DataType::Float32 => Arc::new(
                x.as_primitive::<Float32Type>()
                    .unary::<_, Float32Type>(f32::abs),
            ),
            DataType::Float64 => Arc::new(
                x.as_primitive::<Float64Type>()
                    .unary::<_, Float64Type>(f64::abs),
            ),
            DataType::Decimal128(p, s) => Arc::new(
                x.as_primitive::<Decimal128Type>()
                    .unary::<_, Decimal128Type>(i128::abs)
                    .with_precision_and_scale(*p, *s)?,
            ),
            other => return Err(DataFusionError::Internal(format!("abs on {other}"))),
        };
        Ok(out)
    });
    Ok(args.kernel("abs", kernel))
}

#[cfg(test)]
mod tests {
    #[test]
    fn java_abs() {
        assert_eq!(i32::MIN.wrapping_abs(), i32::MIN);
        assert_eq!(i8::MIN.wrapping_abs(), i8::MIN); // (byte) Math.abs(-128) = (byte) 128
        assert!((-0.0f64).abs().is_sign_positive());
        assert!(f64::NAN.abs().is_nan());
        assert_eq!(f64::NEG_INFINITY.abs(), f64::INFINITY);
    }
}
