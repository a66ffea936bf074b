//! `IfThen` (CASE WHEN ... ELSE ... END), evaluated lazily per branch.

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;
use substrait::proto::expression::IfThen;

use crate::context::Context;
use crate::expr;
use ember_common::{EmberError, Result};
use ember_kernels::conditional::IfThenExpr;
use ember_kernels::types::{FlinkKind, FlinkType};

/// Compiles a CASE; all branch values must have the same Arrow type.
pub fn consume(i: &IfThen, ctx: &Context) -> Result<(Arc<dyn PhysicalExpr>, FlinkType)> {
    let otherwise = i
        .r#else
        .as_ref()
        .ok_or_else(|| EmberError::Plan("IfThen without else".into()))?;
    let (else_e, else_t) = expr::consume(otherwise, ctx)?;
    let mut branches = Vec::with_capacity(i.ifs.len());
    let mut out_t = else_t.clone();
    let mut nullable = else_t.nullable;
    for clause in &i.ifs {
        let cond = clause
            .r#if
            .as_ref()
            .ok_or_else(|| EmberError::Plan("IfThen clause without if".into()))?;
        let then = clause
            .then
            .as_ref()
            .ok_or_else(|| EmberError::Plan("IfThen clause without then".into()))?;
        let (c, ct) = expr::consume(cond, ctx)?;
        if ct.kind != FlinkKind::Boolean {
            return Err(EmberError::Plan("IfThen condition must be BOOLEAN".into()));
        }
        let (v, vt) = expr::consume(then, ctx)?;
        if vt.to_arrow() != else_t.to_arrow() {
            return Err(EmberError::Unsupported(format!(
                "CASE with branches of different types ({} vs {}) is not supported natively",
                vt.sql_name(),
                else_t.sql_name()
            )));
        }
        nullable |= vt.nullable;
        if branches.is_empty() {
            out_t = vt.clone();
        }
        branches.push((c, v));
    }
    out_t.nullable = nullable;
    let e = IfThenExpr::case(branches, else_e, out_t.to_arrow())?;
    Ok((Arc::new(e), out_t))
}
