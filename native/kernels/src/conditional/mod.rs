//! COALESCE and CASE (Substrait IfThen) as Flink evaluates them. CASE is lazy like Flink's generated
//! code: a branch value is evaluated only on the rows that take that branch, so e.g.
//! `CASE WHEN b = 0 THEN 0 ELSE a / b END` never divides by zero. COALESCE is eager: Flink calls
//! `CoalesceFunction.eval(Object...)` with every argument evaluated, so `COALESCE(a, 1 / 0)` fails
//! even where `a` is not NULL.

mod if_then;

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;

pub use if_then::IfThenExpr;

use crate::registry::BuildArgs;
use ember_common::Result;

/// Builds `coalesce(a, b, ...)`: every argument evaluated, the first non-NULL one taken.
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
    Ok(Arc::new(IfThenExpr::coalesce(args.args.clone(), out)))
}
