//! UPPER / LOWER: Java `String.toUpperCase()` / `toLowerCase()` (root locale rules: full Unicode case
//! mapping incl. 'ß' -> "SS" and final sigma), which Rust's `str::to_uppercase/to_lowercase` follow.
//! Unicode versions of the JDK and Rust may differ for characters added recently.

use std::sync::Arc;

use arrow::array::{ArrayRef, StringArray};
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, strings};
use crate::registry::BuildArgs;
use crate::udf::kernel_expr;
use ember_common::Result;

/// Builds `upper(s)` (`upper = true`) or `lower(s)`.
pub fn build(upper: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let s = strings(&a[0])?;
        let out: StringArray = s
            .iter()
            .map(|v| {
                v.map(|v| {
                    if upper {
                        v.to_uppercase()
                    } else {
                        v.to_lowercase()
                    }
                })
            })
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(kernel_expr(
        if upper { "upper" } else { "lower" },
        kernel,
        args.args.clone(),
        args.return_field(),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn java_case_rules() {
        assert_eq!("straße".to_uppercase(), "STRASSE");
        assert_eq!("ΟΔΟΣ".to_lowercase(), "οδος");
        assert_eq!("𐐀".to_lowercase(), "𐐨");
    }
}
