//! `Cast` (CAST = THROW_EXCEPTION, TRY_CAST = RETURN_NULL).

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;
use substrait::proto::expression::Cast;
use substrait::proto::expression::cast::FailureBehavior;

use crate::context::Context;
use crate::expr;
use crate::types::from_substrait;
use ember_common::{EmberError, Result};
use ember_kernels::cast::build_cast;
use ember_kernels::types::FlinkType;

/// Compiles a cast to the target type of the plan.
pub fn consume(c: &Cast, ctx: &Context) -> Result<(Arc<dyn PhysicalExpr>, FlinkType)> {
    let target = from_substrait(
        c.r#type
            .as_ref()
            .ok_or_else(|| EmberError::Plan("cast without type".into()))?,
    )?;
    let input = c
        .input
        .as_ref()
        .ok_or_else(|| EmberError::Plan("cast without input".into()))?;
    let (e, from) = expr::consume(input, ctx)?;
    let safe = match FailureBehavior::try_from(c.failure_behavior) {
        Ok(FailureBehavior::ReturnNull) => true,
        Ok(FailureBehavior::ThrowException) => false,
        _ => {
            return Err(EmberError::Plan(
                "cast failure_behavior must be THROW_EXCEPTION or RETURN_NULL".into(),
            ));
        }
    };
    let out_type = FlinkType::new(target.kind.clone(), target.nullable || safe);
    Ok((build_cast(e, &from, &target, safe)?, out_type))
}
