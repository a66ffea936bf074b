//! `||` / CONCAT: `BinaryStringDataUtil.concat`, NULL if any argument is NULL.
//! CONCAT_WS(sep, s...): `BinaryStringDataUtil.concatWs`: NULL if `sep` is NULL, NULL arguments are
//! skipped (no separator for them), '' when all are NULL.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, StringBuilder};
use datafusion_physical_expr::PhysicalExpr;

use super::{all_strings, expect_all_strings};
use crate::registry::BuildArgs;
use ember_common::Result;

/// Builds `concat(s1, s2, ...)`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if args.args.is_empty() {
        return Err(args.unsupported("no arguments"));
    }
    expect_all_strings(args)?;
    let kernel = Arc::new(|a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let cols = all_strings(a)?;
        let n = a.first().map(|c| c.len()).unwrap_or(0);
        let mut b = StringBuilder::with_capacity(n, n * 16);
        let mut buf = String::new();
        for i in 0..n {
            if cols.iter().any(|c| c.is_null(i)) {
                b.append_null();
                continue;
            }
            buf.clear();
            for c in &cols {
                buf.push_str(c.value(i));
            }
            b.append_value(&buf);
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    });
    Ok(args.kernel("concat", kernel))
}

/// Builds `concat_ws(sep, s1, ...)`.
pub fn build_ws(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if args.args.len() < 2 {
        return Err(args.unsupported("expects a separator and at least one string"));
    }
    expect_all_strings(args)?;
    let kernel = Arc::new(|a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let cols = all_strings(a)?;
        let (sep, inputs) = (cols[0], &cols[1..]);
        let mut b = StringBuilder::with_capacity(sep.len(), sep.len() * 16);
        let mut buf = String::new();
        for i in 0..sep.len() {
            if sep.is_null(i) {
                b.append_null();
                continue;
            }
            buf.clear();
            for (k, v) in inputs.iter().filter(|c| c.is_valid(i)).enumerate() {
                if k > 0 {
                    buf.push_str(sep.value(i));
                }
                buf.push_str(v.value(i));
            }
            b.append_value(&buf);
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    });
    Ok(args.kernel("concat_ws", kernel))
}
