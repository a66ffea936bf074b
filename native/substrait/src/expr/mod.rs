//! Substrait expressions -> (physical expression, Flink type), one file per expression kind.

mod cast;
pub(crate) mod field_ref;
mod if_then;
mod literal;
mod scalar_function;

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;
use substrait::proto::Expression;
use substrait::proto::expression::RexType;

use crate::context::Context;
use ember_common::{EmberError, Result};
use ember_kernels::types::FlinkType;

/// Compiles one expression.
pub fn consume(e: &Expression, ctx: &Context) -> Result<(Arc<dyn PhysicalExpr>, FlinkType)> {
    match e.rex_type.as_ref() {
        Some(RexType::Literal(l)) => literal::consume(l),
        Some(RexType::Selection(r)) => field_ref::consume(r, ctx),
        Some(RexType::ScalarFunction(f)) => scalar_function::consume(f, ctx),
        Some(RexType::Cast(c)) => cast::consume(c, ctx),
        Some(RexType::IfThen(i)) => if_then::consume(i, ctx),
        Some(other) => {
            let dbg = format!("{other:?}");
            Err(EmberError::Unsupported(format!(
                "expression kind {} is not supported natively",
                dbg.split('(').next().unwrap_or("unknown")
            )))
        }
        None => Err(EmberError::Plan("expression without rex_type".into())),
    }
}
