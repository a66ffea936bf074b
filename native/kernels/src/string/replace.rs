//! REPLACE(s, search, replacement): Java `String.replace(CharSequence, CharSequence)`, left to right
//! and non-overlapping. An empty search string inserts the replacement before every UTF-16 unit and
//! at the end, splitting surrogate pairs (stored as '?').

use std::sync::Arc;

use datafusion_common::Result as DfResult;
use datafusion_physical_expr::PhysicalExpr;

use super::{check_java_length, expect_string, from_java_utf16, row_wise, string_result};
use crate::registry::BuildArgs;
use ember_common::Result;

/// `s.replace(search, replacement)`.
pub fn java_replace(s: &str, search: &str, replacement: &str) -> DfResult<String> {
    if !search.is_empty() {
        return Ok(s.replace(search, replacement));
    }
    let units: Vec<u16> = s.encode_utf16().collect();
    let repl: Vec<u16> = replacement.encode_utf16().collect();
    check_java_length((units.len() + 1).saturating_mul(repl.len() + 1))?;
    let mut out = repl.clone();
    for u in units {
        out.push(u);
        out.extend_from_slice(&repl);
    }
    Ok(from_java_utf16(&out))
}

/// Builds `replace(s, search, replacement)`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(3)?;
    for i in 0..3 {
        expect_string(args, i)?;
    }
    row_wise(
        args,
        |v| java_replace(v[0].str(), v[1].str(), v[2].str()).map(Some),
        string_result,
    )
}

#[cfg(test)]
mod tests {
    use super::java_replace;

    fn r(s: &str, a: &str, b: &str) -> String {
        java_replace(s, a, b).unwrap_or_default()
    }

    #[test]
    fn java_string_replace() {
        assert_eq!(r("banana", "an", "AN"), "bANANa");
        assert_eq!(r("aaaa", "aa", "b"), "bb");
        assert_eq!(r("aaa", "aa", "b"), "ba");
        assert_eq!(r("abc", "", "-"), "-a-b-c-");
        assert_eq!(r("", "", "-"), "-");
        assert_eq!(r("😀", "", "-"), "-?-?-");
        assert_eq!(r("😀", "", ""), "😀");
        assert_eq!(r("emoji 😀 ok", "😀", "x"), "emoji x ok");
        assert_eq!(r("abc", "x", "y"), "abc");
    }
}
