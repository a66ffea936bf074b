//! CASE (Substrait IfThen), lazy like Flink's generated code: a branch value is evaluated only on
//! the rows that take that branch, so `CASE WHEN b = 0 THEN 0 ELSE a / b END` never divides by zero.
//! COALESCE is eager: Flink 2.3 runs it as a new-stack function whose arguments are all evaluated
//! before the call, so `COALESCE(x, a / 0)` fails even where `x` is not NULL.

mod if_then;

use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::compute::is_not_null;
use arrow::compute::kernels::zip::zip;
use arrow::datatypes::FieldRef;
use datafusion_common::DataFusionError;
use datafusion_physical_expr::PhysicalExpr;

pub use if_then::IfThenExpr;

use crate::registry::BuildArgs;
use ember_common::Result;

/// Builds eager `coalesce(a, b, ...)`: every argument on every row, then the first non-NULL value.
pub fn build_coalesce(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if args.args.is_empty() {
        return Err(ember_common::EmberError::Plan(
            "coalesce needs arguments".into(),
        ));
    }
    let out = args.output.to_arrow();
    if args.arg_types.iter().any(|t| t.to_arrow() != out) {
        return Err(args.unsupported("arguments must already have the result type"));
    }
    let kernel = Arc::new(|values: &[ArrayRef], _: &FieldRef| {
        let (last, earlier) = values
            .split_last()
            .ok_or_else(|| DataFusionError::Internal("coalesce needs arguments".into()))?;
        let mut acc = Arc::clone(last);
        for v in earlier.iter().rev() {
            acc = zip(&is_not_null(v)?, v, &acc)?;
        }
        Ok(acc)
    });
    Ok(args.kernel("coalesce", kernel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Int32Array;
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::record_batch::RecordBatch;
    use datafusion_physical_expr::expressions::col;

    use crate::types::{FlinkKind, FlinkType};
    use crate::udf::kernel_expr;

    #[test]
    fn coalesce_evaluates_every_argument_like_flink() {
        let schema = Schema::new(vec![Field::new("a", DataType::Int32, true)]);
        let batch = RecordBatch::try_new(
            Arc::new(schema.clone()),
            vec![Arc::new(Int32Array::from(vec![Some(1), Some(2)]))],
        )
        .expect("test");
        // An INT expression that fails on any non-empty input, like `a / 0`.
        let failing = kernel_expr(
            "fail",
            Arc::new(|_: &[ArrayRef], _: &FieldRef| {
                Err(DataFusionError::Execution("/ by zero".into()))
            }),
            vec![col("a", &schema).expect("test")],
            Arc::new(Field::new("f", DataType::Int32, true)),
        );
        let int = FlinkType::new(FlinkKind::Int, true);
        let e = build_coalesce(&BuildArgs {
            args: vec![col("a", &schema).expect("test"), failing],
            arg_types: vec![int.clone(), int.clone()],
            output: int,
            name: "coalesce".into(),
        })
        .expect("test");
        // COALESCE(a, <fails>) with a never NULL: stock Flink still evaluates the second argument and fails.
        assert!(e.evaluate(&batch).is_err());
    }
}
