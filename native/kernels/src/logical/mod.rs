//! AND, OR, NOT, IS [NOT] NULL, IS [NOT] TRUE/FALSE.
//!
//! AND/OR are lazy like Flink's generated code: a later operand is evaluated only on the rows whose
//! result is still open (not FALSE for AND, not TRUE for OR), so `b <> 0 AND a / b > 1` never divides
//! by zero.

mod and_or;

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray};
use datafusion_common::DataFusionError;
use datafusion_physical_expr::PhysicalExpr;
use datafusion_physical_expr::expressions::{IsNotNullExpr, IsNullExpr, NotExpr};

pub use and_or::AndOrExpr;

use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

fn expect_booleans(args: &BuildArgs) -> Result<()> {
    if args.arg_types.iter().any(|t| t.kind != FlinkKind::Boolean) {
        return Err(args.unsupported("operands must be BOOLEAN"));
    }
    Ok(())
}

/// Builds lazy `and` (`is_and = true`) or `or` over one or more BOOLEAN operands.
pub fn build_and_or(is_and: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    expect_booleans(args)?;
    if args.args.is_empty() {
        return Err(ember_common::EmberError::Plan(format!(
            "function {} needs arguments",
            args.name
        )));
    }
    Ok(Arc::new(AndOrExpr::new(is_and, args.args.clone())?))
}

/// Builds `not(x)` (three-valued: NOT NULL is NULL).
pub fn build_not(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_booleans(args)?;
    Ok(Arc::new(NotExpr::new(Arc::clone(&args.args[0]))))
}

/// Builds `is_null(x)`.
pub fn build_is_null(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    Ok(Arc::new(IsNullExpr::new(Arc::clone(&args.args[0]))))
}

/// Builds `is_not_null(x)`.
pub fn build_is_not_null(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    Ok(Arc::new(IsNotNullExpr::new(Arc::clone(&args.args[0]))))
}

/// The four IS [NOT] TRUE/FALSE predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsBool {
    /// IS TRUE
    True,
    /// IS FALSE
    False,
    /// IS NOT TRUE
    NotTrue,
    /// IS NOT FALSE
    NotFalse,
}

/// Builds one of IS [NOT] TRUE/FALSE (never NULL).
pub fn build_is_bool(which: IsBool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_booleans(args)?;
    let name = match which {
        IsBool::True => "is_true",
        IsBool::False => "is_false",
        IsBool::NotTrue => "is_not_true",
        IsBool::NotFalse => "is_not_false",
    };
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let b = a[0]
            .as_boolean_opt()
            .ok_or_else(|| DataFusionError::Internal("boolean operand expected".into()))?;
        let out: BooleanArray = (0..b.len())
            .map(|i| {
                let v = if b.is_null(i) { None } else { Some(b.value(i)) };
                Some(match which {
                    IsBool::True => v == Some(true),
                    IsBool::False => v == Some(false),
                    IsBool::NotTrue => v != Some(true),
                    IsBool::NotFalse => v != Some(false),
                })
            })
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel(name, kernel))
}
