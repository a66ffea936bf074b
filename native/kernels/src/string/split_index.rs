//! SPLIT_INDEX(s, separator, index): `SqlFunctionUtils.splitIndex(String, String, int)` =
//! commons-lang3 `StringUtils.splitByWholeSeparatorPreserveAllTokens(s, separator)[index]`.
//!
//! NULL for a negative or too large index and for an empty `s` (no tokens at all). An empty
//! separator splits at every `Character.isWhitespace` character (each one ends a token).
//! The `(s, INT character, index)` overload is not supported.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, StringBuilder};
use arrow::datatypes::FieldRef;
use datafusion_common::ScalarValue;
use datafusion_physical_expr::PhysicalExpr;
use memchr::memmem::Finder;

use super::{expect_int, expect_string, literal_string, row_wise, string_result, strings};
use crate::registry::BuildArgs;
use ember_common::Result;

/// `Character.isWhitespace` (Java 17): Unicode space separators except no-break spaces, line and
/// paragraph separators, and the ASCII controls 9-13 and 28-31.
pub fn java_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1C}'..='\u{1F}'
            | ' '
            | '\u{1680}'
            | '\u{2000}'..='\u{2006}'
            | '\u{2008}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// `splitIndex(s, separator, index)`.
pub fn split_index<'a>(s: &'a str, separator: &str, index: i32) -> Option<&'a str> {
    if index < 0 || s.is_empty() {
        return None;
    }
    let index = index as usize;
    if separator.is_empty() {
        s.split(java_whitespace).nth(index)
    } else {
        s.split(separator).nth(index)
    }
}

/// Token `index` of non-empty `s` split at every (non-overlapping, left to right) match of `separator`:
/// `split_index` for a non-empty separator, searched with a prebuilt SIMD finder.
fn nth_token<'a>(s: &'a str, separator: &Finder, index: usize) -> Option<&'a str> {
    let bytes = s.as_bytes();
    let mut start = 0;
    for _ in 0..index {
        start += separator.find(&bytes[start..])? + separator.needle().len();
    }
    let end = separator
        .find(&bytes[start..])
        .map_or(bytes.len(), |at| start + at);
    // A match of a UTF-8 needle in UTF-8 text starts and ends at character boundaries.
    s.get(start..end)
}

/// Builds `split_index(s, separator, index)`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(3)?;
    expect_string(args, 0)?;
    expect_string(args, 1)?;
    expect_int(args, 2)?;
    let index = match args.literal(2) {
        Some(ScalarValue::Int8(Some(i))) => Some(i32::from(*i)),
        Some(ScalarValue::Int16(Some(i))) => Some(i32::from(*i)),
        Some(ScalarValue::Int32(Some(i))) => Some(*i),
        _ => None,
    };
    if let (Some(Some(separator)), Some(index)) = (literal_string(args, 1), index)
        && !separator.is_empty()
    {
        // The usual shape (`SPLIT_INDEX(url, '/', 3)`): one finder, results appended without a String each.
        let finder = Finder::new(separator.as_bytes()).into_owned();
        let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
            let s = strings(&a[0])?;
            let mut out = StringBuilder::with_capacity(s.len(), s.value_data().len());
            for i in 0..s.len() {
                let token = match usize::try_from(index) {
                    Ok(index) if s.is_valid(i) && !s.value(i).is_empty() => {
                        nth_token(s.value(i), &finder, index)
                    }
                    _ => None,
                };
                out.append_option(token);
            }
            Ok(Arc::new(out.finish()) as ArrayRef)
        });
        return Ok(args.kernel(&args.name, kernel));
    }
    row_wise(
        args,
        |v| Ok(split_index(v[0].str(), v[1].str(), v[2].int()).map(str::to_string)),
        string_result,
    )
}

#[cfg(test)]
mod tests {
    use super::{Finder, nth_token, split_index};

    #[test]
    fn literal_separator_path_agrees_with_split() {
        let texts = [
            "a,b,,c",
            "a,b,",
            ",a",
            "aaa",
            "aaaa",
            "a::b",
            "abc",
            "https://www.nexmark.com/abc/def/item.htm?query=1",
            "emoji 😀 ok 😀",
            "::",
            ":::",
        ];
        for separator in [",", "aa", "::", "/", "😀", ":"] {
            let finder = Finder::new(separator.as_bytes());
            for text in texts {
                for index in 0..6 {
                    assert_eq!(
                        nth_token(text, &finder, index as usize),
                        split_index(text, separator, index),
                        "{text:?} {separator:?} {index}"
                    );
                }
            }
        }
    }

    #[test]
    fn preserves_all_tokens() {
        assert_eq!(split_index("a,b,,c", ",", 0), Some("a"));
        assert_eq!(split_index("a,b,,c", ",", 2), Some(""));
        assert_eq!(split_index("a,b,,c", ",", 3), Some("c"));
        assert_eq!(split_index("a,b,,c", ",", 4), None);
        assert_eq!(split_index("a,b,", ",", 2), Some(""));
        assert_eq!(split_index(",a", ",", 0), Some(""));
        assert_eq!(split_index("aaa", "aa", 1), Some("a"));
        assert_eq!(split_index("a::b", "::", 1), Some("b"));
        assert_eq!(split_index("abc", ",", 0), Some("abc"));
        assert_eq!(split_index("", ",", 0), None);
        assert_eq!(split_index("a,b", ",", -1), None);
        assert_eq!(split_index("emoji 😀 ok", "😀", 1), Some(" ok"));
    }

    #[test]
    fn empty_separator_splits_at_whitespace() {
        assert_eq!(split_index("a b\tc", "", 2), Some("c"));
        assert_eq!(split_index("  padded  ", "", 0), Some(""));
        assert_eq!(split_index("  padded  ", "", 2), Some("padded"));
        assert_eq!(split_index("a\u{00A0}b", "", 0), Some("a\u{00A0}b"));
        assert_eq!(split_index("a ", "", 1), Some(""));
    }
}
