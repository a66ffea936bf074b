//! JSON_VALUE(js, path) returning STRING with the default `NULL ON EMPTY` / `NULL ON ERROR`
//! (`SqlJsonUtils.jsonValue`): a scalar at the path becomes its Java `toString()` (numbers as Jackson
//! parsed them, booleans `true`/`false`, strings unescaped); a missing path, JSON null, an object or
//! array (empty in lax mode, an error in strict mode) and a malformed document all give NULL, so lax and
//! strict agree. The path must be a literal of the subset [`JsonPath`] supports.

use std::sync::Arc;

use arrow::array::{ArrayRef, StringArray};
use arrow::datatypes::FieldRef;
use datafusion_common::ScalarValue;
use datafusion_physical_expr::PhysicalExpr;

use super::{JsonPath, Value, parse};
use crate::registry::BuildArgs;
use crate::string::{expect_string, strings};
use ember_common::Result;

/// `JSON_VALUE(text, path)` for one document.
pub fn json_value(text: &str, path: &JsonPath) -> Option<String> {
    let doc = parse(text)?;
    match path.eval(&doc)? {
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.clone()),
        Value::Str(s) => Some(s.clone()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Builds `json_value(js, path)`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    expect_string(args, 0)?;
    if !args.output.is_string() {
        return Err(args.unsupported("only RETURNING STRING runs natively"));
    }
    let path = match args.literal(1) {
        Some(ScalarValue::Utf8(Some(p))) => JsonPath::parse(p).ok_or_else(|| {
            args.unsupported(format!(
                "the path '{p}' is outside the supported subset ($, .name, ['name'], [index])"
            ))
        })?,
        _ => return Err(args.unsupported("the path must be a string literal")),
    };
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let out: StringArray = strings(&a[0])?
            .iter()
            .map(|v| v.and_then(|v| json_value(v, &path)))
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("json_value", kernel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jv(doc: &str, path: &str) -> Option<String> {
        json_value(doc, &JsonPath::parse(path).expect("supported path"))
    }

    #[test]
    fn scalars_and_non_scalars() {
        let doc = "{\"a\":1,\"b\":\"x\",\"c\":{\"d\":[1,2,3],\"e\":null},\"f\":true,\"g\":-3.5e2}";
        assert_eq!(jv(doc, "$.a").as_deref(), Some("1"));
        assert_eq!(jv(doc, "strict $.b").as_deref(), Some("x"));
        assert_eq!(jv(doc, "$.f").as_deref(), Some("true"));
        assert_eq!(jv(doc, "$.g").as_deref(), Some("-3.5E+2"));
        assert_eq!(jv(doc, "$.c"), None);
        assert_eq!(jv(doc, "$.c.d"), None);
        assert_eq!(jv(doc, "$.c.e"), None);
        assert_eq!(jv(doc, "strict $.zz"), None);
        assert_eq!(jv("[1,2,{\"a\":5}]", "$[2].a").as_deref(), Some("5"));
        assert_eq!(jv("12", "$").as_deref(), Some("12"));
        assert_eq!(jv("{\"a\":", "$.a"), None);
        assert_eq!(jv("", "$"), None);
        assert_eq!(jv("{\"b\":\"😀\"}", "$.b").as_deref(), Some("😀"));
    }
}
