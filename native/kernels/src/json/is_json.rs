//! `js IS JSON [VALUE | OBJECT | ARRAY | SCALAR]` (`SqlJsonUtils.isJsonValue/Object/Array/Scalar`):
//! whether Jackson parses the text (into a map / list / anything else); NULL input is FALSE.

use std::sync::Arc;

use arrow::array::{ArrayRef, BooleanArray};
use arrow::datatypes::FieldRef;
use datafusion_physical_expr::PhysicalExpr;

use super::{Value, parse};
use crate::registry::BuildArgs;
use crate::string::{expect_string, strings};
use ember_common::Result;

/// Which IS JSON predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// IS JSON [VALUE]
    Value,
    /// IS JSON OBJECT
    Object,
    /// IS JSON ARRAY
    Array,
    /// IS JSON SCALAR
    Scalar,
}

/// Whether `text` is JSON of `kind`.
pub fn is_json(text: &str, kind: JsonKind) -> bool {
    match (parse(text), kind) {
        (None, _) => false,
        (Some(_), JsonKind::Value) => true,
        (Some(v), JsonKind::Object) => matches!(v, Value::Object(_)),
        (Some(v), JsonKind::Array) => matches!(v, Value::Array(_)),
        (Some(v), JsonKind::Scalar) => !matches!(v, Value::Object(_) | Value::Array(_)),
    }
}

/// Builds `is_json_<kind>(js)`.
pub fn build(kind: JsonKind, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let out: BooleanArray = strings(&a[0])?
            .iter()
            .map(|v| Some(v.is_some_and(|v| is_json(v, kind))))
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("is_json", kernel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert!(is_json("{}", JsonKind::Object));
        assert!(!is_json("[1]", JsonKind::Object));
        assert!(is_json("[1]", JsonKind::Array));
        assert!(is_json("\"x\"", JsonKind::Scalar));
        assert!(is_json("null", JsonKind::Scalar));
        assert!(!is_json("not json", JsonKind::Value));
        assert!(!is_json("", JsonKind::Value));
    }
}
