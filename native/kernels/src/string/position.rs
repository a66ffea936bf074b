//! POSITION(seek IN s) / LOCATE(seek, s [, from]): `SqlFunctionUtils.position` =
//! `s.indexOf(seek, from - 1) + 1` on `BinaryStringData`, counting code points. An empty `seek` is
//! found at 1 whatever `from`; a `from` <= 1 searches from the start; 0 when not found.

use std::sync::Arc;

use datafusion_physical_expr::PhysicalExpr;

use super::{expect_int, expect_string, int_result, row_wise};
use crate::registry::BuildArgs;
use ember_common::Result;

/// `position(seek, s, from)`.
pub fn position(seek: &str, s: &str, from: i32) -> i32 {
    if seek.is_empty() {
        return 1;
    }
    let skip = from.wrapping_sub(1).max(0) as usize;
    s.char_indices()
        .enumerate()
        .skip(skip)
        .find(|(_, (b, _))| s[*b..].starts_with(seek))
        .map_or(0, |(i, _)| i as i32 + 1)
}

/// Builds `position(seek, s [, from])`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) {
        return Err(args.unsupported("expects 2 or 3 arguments"));
    }
    expect_string(args, 0)?;
    expect_string(args, 1)?;
    if args.args.len() == 3 {
        expect_int(args, 2)?;
    }
    row_wise(
        args,
        |v| {
            let from = v.get(2).map_or(1, |f| f.int());
            Ok(Some(position(v[0].str(), v[1].str(), from)))
        },
        int_result,
    )
}

#[cfg(test)]
mod tests {
    use super::position;

    #[test]
    fn code_point_positions() {
        assert_eq!(position("l", "hello", 1), 3);
        assert_eq!(position("l", "hello", 4), 4);
        assert_eq!(position("l", "hello", 5), 0);
        assert_eq!(position("x", "hello", 1), 0);
        assert_eq!(position("ok", "emoji 😀 ok", 1), 9);
        assert_eq!(position("😀", "emoji 😀 ok", 7), 7);
        assert_eq!(position("", "abc", 99), 1);
        assert_eq!(position("", "", 1), 1);
        assert_eq!(position("a", "", 1), 0);
        assert_eq!(position("a", "abc", 0), 1);
        assert_eq!(position("a", "abc", -5), 1);
        assert_eq!(position("a", "abc", i32::MIN), 0);
        assert_eq!(position("c", "abc", i32::MAX), 0);
    }
}
