//! `s LIKE pattern [ESCAPE e]` with literal pattern/escape, as Flink's `LikeCallGen` evaluates it.
//!
//! 2 arguments: a pattern without '_' is matched with equals/startsWith/endsWith/contains/
//! `SqlLikeChainChecker` ('%' = any sequence, every other character literal, backslashes included);
//! a pattern with '_' is compiled by `SqlLikeUtils.sqlToRegexLike` where '_' is Java regex `.` (one code
//! point, not a line terminator) and '%' is `(?s:.*)`. A pattern with both '_' and a backslash is
//! Unsupported (we have not verified the escape default of that path).
//!
//! 3 arguments: `LikeCallGen`'s rewrite first (a backslash always takes the next character
//! literally; the escape character before '_' or itself yields that character; before '%' the quick
//! path is abandoned; a bare '_' abandons it too); if it succeeds the rewritten pattern is matched with
//! '%' as the only wildcard, else `sqlToRegexLike(pattern, escape)` (escape + '_'/'%'/escape is that
//! literal character). Patterns Flink rejects (invalid escape sequences) are Unsupported.
//! A non-literal pattern or escape is Unsupported.

use std::sync::Arc;

use arrow::array::{ArrayRef, BooleanArray};
use datafusion_common::ScalarValue;
use datafusion_physical_expr::PhysicalExpr;
use regex::Regex;

use super::{expect_all_strings, strings};
use crate::registry::BuildArgs;
use ember_common::{EmberError, Result};

/// One element of a compiled LIKE pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// '%': any sequence (incl. line terminators).
    Any,
    /// '_': one code point except Java line terminators.
    One,
    /// A literal character.
    Lit(char),
}

fn compile(pattern: &str, toks: &[Tok]) -> Result<Regex> {
    let mut re = String::with_capacity(toks.len() * 2 + 8);
    re.push_str("\\A(?:");
    for t in toks {
        match t {
            Tok::Any => re.push_str("(?s:.*)"),
            // Java's '.' without DOTALL excludes \n, \r, U+0085, U+2028, U+2029.
            Tok::One => re.push_str("[^\\n\\r\\u{85}\\u{2028}\\u{2029}]"),
            Tok::Lit(c) => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push_str(")\\z");
    Regex::new(&re).map_err(|e| EmberError::Plan(format!("LIKE pattern {pattern:?}: {e}")))
}

/// Compiles a LIKE pattern without escape character ('%' and '_' wildcards).
pub fn like_regex(pattern: &str) -> Result<Regex> {
    let toks: Vec<Tok> = pattern
        .chars()
        .map(|c| match c {
            '%' => Tok::Any,
            '_' => Tok::One,
            c => Tok::Lit(c),
        })
        .collect();
    compile(pattern, &toks)
}

/// Compiles `pattern ESCAPE escape` the way `LikeCallGen` does; `None` if Flink rejects it.
pub fn like_escape_regex(pattern: &str, escape: &str) -> Result<Option<Regex>> {
    let esc: Vec<char> = escape.chars().collect();
    let escape_char = match esc.as_slice() {
        [c] => *c,
        ['\\', c] => *c,
        _ => return Ok(None),
    };
    let p: Vec<char> = pattern.chars().collect();
    // LikeCallGen's quick-path rewrite.
    let mut quick = Vec::with_capacity(p.len());
    let mut matched = true;
    let mut i = 0;
    while i < p.len() && matched {
        let mut c = p[i];
        if c == '\\' {
            i += 1;
            match p.get(i) {
                Some(n) => c = *n,
                None => return Ok(None), // charAt out of bounds at code generation
            }
        }
        if c == escape_char {
            match p.get(i + 1) {
                None => return Ok(None),
                Some('%') => matched = false,
                Some(n) if *n == '_' || *n == escape_char => {
                    quick.push(Tok::Lit(*n));
                    i += 1;
                }
                Some(_) => return Ok(None),
            }
        } else if c == '_' {
            matched = false;
        } else if c == '%' {
            quick.push(Tok::Any);
        } else {
            quick.push(Tok::Lit(c));
        }
        i += 1;
    }
    if matched {
        return compile(pattern, &quick).map(Some);
    }
    // SqlLikeUtils.sqlToRegexLike(pattern, escape).
    let mut toks = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        let c = p[i];
        if c == escape_char {
            match p.get(i + 1) {
                Some(n) if *n == '_' || *n == '%' || *n == escape_char => {
                    toks.push(Tok::Lit(*n));
                    i += 2;
                    continue;
                }
                _ => return Ok(None),
            }
        }
        toks.push(match c {
            '_' => Tok::One,
            '%' => Tok::Any,
            c => Tok::Lit(c),
        });
        i += 1;
    }
    compile(pattern, &toks).map(Some)
}

/// Builds `like(s, pattern)`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) {
        return Err(args.unsupported("expects 2 or 3 arguments"));
    }
    expect_all_strings(args)?;
    let literal = |i: usize| match args.literal(i) {
        Some(ScalarValue::Utf8(p)) => Ok(p.clone()),
        _ => Err(args.unsupported("the pattern and escape must be literals")),
    };
    let pattern = literal(1)?;
    let escape = if args.args.len() == 3 {
        Some(literal(2)?)
    } else {
        None
    };
    let matcher = match (&pattern, &escape) {
        (None, _) | (_, Some(None)) => None,
        (Some(p), None) if p.contains('_') && p.contains('\\') => {
            return Err(args.unsupported("a pattern with both '_' and a backslash"));
        }
        (Some(p), None) => Some(like_regex(p)?),
        (Some(p), Some(Some(e))) => Some(
            like_escape_regex(p, e)?
                .ok_or_else(|| args.unsupported("invalid escape character or sequence"))?,
        ),
    };
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let s = strings(&a[0])?;
        let out: BooleanArray = match &matcher {
            None => s.iter().map(|_| None).collect(),
            Some(m) => s.iter().map(|v| v.map(|v| m.is_match(v))).collect(),
        };
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("like", kernel))
}

#[cfg(test)]
mod tests {
    use super::{like_escape_regex, like_regex};

    #[test]
    fn like_escape_semantics() -> ember_common::Result<()> {
        let re = |p: &str, e: &str| like_escape_regex(p, e).ok().flatten();
        let m = re("a\\_%", "\\").ok_or_else(|| ember_common::EmberError::Plan("none".into()))?;
        assert!(m.is_match("a_bXc"));
        assert!(!m.is_match("abc"));
        let m = re("a!%b", "!").ok_or_else(|| ember_common::EmberError::Plan("none".into()))?;
        assert!(m.is_match("a%b"));
        assert!(!m.is_match("axb"));
        let m = re("a!!_", "!").ok_or_else(|| ember_common::EmberError::Plan("none".into()))?;
        assert!(m.is_match("a!x"));
        assert!(re("a!x", "!").is_none());
        assert!(re("a!", "!").is_none());
        assert!(re("a", "ab").is_none());
        Ok(())
    }

    #[test]
    fn like_semantics() -> ember_common::Result<()> {
        assert!(like_regex("abc%")?.is_match("abcdef"));
        assert!(!like_regex("abc%")?.is_match("xabc"));
        assert!(like_regex("%b%")?.is_match("a\nb\nc"));
        assert!(like_regex("a_c")?.is_match("a😀c"));
        assert!(!like_regex("a_c")?.is_match("a\nc"));
        assert!(like_regex("a.c")?.is_match("a.c"));
        assert!(!like_regex("a.c")?.is_match("abc"));
        assert!(like_regex("a\\%")?.is_match("a\\xyz"));
        assert!(like_regex("")?.is_match(""));
        assert!(!like_regex("ab%ba")?.is_match("aba"));
        assert!(like_regex("%")?.is_match(""));
        Ok(())
    }
}
