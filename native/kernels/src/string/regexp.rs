//! REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE: `SqlFunctionUtils.regExp / regexpExtract /
//! regexpReplace` with a literal pattern, translated once per plan by [`JavaRegex`].
//!
//! All three return NULL when an argument is NULL (`generate*CallIfArgsNotNull`). Flink catches
//! every exception: an invalid pattern gives FALSE (REGEXP) or NULL (the others), and so does a
//! group index out of range or negative (REGEXP_EXTRACT). REGEXP with an empty pattern is FALSE.
//! The replacement of REGEXP_REPLACE goes through `Matcher.quoteReplacement`: it is literal.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion_physical_expr::PhysicalExpr;

use super::java_regex::{JavaRegex, Refusal};
use super::{expect_string, literal_string, strings};
use crate::registry::BuildArgs;
use ember_common::Result;

/// The compiled literal pattern of argument 1; `None` when every row is NULL/failed (NULL literal
/// or a pattern `Pattern.compile` rejects).
fn pattern(args: &BuildArgs) -> Result<Option<JavaRegex>> {
    let p =
        literal_string(args, 1).ok_or_else(|| args.unsupported("the pattern must be a literal"))?;
    let Some(p) = p else { return Ok(None) };
    match JavaRegex::new(&p) {
        Ok(re) => Ok(Some(re)),
        Err(Refusal::Invalid(_)) => Ok(None),
        Err(Refusal::Unsupported(why)) => Err(args.unsupported(format!("pattern {p:?}: {why}"))),
    }
}

/// Builds `regexp(s, pattern)`.
pub fn build_regexp(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    expect_string(args, 0)?;
    expect_string(args, 1)?;
    let null_pattern = matches!(literal_string(args, 1), Some(None));
    let empty = matches!(literal_string(args, 1), Some(Some(ref p)) if p.is_empty());
    let re = if empty { None } else { pattern(args)? };
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let s = strings(&a[0])?;
        let out: BooleanArray = s
            .iter()
            .map(|v| match (v, &re) {
                (None, _) => None,
                _ if null_pattern => None,
                (Some(v), Some(re)) => Some(re.is_found(v)),
                (Some(_), None) => Some(false),
            })
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("regexp", kernel))
}

/// Builds `regexp_extract(s, pattern [, index])`; index is INT (or BIGINT, cast to int like the
/// `long` overload does).
pub fn build_extract(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) {
        return Err(args.unsupported("expects 2 or 3 arguments"));
    }
    expect_string(args, 0)?;
    expect_string(args, 1)?;
    if args.args.len() == 3 && !args.arg_types[2].is_integer() {
        return Err(args.unsupported("the group index must be an integer"));
    }
    let re = pattern(args)?;
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let s = strings(&a[0])?;
        let idx = match a.get(2) {
            Some(i) => Some(cast(i, &DataType::Int64)?),
            None => None,
        };
        let idx = idx.as_ref().map(|i| i.as_primitive::<Int64Type>());
        let mut b = StringBuilder::with_capacity(s.len(), s.value_data().len());
        for i in 0..s.len() {
            // (int) cast of the long overload; 0 when there is no index argument.
            let group = match idx {
                Some(g) if g.is_null(i) => None,
                Some(g) => Some(g.value(i) as i32),
                None => Some(0),
            };
            let v = match (&re, s.is_valid(i), group) {
                (Some(re), true, Some(g)) if g >= 0 && g as usize <= re.groups => {
                    re.find_at(s.value(i), 0).and_then(|m| m.group(g as usize))
                }
                _ => None,
            };
            b.append_option(v);
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    });
    Ok(args.kernel("regexp_extract", kernel))
}

/// Builds `regexp_replace(s, pattern, replacement)`.
pub fn build_replace(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(3)?;
    for i in 0..3 {
        expect_string(args, i)?;
    }
    let re = pattern(args)?;
    if re.as_ref().is_some_and(|r| r.nullable) {
        return Err(args.unsupported(
            "a pattern that can match the empty string (Java then steps through UTF-16 units)",
        ));
    }
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let s = strings(&a[0])?;
        let r = strings(&a[2])?;
        let mut b = StringBuilder::with_capacity(s.len(), s.value_data().len());
        for i in 0..s.len() {
            match &re {
                Some(re) if s.is_valid(i) && r.is_valid(i) => {
                    b.append_value(re.replace_all(s.value(i), r.value(i)))
                }
                _ => b.append_null(),
            }
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    });
    Ok(args.kernel("regexp_replace", kernel))
}
