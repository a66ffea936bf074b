//! Scalar function calls: resolved by name in the native registry (`ember_kernels::registry`).

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;
use substrait::proto::expression::ScalarFunction;
use substrait::proto::function_argument::ArgType;

use crate::context::Context;
use crate::expr;
use crate::types::from_substrait;
use ember_common::{EmberError, Result};
use ember_kernels::registry::{BuildArgs, build_call};
use ember_kernels::types::FlinkType;

/// Compiles `name(args)`; the result type is the call's `output_type`.
pub fn consume(f: &ScalarFunction, ctx: &Context) -> Result<(Arc<dyn PhysicalExpr>, FlinkType)> {
    let name = ctx.function_name(f.function_reference)?.to_string();
    if ember_kernels::registry::lookup(&name).is_none() {
        return Err(EmberError::Unsupported(format!(
            "function {name} is not supported natively"
        )));
    }
    let output = from_substrait(
        f.output_type
            .as_ref()
            .ok_or_else(|| EmberError::Plan(format!("function {name} without output_type")))?,
    )?;
    let mut args = Vec::with_capacity(f.arguments.len());
    let mut arg_types = Vec::with_capacity(f.arguments.len());
    for a in &f.arguments {
        match &a.arg_type {
            Some(ArgType::Value(e)) => {
                let (pe, t) = expr::consume(e, ctx)?;
                args.push(pe);
                arg_types.push(t);
            }
            _ => {
                return Err(EmberError::Unsupported(format!(
                    "function {name} with enum/type arguments is not supported natively"
                )));
            }
        }
    }
    let built = build_call(&BuildArgs {
        args,
        arg_types,
        output: output.clone(),
        name,
    })?;
    Ok((built, output))
}
