//! LPAD, RPAD, REPEAT: `SqlFunctionUtils.lpad / rpad / repeat` on Java `String`s, so lengths count
//! UTF-16 units and a cut can split a surrogate pair (stored as '?', see [`from_java_utf16`]).
//!
//! LPAD/RPAD: NULL for a negative length or an empty pad, '' for length 0, the string is cut to the
//! length. REPEAT: '' for a count <= 0.

use std::sync::Arc;

use datafusion_common::Result as DfResult;
use datafusion_physical_expr::PhysicalExpr;

use super::{check_java_length, from_java_utf16, row_wise, string_result};
use crate::registry::BuildArgs;
use ember_common::Result;

/// `SqlFunctionUtils.lpad(base, len, pad)` (`left = true`) or `rpad`.
pub fn pad(base: &str, len: i32, pad: &str, left: bool) -> DfResult<Option<String>> {
    if len < 0 || pad.is_empty() {
        return Ok(None);
    }
    let len = len as usize;
    check_java_length(len)?;
    let base: Vec<u16> = base.encode_utf16().collect();
    let pad: Vec<u16> = pad.encode_utf16().collect();
    let mut data = Vec::with_capacity(len);
    if left {
        let fill = len.saturating_sub(base.len());
        data.extend(pad.iter().cycle().take(fill));
        data.extend(base.iter().take(len - fill));
    } else {
        data.extend(base.iter().take(len));
        let fill = len - data.len();
        data.extend(pad.iter().cycle().take(fill));
    }
    Ok(Some(from_java_utf16(&data)))
}

/// `EncodingUtils.repeat(str, n)`.
pub fn repeat(s: &str, n: i32) -> DfResult<String> {
    if n <= 0 || s.is_empty() {
        return Ok(String::new());
    }
    check_java_length(s.encode_utf16().count().saturating_mul(n as usize))?;
    Ok(s.repeat(n as usize))
}

/// Builds `lpad(s, len, pad)` / `rpad(s, len, pad)`.
pub fn build_pad(left: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(3)?;
    super::expect_string(args, 0)?;
    super::expect_int(args, 1)?;
    super::expect_string(args, 2)?;
    row_wise(
        args,
        move |v| pad(v[0].str(), v[1].int(), v[2].str(), left),
        string_result,
    )
}

/// Builds `repeat(s, n)`.
pub fn build_repeat(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    super::expect_string(args, 0)?;
    super::expect_int(args, 1)?;
    row_wise(
        args,
        |v| repeat(v[0].str(), v[1].int()).map(Some),
        string_result,
    )
}

#[cfg(test)]
mod tests {
    use super::{pad, repeat};

    fn p(s: &str, n: i32, with: &str, left: bool) -> Option<String> {
        pad(s, n, with, left).ok().flatten()
    }

    #[test]
    fn lpad_rpad() {
        assert_eq!(p("hi", 5, "xy", true).as_deref(), Some("xyxhi"));
        assert_eq!(p("hi", 5, "xy", false).as_deref(), Some("hixyx"));
        assert_eq!(p("hello", 2, "x", true).as_deref(), Some("he"));
        assert_eq!(p("hello", 2, "x", false).as_deref(), Some("he"));
        assert_eq!(p("hi", 0, "x", true).as_deref(), Some(""));
        assert_eq!(p("hi", -1, "x", true), None);
        assert_eq!(p("hi", 3, "", true), None);
        assert_eq!(p("", 3, "ab", false).as_deref(), Some("aba"));
        // UTF-16 lengths: the emoji is two units; cutting it leaves a lone surrogate -> '?'.
        assert_eq!(p("😀", 3, "x", true).as_deref(), Some("x😀"));
        assert_eq!(p("a😀", 2, "x", false).as_deref(), Some("a?"));
        assert_eq!(p("ab", 3, "😀", true).as_deref(), Some("?ab"));
        assert_eq!(p("ab", 4, "😀", false).as_deref(), Some("ab😀"));
        assert!(pad("a", i32::MAX, "x", true).is_err());
    }

    #[test]
    fn repeats() {
        assert_eq!(repeat("ab", 3).ok().as_deref(), Some("ababab"));
        assert_eq!(repeat("ab", 0).ok().as_deref(), Some(""));
        assert_eq!(repeat("ab", -2).ok().as_deref(), Some(""));
        assert_eq!(repeat("", i32::MAX).ok().as_deref(), Some(""));
        assert!(repeat("ab", i32::MAX).is_err());
    }
}
