//! CHAR_LENGTH / CHARACTER_LENGTH: number of code points (`BinaryStringData.numChars`).

use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array};
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, strings};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// Builds `char_length(s)` returning INT.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    if args.output.kind != FlinkKind::Int {
        return Err(args.unsupported("result must be INT"));
    }
    let kernel = Arc::new(|a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let s = strings(&a[0])?;
        let out: Int32Array = s
            .iter()
            .map(|v| v.map(|v| v.chars().count() as i32))
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("char_length", kernel))
}
