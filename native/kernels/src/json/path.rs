//! The JSON path subset that runs natively: an optional `lax`/`strict` mode, then `$` followed by
//! `.name`, `['name']` and `[index]` steps (Jayway JsonPath's definite paths without wildcards,
//! filters, slices, negative indices, deep scans or functions).

use super::Value;

/// One step of a definite path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A parsed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    steps: Vec<Step>,
}

impl JsonPath {
    /// Parses `[lax|strict] $...`; `None` for anything outside the supported subset.
    pub fn parse(spec: &str) -> Option<JsonPath> {
        let trimmed = spec.trim_start();
        let lower = trimmed.to_ascii_lowercase();
        let body = ["lax", "strict"]
            .iter()
            .find_map(|m| {
                lower
                    .strip_prefix(m)
                    .filter(|rest| rest.starts_with(char::is_whitespace))
                    .map(|_| trimmed[m.len()..].trim_start())
            })
            .unwrap_or(trimmed);
        let mut rest = body.strip_prefix('$')?;
        let mut steps = Vec::new();
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let name = &r[..end];
                let mut chars = name.chars();
                let ok_start = chars
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
                if !ok_start || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return None;
                }
                steps.push(Step::Key(name.to_string()));
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix("['") {
                let end = r.find("']")?;
                let name = &r[..end];
                if name.contains(['\'', '\\', '"']) {
                    return None;
                }
                steps.push(Step::Key(name.to_string()));
                rest = &r[end + 2..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']')?;
                let digits = &r[..end];
                if digits.is_empty()
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                    || (digits.len() > 1 && digits.starts_with('0'))
                {
                    return None;
                }
                steps.push(Step::Index(digits.parse().ok()?));
                rest = &r[end + 1..];
            } else {
                return None;
            }
        }
        Some(JsonPath { steps })
    }

    /// The value at this path, `None` where Jayway finds nothing (missing key, index out of range,
    /// wrong container type).
    pub fn eval<'a>(&self, root: &'a Value) -> Option<&'a Value> {
        let mut v = root;
        for step in &self.steps {
            v = match (step, v) {
                (Step::Key(k), Value::Object(_)) => v.get(k)?,
                (Step::Index(i), Value::Array(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn supported_paths() {
        for p in [
            "$",
            "$.a",
            "lax $.a.b",
            "strict $['a'][0]",
            "  LAX   $.c.d[1]",
            "$[2].a",
            "$['k y']",
        ] {
            assert!(JsonPath::parse(p).is_some(), "{p}");
        }
        for p in [
            "a",
            "$.",
            "$..a",
            "$.*",
            "$[*]",
            "$[-1]",
            "$[0:1]",
            "$.a.length()",
            "$[?(@.a)]",
            "lax$.a",
            "$[01]",
            "$.a b",
        ] {
            assert!(JsonPath::parse(p).is_none(), "{p}");
        }
    }

    #[test]
    fn evaluation() {
        let doc = parse("{\"a\":1,\"c\":{\"d\":[1,2,3],\"e\":null}}").expect("valid");
        let at = |p: &str| JsonPath::parse(p).and_then(|p| p.eval(&doc).cloned());
        assert_eq!(at("$.a"), Some(Value::Number("1".into())));
        assert_eq!(at("$.c.d[1]"), Some(Value::Number("2".into())));
        assert_eq!(at("$.c.d[3]"), None);
        assert_eq!(at("$.c.e"), Some(Value::Null));
        assert_eq!(at("$.a.b"), None);
        assert_eq!(at("$[0]"), None);
        assert_eq!(at("$.zz"), None);
    }
}
