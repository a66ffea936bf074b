//! TRIM([BOTH|LEADING|TRAILING] chars FROM s): `BinaryStringDataUtil.trim(str, leading, trailing,
//! seek)`, which strips any code point contained in `chars` from the chosen ends.
//!
//! Flink special-cases a trim string that "is a space" (`isSpaceString`: `" "` for a Java-backed
//! string, first byte `' '` for a binary one) to strip only U+0020. Which representation a value has
//! is not observable here, so `chars` must be a literal and a literal that starts with a space but is
//! not exactly `" "` is Unsupported.

use std::sync::Arc;

use arrow::array::{ArrayRef, StringArray};
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, literal_string, strings};
use crate::registry::BuildArgs;
use ember_common::Result;

/// Trims `chars` from `s` on the chosen ends.
pub fn trim_chars<'a>(s: &'a str, leading: bool, trailing: bool, chars: &str) -> &'a str {
    let mut out = s;
    if leading {
        out = out.trim_start_matches(|c: char| chars.contains(c));
    }
    if trailing {
        out = out.trim_end_matches(|c: char| chars.contains(c));
    }
    out
}

/// Builds `trim(mode, chars, s)` (Calcite's argument order).
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(3)?;
    expect_string(args, 1)?;
    expect_string(args, 2)?;
    let mode = literal_string(args, 0)
        .flatten()
        .ok_or_else(|| args.unsupported("mode must be a string literal"))?;
    let (leading, trailing) = match mode.as_str() {
        "BOTH" => (true, true),
        "LEADING" => (true, false),
        "TRAILING" => (false, true),
        other => return Err(args.unsupported(format!("unknown trim mode {other}"))),
    };
    trim_expr(args, 2, trim_literal(args, 1)?, leading, trailing)
}

/// Builds `ltrim(s [, chars])` (`leading = true`) / `rtrim(s [, chars])`:
/// `BinaryStringDataUtil.trimLeft/trimRight`; without `chars` only U+0020 is removed.
pub fn build_side(leading: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(1..=2).contains(&args.args.len()) {
        return Err(args.unsupported("expects 1 or 2 arguments"));
    }
    expect_string(args, 0)?;
    let chars = if args.args.len() == 2 {
        expect_string(args, 1)?;
        trim_literal(args, 1)?
    } else {
        Some(" ".to_string())
    };
    trim_expr(args, 0, chars, leading, !leading)
}

/// The literal trim characters of argument `i` (`None` for a NULL literal).
fn trim_literal(args: &BuildArgs, i: usize) -> Result<Option<String>> {
    match literal_string(args, i) {
        None => Err(args.unsupported("trim characters must be a literal")),
        Some(Some(c)) if c.starts_with(' ') && c != " " => Err(args.unsupported(
            "trim characters starting with a space (Flink then trims spaces only, depending on the string's internal form)",
        )),
        Some(chars) => Ok(chars),
    }
}

fn trim_expr(
    args: &BuildArgs,
    arg: usize,
    chars: Option<String>,
    leading: bool,
    trailing: bool,
) -> Result<Arc<dyn PhysicalExpr>> {
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let s = strings(&a[arg])?;
        let out: StringArray = match &chars {
            None => s.iter().map(|_| None::<&str>).collect(),
            Some(chars) => s
                .iter()
                .map(|v| v.map(|v| trim_chars(v, leading, trailing, chars)))
                .collect(),
        };
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel(&args.name, kernel))
}

#[cfg(test)]
mod tests {
    use super::trim_chars;

    #[test]
    fn trims_code_points() {
        assert_eq!(trim_chars("  a b  ", true, true, " "), "a b");
        assert_eq!(trim_chars("  a b  ", true, false, " "), "a b  ");
        assert_eq!(trim_chars("  a b  ", false, true, " "), "  a b");
        assert_eq!(trim_chars("xyaxy", true, true, "xy"), "a");
        assert_eq!(trim_chars("😀a😀", true, true, "😀"), "a");
        assert_eq!(trim_chars("aaa", true, true, "a"), "");
        assert_eq!(trim_chars("\ta\t", true, true, " "), "\ta\t");
        assert_eq!(trim_chars("abc", true, true, ""), "abc");
    }
}
