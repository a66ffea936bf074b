//! `FilterRel`: the Calc condition.

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;
use substrait::proto::FilterRel;

use crate::context::Context;
use crate::expr;
use ember_common::{EmberError, Result};
use ember_kernels::types::FlinkKind;

/// Compiles the condition (must be BOOLEAN).
pub fn consume(filter: &FilterRel, ctx: &Context) -> Result<Arc<dyn PhysicalExpr>> {
    let cond = filter
        .condition
        .as_ref()
        .ok_or_else(|| EmberError::Plan("FilterRel without condition".into()))?;
    let (e, t) = expr::consume(cond, ctx)?;
    if t.kind != FlinkKind::Boolean {
        return Err(EmberError::Plan(format!(
            "filter condition must be BOOLEAN, got {}",
            t.sql_name()
        )));
    }
    Ok(e)
}
