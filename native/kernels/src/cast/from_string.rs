//! CHAR/VARCHAR -> BOOLEAN / TINYINT..BIGINT / FLOAT / DOUBLE (`StringToBooleanCastRule`,
//! `StringToNumericPrimitiveCastRule`).
//!
//! Numbers: the string is first trimmed of U+0020 (`BinaryStringData.trim`), then
//! - integers: `BinaryStringDataUtil.toLong/toInt/toShort/toByte`: optional sign, ASCII digits, an
//!   optional '.' followed only by digits (the fraction is dropped), overflow fails;
//! - FLOAT/DOUBLE: `Float.parseFloat` / `Double.parseDouble` (Java grammar incl. NaN, Infinity, a
//!   trailing f/F/d/D and hexadecimal floats).
//!
//! BOOLEAN: `BinaryStringDataUtil.toBoolean`: case-insensitive t/true/y/yes/1 and f/false/n/no/0,
//! else TableException.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, BooleanArray, Float32Array, Float64Array, Int64Array};

use super::{CastKernel, RowResult, on_failure};
use crate::arithmetic::wrap_to;
use crate::string::strings;
use crate::types::{FlinkKind, FlinkType};
use ember_common::EmberError;

/// The kernel for string -> `to`, or `None` if unsupported.
pub fn kernel(to: &FlinkType) -> Option<CastKernel> {
    let to_arrow = to.to_arrow();
    Some(match to.kind {
        FlinkKind::Boolean => Arc::new(|a: &ArrayRef, safe| {
            let s = strings(a)?;
            let mut out = Vec::with_capacity(s.len());
            for v in s.iter() {
                out.push(on_failure(
                    safe,
                    v.map(to_boolean).transpose().map(Option::flatten),
                )?);
            }
            Ok(Arc::new(BooleanArray::from(out)) as ArrayRef)
        }),
        FlinkKind::TinyInt | FlinkKind::SmallInt | FlinkKind::Int | FlinkKind::BigInt => {
            let (min, max) = match to.kind {
                FlinkKind::TinyInt => (i8::MIN as i64, i8::MAX as i64),
                FlinkKind::SmallInt => (i16::MIN as i64, i16::MAX as i64),
                FlinkKind::Int => (i32::MIN as i64, i32::MAX as i64),
                _ => (i64::MIN, i64::MAX),
            };
            Arc::new(move |a: &ArrayRef, safe| {
                let s = strings(a)?;
                let mut out = Vec::with_capacity(s.len());
                for v in s.iter() {
                    let r = match v {
                        None => Ok(None),
                        Some(v) => to_integer(trim_spaces(v), min, max).map(Some),
                    };
                    out.push(on_failure(safe, r)?);
                }
                wrap_to(&Int64Array::from(out), &to_arrow)
            })
        }
        FlinkKind::Double => Arc::new(|a: &ArrayRef, safe| {
            let s = strings(a)?;
            let mut out = Vec::with_capacity(s.len());
            for v in s.iter() {
                let r = match v {
                    None => Ok(None),
                    Some(v) => parse_java_float(trim_spaces(v), false).map(Some),
                };
                out.push(on_failure(safe, r)?);
            }
            Ok(Arc::new(Float64Array::from(out)) as ArrayRef)
        }),
        FlinkKind::Float => Arc::new(|a: &ArrayRef, safe| {
            let s = strings(a)?;
            let mut out = Vec::with_capacity(s.len());
            for v in s.iter() {
                let r = match v {
                    None => Ok(None),
                    Some(v) => parse_java_float(trim_spaces(v), true).map(|v| Some(v as f32)),
                };
                out.push(on_failure(safe, r)?);
            }
            Ok(Arc::new(Float32Array::from(out)) as ArrayRef)
        }),
        _ => return None,
    })
}

/// `BinaryStringData.trim()`: strips U+0020 only.
fn trim_spaces(s: &str) -> &str {
    s.trim_matches(' ')
}

/// `BinaryStringDataUtil.toBoolean`.
pub fn to_boolean(s: &str) -> RowResult<bool> {
    match s.to_lowercase().as_str() {
        "t" | "true" | "y" | "yes" | "1" => Ok(Some(true)),
        "f" | "false" | "n" | "no" | "0" => Ok(Some(false)),
        _ => Err(EmberError::Table(format!("Cannot parse '{s}' as BOOLEAN."))),
    }
}

fn nfe(s: &str, reason: &str) -> EmberError {
    EmberError::NumberFormat(format!("For input string: '{s}'. {reason}"))
}

/// `BinaryStringDataUtil.toLong`/`toInt` (+ the range check of `toShort`/`toByte`) on a trimmed string.
pub fn to_integer(s: &str, min: i64, max: i64) -> Result<i64, EmberError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(nfe(s, "Input is empty."));
    }
    let negative = b[0] == b'-';
    let mut i = 0;
    if negative || b[0] == b'+' {
        i = 1;
        if b.len() == 1 {
            return Err(nfe(s, "Input has only positive or negative symbol."));
        }
    }
    // Accumulate negatively like Flink so that MIN parses.
    let mut result: i128 = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c == b'.' {
            break;
        }
        if !c.is_ascii_digit() {
            return Err(nfe(s, "Invalid character found."));
        }
        result = result * 10 - i128::from(c - b'0');
        // toInt/toLong detect overflow of the int/long accumulator; TINYINT/SMALLINT parse as int.
        let acc_min = if min < i32::MIN as i64 {
            i64::MIN as i128
        } else {
            i32::MIN as i128
        };
        if result < acc_min {
            return Err(nfe(s, "Overflow."));
        }
    }
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            return Err(nfe(s, "Invalid character found."));
        }
        i += 1;
    }
    let acc_max = if max > i32::MAX as i64 {
        i64::MAX as i128
    } else {
        i32::MAX as i128
    };
    if !negative {
        result = -result;
        if result > acc_max {
            return Err(nfe(s, "Overflow."));
        }
    }
    if result < min as i128 || result > max as i128 {
        return Err(nfe(s, "Overflow."));
    }
    Ok(result as i64)
}

/// Java `Double.parseDouble` (or `Float.parseFloat` when `float`): the value as f64 (exactly the
/// float's value when `float`).
pub fn parse_java_float(s: &str, float: bool) -> Result<f64, EmberError> {
    let err = || {
        EmberError::NumberFormat(if s.is_empty() {
            "empty String".to_string()
        } else {
            format!("For input string: \"{s}\"")
        })
    };
    // Java trims all chars <= U+0020.
    let t = s.trim_matches(|c: char| c <= ' ');
    if t.is_empty() {
        return Err(err());
    }
    let (neg, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let signed = |v: f64| if neg { -v } else { v };
    if body == "NaN" {
        return Ok(f64::NAN);
    }
    if body == "Infinity" {
        return Ok(signed(f64::INFINITY));
    }
    if body.starts_with("0x") || body.starts_with("0X") {
        return parse_hex(&body[2..], float).map(signed).ok_or_else(err);
    }
    let body = body.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(body);
    // Grammar: digits [. digits] | . digits, then optional [eE][+-]digits.
    let bytes = body.as_bytes();
    let mut i = 0;
    let int_digits = bytes.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        frac_digits = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return Err(err());
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let exp_digits = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp_digits == 0 {
            return Err(err());
        }
        i += exp_digits;
    }
    if i != bytes.len() {
        return Err(err());
    }
    // Rust's parsers are correctly rounded like Java's; "5." is not accepted by Rust, so normalize.
    let normalized = body.replacen(".e", ".0e", 1).replacen(".E", ".0E", 1);
    let normalized = if normalized.ends_with('.') {
        format!("{normalized}0")
    } else {
        normalized
    };
    let v = if float {
        normalized
            .parse::<f32>()
            .map(f64::from)
            .map_err(|_| err())?
    } else {
        normalized.parse::<f64>().map_err(|_| err())?
    };
    Ok(signed(v))
}

/// Hexadecimal floating point (`0x1.8p1`); only mantissas that convert exactly are accepted.
fn parse_hex(body: &str, float: bool) -> Option<f64> {
    let body = body.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(body);
    let (mant, exp) = body.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (int_part, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.len() + frac.len() == 0 || int_part.len() + frac.len() > 13 {
        return None; // more digits than we convert exactly
    }
    let m = u64::from_str_radix(&format!("{int_part}{frac}"), 16).ok()?;
    let e = exp - 4 * frac.len() as i32;
    let v = (m as f64) * 2f64.powi(e);
    if !v.is_finite() || (v != 0.0 && v.abs() < f64::MIN_POSITIVE) {
        return None;
    }
    Some(if float { f64::from(v as f32) } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_like_flink() {
        let int = |s: &str| to_integer(s, i32::MIN as i64, i32::MAX as i64).ok();
        assert_eq!(int("123"), Some(123));
        assert_eq!(int("-2147483648"), Some(i32::MIN as i64));
        assert_eq!(int("2147483648"), None);
        assert_eq!(int("1.9"), Some(1));
        assert_eq!(int("-1.9"), Some(-1));
        assert_eq!(int(".5"), Some(0));
        assert_eq!(int("1."), Some(1));
        assert_eq!(int("1.x"), None);
        assert_eq!(int("1e3"), None);
        assert_eq!(int("+"), None);
        assert_eq!(int(""), None);
        assert_eq!(int("+7"), Some(7));
        assert_eq!(to_integer("128", -128, 127).ok(), None);
        assert_eq!(to_integer("-128", -128, 127).ok(), Some(-128));
        assert_eq!(
            to_integer("-9223372036854775808", i64::MIN, i64::MAX).ok(),
            Some(i64::MIN)
        );
        assert_eq!(
            to_integer("9223372036854775808", i64::MIN, i64::MAX).ok(),
            None
        );
    }

    #[test]
    fn floats_like_java() {
        assert_eq!(parse_java_float("1.5", false).ok(), Some(1.5));
        assert_eq!(parse_java_float("  -1e3d ", false).ok(), Some(-1000.0));
        assert_eq!(parse_java_float("5.", false).ok(), Some(5.0));
        assert_eq!(parse_java_float(".5f", false).ok(), Some(0.5));
        assert!(
            parse_java_float("NaN", false)
                .map(f64::is_nan)
                .unwrap_or(false)
        );
        assert_eq!(
            parse_java_float("-Infinity", false).ok(),
            Some(f64::NEG_INFINITY)
        );
        assert!(parse_java_float("inf", false).is_err());
        assert!(parse_java_float("1e", false).is_err());
        assert!(parse_java_float("", false).is_err());
        assert_eq!(parse_java_float("0x1.8p1", false).ok(), Some(3.0));
        assert_eq!(parse_java_float("0.1", true).ok(), Some(f64::from(0.1f32)));
    }

    #[test]
    fn booleans_like_flink() {
        assert_eq!(to_boolean("TRUE").ok().flatten(), Some(true));
        assert_eq!(to_boolean("Yes").ok().flatten(), Some(true));
        assert_eq!(to_boolean("0").ok().flatten(), Some(false));
        assert!(to_boolean(" true").is_err());
        assert!(to_boolean("maybe").is_err());
    }
}
