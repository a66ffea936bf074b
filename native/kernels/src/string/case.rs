//! UPPER / LOWER: Java `String.toUpperCase()` / `toLowerCase()` (root locale rules: full Unicode case
//! mapping incl. 'ß' -> "SS"), which Rust's `str::to_uppercase/to_lowercase` follow, except for the
//! final sigma: Java decides 'ς' by its word break iterator ([`word_break`]), not by Unicode's
//! Final_Sigma context. Unicode versions of the JDK and Rust may differ for characters added
//! recently.
//!
//! INITCAP: `SqlFunctionUtils.initcap`, ASCII only: a letter after a non-alphanumeric character (or
//! at the start) is upper-cased, every other ASCII letter lower-cased; digits continue a word and
//! every non-ASCII character separates words and is kept as is.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, StringArray};
use arrow::buffer::Buffer;
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, strings};
use crate::registry::BuildArgs;
use ember_common::Result;

mod word_break;

/// Builds `upper(s)` (`upper = true`) or `lower(s)`.
pub fn build(upper: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let s = strings(&a[0])?;
        if s.value_data().is_ascii() {
            return Ok(Arc::new(ascii_case(s, upper)) as ArrayRef);
        }
        let out: StringArray = s
            .iter()
            .map(|v| {
                v.map(|v| {
                    if upper {
                        v.to_uppercase()
                    } else if v.contains('Σ') {
                        word_break::to_lowercase_with_sigma(v)
                    } else {
                        v.to_lowercase()
                    }
                })
            })
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel(if upper { "upper" } else { "lower" }, kernel))
}

/// UPPER/LOWER of an all-ASCII column: one pass over its bytes, same offsets and NULLs (ASCII maps to ASCII
/// one to one under Java's rules too).
fn ascii_case(s: &StringArray, upper: bool) -> StringArray {
    let values: Vec<u8> = if upper {
        s.value_data().iter().map(u8::to_ascii_uppercase).collect()
    } else {
        s.value_data().iter().map(u8::to_ascii_lowercase).collect()
    };
    // SAFETY: ASCII bytes mapped to ASCII bytes keep the buffer valid UTF-8 and every offset on a char boundary.
    unsafe {
        StringArray::new_unchecked(
            s.offsets().clone(),
            Buffer::from(values),
            s.nulls().cloned(),
        )
    }
}

/// `SqlFunctionUtils.initcap(s)`.
pub fn initcap(s: &str) -> String {
    let mut cap_next = true;
    s.chars()
        .map(|c| {
            if !c.is_ascii_alphanumeric() {
                cap_next = true;
                return c;
            }
            let out = if cap_next {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
            cap_next = false;
            out
        })
        .collect()
}

/// Builds `initcap(s)`.
pub fn build_initcap(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    super::row_wise(
        args,
        |v| Ok(Some(initcap(v[0].str()))),
        super::string_result,
    )
}

#[cfg(test)]
mod tests {
    use super::initcap;

    #[test]
    fn initcap_is_ascii_only() {
        assert_eq!(initcap("hello world!"), "Hello World!");
        assert_eq!(initcap("ABC dEF"), "Abc Def");
        assert_eq!(initcap("xyz_under"), "Xyz_Under");
        assert_eq!(initcap("1abc 2DEF"), "1abc 2def");
        assert_eq!(initcap("ümlaut äöü"), "üMlaut äöü");
        assert_eq!(initcap("straße x"), "StraßE X");
        assert_eq!(initcap("emoji 😀ok"), "Emoji 😀Ok");
        assert_eq!(initcap(""), "");
    }

    #[test]
    fn java_case_rules() {
        assert_eq!("straße".to_uppercase(), "STRASSE");
        assert_eq!("ΟΔΟΣ".to_lowercase(), "οδος");
        assert_eq!("𐐀".to_lowercase(), "𐐨");
    }
}
