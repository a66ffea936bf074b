//! `||` / CONCAT: `BinaryStringDataUtil.concat`, NULL if any argument is NULL.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, StringBuilder};
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, strings};
use crate::registry::BuildArgs;
use crate::udf::kernel_expr;
use ember_common::Result;

/// Builds `concat(s1, s2, ...)`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if args.args.is_empty() {
        return Err(args.unsupported("no arguments"));
    }
    for i in 0..args.args.len() {
        expect_string(args, i)?;
    }
    let kernel = Arc::new(|a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let cols = a
            .iter()
            .map(strings)
            .collect::<datafusion_common::Result<Vec<_>>>()?;
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
    Ok(kernel_expr(
        "concat",
        kernel,
        args.args.clone(),
        args.return_field(),
    ))
}
