//! LEFT(s, n), RIGHT(s, n), REVERSE(s) as `StringCallGen` generates them on `BinaryStringData`
//! (code points): '' for n <= 0, else `substringSQL(s, 1, n)` / the whole string when n >= the
//! length / `substringSQL(s, -n)`; REVERSE reverses the code points.

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;

use super::substring::substring_sql;
use super::{expect_int, expect_string, row_wise, string_result};
use crate::registry::BuildArgs;
use ember_common::Result;

/// LEFT (`left = true`) or RIGHT.
pub fn left_right(s: &str, n: i32, left: bool) -> &str {
    if n <= 0 {
        ""
    } else if left {
        substring_sql(s, 1, n).unwrap_or("")
    } else if n as usize >= s.chars().count() {
        s
    } else {
        substring_sql(s, -n, i32::MAX).unwrap_or("")
    }
}

/// Builds `left(s, n)` / `right(s, n)`.
pub fn build(left: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    expect_string(args, 0)?;
    expect_int(args, 1)?;
    row_wise(
        args,
        move |v| Ok(Some(left_right(v[0].str(), v[1].int(), left).to_string())),
        string_result,
    )
}

/// Builds `reverse(s)`.
pub fn build_reverse(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    row_wise(
        args,
        |v| Ok(Some(v[0].str().chars().rev().collect::<String>())),
        string_result,
    )
}

#[cfg(test)]
mod tests {
    use super::left_right;

    #[test]
    fn left_and_right() {
        assert_eq!(left_right("hello", 2, true), "he");
        assert_eq!(left_right("hello", 2, false), "lo");
        assert_eq!(left_right("hello", 0, true), "");
        assert_eq!(left_right("hello", -3, false), "");
        assert_eq!(left_right("hello", 99, true), "hello");
        assert_eq!(left_right("hello", i32::MAX, false), "hello");
        assert_eq!(left_right("emoji 😀 ok", 7, true), "emoji 😀");
        assert_eq!(left_right("emoji 😀 ok", 4, false), "😀 ok");
        assert_eq!(left_right("", 3, false), "");
        assert_eq!("a😀ç".chars().rev().collect::<String>(), "ç😀a");
    }
}
