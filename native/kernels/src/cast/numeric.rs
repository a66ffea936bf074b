//! Casts among BOOLEAN, TINYINT..BIGINT, FLOAT, DOUBLE, DECIMAL.
//!
//! - integer -> integer: Java narrowing (wraps); integer -> FLOAT/DOUBLE: Java widening (rounds);
//! - FLOAT/DOUBLE -> integer: Java `(long)`/`(int)` saturate, NaN -> 0; to SMALLINT/TINYINT via int;
//! - integer -> DECIMAL: `DecimalDataUtils.castFrom(long, p, s)`, NULL if it does not fit;
//! - FLOAT/DOUBLE -> DECIMAL: `BigDecimal.valueOf(double)` (i.e. the digits of `Double.toString`),
//!   HALF_UP, NULL if it does not fit; NaN/Infinity throw NumberFormatException;
//! - DECIMAL -> integer: truncate toward zero, `longValue()` (low 64 bits), then Java narrowing;
//! - DECIMAL -> FLOAT/DOUBLE: `DecimalDataUtils.doubleValue` (then `(float)`);
//! - DECIMAL -> DECIMAL: HALF_UP to the new scale, NULL if it does not fit;
//! - BOOLEAN -> numeric: 1/0; numeric -> BOOLEAN: `x != 0` (NaN -> TRUE).

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray, BooleanArray, Int64Array};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Decimal128Type, Float32Type, Int8Type, Int16Type, Int32Type};
use num_bigint::BigInt;

use super::{CastKernel, on_failure};
use crate::arithmetic::wrap_to;
use crate::decimal;
use crate::java;
use crate::numeric::{decimal_array, to_f32, to_f64, to_i64, to_unscaled};
use crate::types::{FlinkKind, FlinkType};
use ember_common::EmberError;

/// The kernel for `from -> to`, or `None` if the pair is not a numeric/boolean cast we support.
pub fn kernel(from: &FlinkType, to: &FlinkType) -> Option<CastKernel> {
    use FlinkKind as K;
    let from_num = from.is_numeric();
    let to_arrow = to.to_arrow();
    Some(match (&from.kind, &to.kind) {
        (K::Boolean, k) if to.is_numeric() => {
            let (p, s) = match k {
                K::Decimal(p, s) => (*p, *s),
                _ => (0, 0),
            };
            let is_dec = matches!(k, K::Decimal(..));
            Arc::new(move |a: &ArrayRef, _| {
                let b = a.as_boolean();
                if is_dec {
                    let vals: Vec<Option<i128>> = b
                        .iter()
                        .map(|v| v.and_then(|v| decimal::from_exact(i128::from(v), 0, p, s)))
                        .collect();
                    return decimal_array(vals, p, s);
                }
                let ints: Int64Array = b.iter().map(|v| v.map(i64::from)).collect();
                Ok(cast(&ints, &to_arrow)?)
            })
        }
        (k, K::Boolean) if from_num => {
            let is_dec = matches!(k, K::Decimal(..));
            Arc::new(move |a: &ArrayRef, _| {
                let out: BooleanArray = if is_dec {
                    a.as_primitive::<Decimal128Type>()
                        .iter()
                        .map(|v| v.map(|v| v != 0))
                        .collect()
                } else {
                    // Java `x != 0`: NaN != 0 is true, -0.0 != 0 is false.
                    to_f64(a)?.iter().map(|v| v.map(|v| v != 0.0)).collect()
                };
                Ok(Arc::new(out) as ArrayRef)
            })
        }
        (_, _) if !from_num || !to.is_numeric() => return None,
        // integer -> integer / FLOAT / DOUBLE
        (_, _) if from.is_integer() && (to.is_integer() || to.is_approximate()) => {
            Arc::new(move |a: &ArrayRef, _| {
                if to_arrow.is_integer() {
                    wrap_to(&to_i64(a)?, &to_arrow)
                } else {
                    Ok(cast(a, &to_arrow)?)
                }
            })
        }
        // FLOAT/DOUBLE -> integer / FLOAT / DOUBLE
        (_, _) if from.is_approximate() && (to.is_integer() || to.is_approximate()) => {
            Arc::new(move |a: &ArrayRef, _| {
                let d = to_f64(a)?; // FLOAT widens exactly
                Ok(match &to_arrow {
                    DataType::Int64 => {
                        Arc::new(d.unary::<_, arrow::datatypes::Int64Type>(|v| v as i64))
                            as ArrayRef
                    }
                    DataType::Int32 => Arc::new(d.unary::<_, Int32Type>(|v| v as i32)),
                    DataType::Int16 => Arc::new(d.unary::<_, Int16Type>(|v| (v as i32) as i16)),
                    DataType::Int8 => Arc::new(d.unary::<_, Int8Type>(|v| (v as i32) as i8)),
                    DataType::Float32 => Arc::new(to_f32(a)?),
                    _ => Arc::new(d),
                })
            })
        }
        (_, K::Decimal(p, s)) if from.is_integer() || matches!(from.kind, K::Decimal(..)) => {
            let (p, s) = (*p, *s);
            Arc::new(move |a: &ArrayRef, _| {
                let (vals, vs) = to_unscaled(a)?;
                let out: Vec<Option<i128>> = vals
                    .into_iter()
                    .map(|v| v.and_then(|v| decimal::from_exact(v, vs, p, s)))
                    .collect();
                decimal_array(out, p, s)
            })
        }
        (_, K::Decimal(p, s)) => {
            // FLOAT/DOUBLE -> DECIMAL
            let (p, s) = (*p, *s);
            Arc::new(move |a: &ArrayRef, safe| {
                let d = to_f64(a)?;
                let mut out = Vec::with_capacity(d.len());
                for v in d.iter() {
                    let r = match v {
                        None => Ok(None),
                        Some(v) => double_to_decimal(v, p, s),
                    };
                    out.push(on_failure(safe, r)?);
                }
                decimal_array(out, p, s)
            })
        }
        (K::Decimal(..), _) if to.is_integer() => Arc::new(move |a: &ArrayRef, _| {
            let (vals, vs) = to_unscaled(a)?;
            let unit = decimal::pow10_i128(vs);
            // BigDecimal.longValue(): the truncated integer's low 64 bits.
            let longs: Int64Array = vals
                .into_iter()
                .map(|v| v.map(|v| (v / unit) as i64))
                .collect();
            wrap_to(&longs, &to_arrow)
        }),
        (K::Decimal(..), K::Double) => {
            Arc::new(|a: &ArrayRef, _| Ok(Arc::new(to_f64(a)?) as ArrayRef))
        }
        (K::Decimal(..), K::Float) => Arc::new(|a: &ArrayRef, _| {
            Ok(Arc::new(to_f64(a)?.unary::<_, Float32Type>(|v| v as f32)) as ArrayRef)
        }),
        _ => return None,
    })
}

/// `DecimalDataUtils.castFrom(double, p, s)` = `fromBigDecimal(BigDecimal.valueOf(v), p, s)`.
fn double_to_decimal(v: f64, p: u8, s: i8) -> super::RowResult<i128> {
    if !v.is_finite() {
        return Err(EmberError::NumberFormat(format!(
            "Character {} is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.",
            if v.is_nan() { "N" } else { "I" }
        )));
    }
    let text = java::double_to_string(v);
    let (unscaled, scale) = parse_java_decimal(&text)
        .ok_or_else(|| EmberError::NumberFormat(format!("For input string: \"{text}\"")))?;
    Ok(decimal::from_big(&unscaled, scale, p, s))
}

/// Parses `[-]digits[.digits][E[-]digits]` (the output of `Double.toString`) into (unscaled, scale).
pub fn parse_java_decimal(text: &str) -> Option<(BigInt, i32)> {
    let (mantissa, exp) = match text.split_once(['E', 'e']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (int_part, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac}");
    let unscaled: BigInt = digits.parse().ok()?;
    Some((unscaled, frac.len() as i32 - exp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_to_decimal_uses_shortest_digits() {
        assert_eq!(double_to_decimal(0.1, 10, 3).ok().flatten(), Some(100));
        assert_eq!(double_to_decimal(1.005, 10, 2).ok().flatten(), Some(101)); // "1.005" HALF_UP
        assert_eq!(double_to_decimal(1e10, 5, 0).ok().flatten(), None);
        assert!(double_to_decimal(f64::NAN, 5, 0).is_err());
        assert_eq!(double_to_decimal(-2.5, 3, 0).ok().flatten(), Some(-3));
    }
}
