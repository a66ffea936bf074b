//! SUBSTRING(s FROM pos [FOR len]): `BinaryStringDataUtil.substringSQL`.
//!
//! 1-based; pos 0 behaves like 1; a negative pos counts from the end (and yields '' if it reaches
//! before the start); a negative len gives NULL; NULL pos/len give NULL.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Int32Type};
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, strings};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// `substringSQL(str, pos, length)`; `None` for Flink's NULL.
pub fn substring_sql(s: &str, pos: i32, length: i32) -> Option<&str> {
    if length < 0 {
        return None;
    }
    if s.is_empty() {
        return Some("");
    }
    let num_chars = s.chars().count() as i64;
    let start: i64 = if pos > 0 {
        let start = pos as i64 - 1;
        if start >= num_chars {
            return Some("");
        }
        start
    } else if pos < 0 {
        let start = num_chars + pos as i64;
        if start < 0 {
            return Some("");
        }
        start
    } else {
        0
    };
    let end = if num_chars - start < length as i64 {
        num_chars
    } else {
        start + length as i64
    };
    let byte_at = |c: i64| {
        s.char_indices()
            .nth(c as usize)
            .map(|(b, _)| b)
            .unwrap_or(s.len())
    };
    let (b0, b1) = (byte_at(start), byte_at(end));
    Some(&s[b0..b1])
}

/// Builds `substring(s, pos [, len])`; pos/len must be TINYINT/SMALLINT/INT.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) {
        return Err(args.unsupported("expects 2 or 3 arguments"));
    }
    expect_string(args, 0)?;
    for t in &args.arg_types[1..] {
        if !matches!(
            t.kind,
            FlinkKind::TinyInt | FlinkKind::SmallInt | FlinkKind::Int
        ) {
            return Err(args.unsupported("position and length must be INT"));
        }
    }
    let kernel = Arc::new(|a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let s = strings(&a[0])?;
        let pos = cast(&a[1], &DataType::Int32)?;
        let pos = pos.as_primitive::<Int32Type>();
        let len = match a.get(2) {
            Some(l) => Some(cast(l, &DataType::Int32)?),
            None => None,
        };
        let len = len.as_ref().map(|l| l.as_primitive::<Int32Type>());
        let mut b = StringBuilder::with_capacity(s.len(), s.value_data().len());
        for i in 0..s.len() {
            let length = match len {
                Some(l) if l.is_null(i) => None,
                Some(l) => Some(l.value(i)),
                None => Some(i32::MAX),
            };
            let v = match (s.is_null(i), pos.is_null(i), length) {
                (false, false, Some(length)) => substring_sql(s.value(i), pos.value(i), length),
                _ => None,
            };
            b.append_option(v);
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    });
    Ok(args.kernel("substring", kernel))
}

#[cfg(test)]
mod tests {
    use super::substring_sql;

    #[test]
    fn flink_substring_rules() {
        assert_eq!(substring_sql("hello", 2, 3), Some("ell"));
        assert_eq!(substring_sql("hello", 0, 2), Some("he"));
        assert_eq!(substring_sql("hello", -3, 2), Some("ll"));
        assert_eq!(substring_sql("hello", -6, 2), Some(""));
        assert_eq!(substring_sql("hello", 6, 2), Some(""));
        assert_eq!(substring_sql("hello", 2, -1), None);
        assert_eq!(substring_sql("hello", 2, i32::MAX), Some("ello"));
        assert_eq!(substring_sql("", 5, 1), Some(""));
        assert_eq!(substring_sql("a😀bç", 2, 2), Some("😀b"));
        assert_eq!(substring_sql("a😀bç", -1, 5), Some("ç"));
        assert_eq!(substring_sql("abc", i32::MIN, 1), Some(""));
    }
}
