//! `ProjectRel`: one expression per output column; `emit` must select exactly the expressions.

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;
use substrait::proto::ProjectRel;
use substrait::proto::rel_common::EmitKind;

use crate::context::Context;
use crate::expr;
use ember_common::{EmberError, Result};
use ember_kernels::types::FlinkType;

/// Compiles the projection expressions with their Flink types.
pub fn consume(
    project: &ProjectRel,
    ctx: &Context,
) -> Result<Vec<(Arc<dyn PhysicalExpr>, FlinkType)>> {
    let k = ctx.input_types.len() as i32;
    let m = project.expressions.len() as i32;
    match project.common.as_ref().and_then(|c| c.emit_kind.as_ref()) {
        Some(EmitKind::Emit(emit)) => {
            let expected: Vec<i32> = (k..k + m).collect();
            if emit.output_mapping != expected {
                return Err(EmberError::Plan(format!(
                    "ProjectRel emit must be {expected:?} (the expressions only), got {:?}",
                    emit.output_mapping
                )));
            }
        }
        _ => {
            return Err(EmberError::Plan(
                "ProjectRel must emit exactly its expressions (common.emit.output_mapping)".into(),
            ));
        }
    }
    project
        .expressions
        .iter()
        .map(|e| expr::consume(e, ctx))
        .collect()
}
