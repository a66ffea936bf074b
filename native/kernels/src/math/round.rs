//! ROUND(x [, r]) with a literal `r` (default 0): `SqlFunctionUtils.sround`, i.e.
//! `movePointRight(r).setScale(0, HALF_UP).movePointLeft(r)` on a `BigDecimal`:
//! - integers: exact, then `intValue()`/`longValue()` keep the low bits (`ROUND(x, -19)` of a BIGINT wraps);
//! - DOUBLE/FLOAT: `BigDecimal.valueOf(double)` (the digits of `Double.toString`; a FLOAT is widened
//!   first), so NaN/Infinity throw NumberFormatException; the rounded decimal goes back through
//!   `doubleValue()/floatValue()` (correctly rounded);
//! - DECIMAL(p, s): `DecimalDataUtils.sround`: unchanged if `r >= s`, else DECIMAL(1 + p - s + r, r)
//!   (DECIMAL(min(38, 1 + p - s), 0) if `r < 0`), NULL when the rounded value does not fit.

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray, Float32Array, Float64Array};
use arrow::datatypes::{FieldRef, Float32Type};
use datafusion_common::{DataFusionError, Result as DfResult, ScalarValue};
use datafusion_physical_expr::PhysicalExpr;
use num_bigint::BigInt;

use crate::arithmetic::wrap_to;
use crate::cast::parse_java_decimal;
use crate::decimal;
use crate::java;
use crate::numeric::{decimal_array, to_big, to_f64, to_i64};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::{EmberError, Result};

/// Builds `round(x [, r])`.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(1..=2).contains(&args.args.len()) {
        return Err(args.unsupported("expects 1 or 2 arguments"));
    }
    let r: i32 = match args.args.len() {
        1 => 0,
        _ => match args.literal(1) {
            Some(ScalarValue::Int8(Some(v))) => i32::from(*v),
            Some(ScalarValue::Int16(Some(v))) => i32::from(*v),
            Some(ScalarValue::Int32(Some(v))) => *v,
            _ => {
                return Err(args.unsupported("the number of digits must be a non-NULL INT literal"));
            }
        },
    };
    let t = &args.arg_types[0];
    let kernel: Arc<crate::udf::KernelFn> = match (&t.kind, &args.output.kind) {
        (FlinkKind::Decimal(p, s), FlinkKind::Decimal(op, os)) => {
            let (p, s) = (i32::from(*p), i32::from(*s));
            let expected = if r >= s {
                (p, s)
            } else if r < 0 {
                ((1 + p - s).min(38), 0)
            } else {
                (1 + p - s + r, r)
            };
            if expected != (i32::from(*op), i32::from(*os)) {
                return Err(args.unsupported("unexpected result type"));
            }
            let (op, os) = (*op, *os);
            Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
                let (vals, vs) = to_big(&a[0])?;
                let out = vals
                    .iter()
                    .map(|v| {
                        v.as_ref().and_then(|v| {
                            decimal::from_big(&round_half_up(v, vs, r), vs.min(r.max(0)), op, os)
                        })
                    })
                    .collect();
                decimal_array(out, op, os)
            })
        }
        _ if t.is_integer() && t.to_arrow() == args.output.to_arrow() => {
            Arc::new(move |a: &[ArrayRef], f: &FieldRef| {
                let x = to_i64(&a[0])?;
                wrap_to(&x.unary(|v| round_long(v, r)), f.data_type())
            })
        }
        (FlinkKind::Double, FlinkKind::Double) => Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
            let x = to_f64(&a[0])?;
            let out: Float64Array = x
                .iter()
                .map(|v| {
                    v.map(|v| {
                        round_double(v, r)
                            .map(|(u, s)| decimal_text(&u, s).parse().unwrap_or(f64::NAN))
                    })
                    .transpose()
                })
                .collect::<DfResult<_>>()?;
            Ok(Arc::new(out) as ArrayRef)
        }),
        (FlinkKind::Float, FlinkKind::Float) => Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
            let x = a[0].as_primitive::<Float32Type>();
            let out: Float32Array = x
                .iter()
                .map(|v| {
                    v.map(|v| {
                        round_double(f64::from(v), r)
                            .map(|(u, s)| decimal_text(&u, s).parse().unwrap_or(f32::NAN))
                    })
                    .transpose()
                })
                .collect::<DfResult<_>>()?;
            Ok(Arc::new(out) as ArrayRef)
        }),
        _ => return Err(args.unsupported("unsupported argument/result types")),
    };
    Ok(args.kernel("round", kernel))
}

/// HALF_UP rounding of `v * 10^-scale` to `r` fraction digits; the result has scale `min(scale, max(r, 0))`
/// when `r >= 0`, scale 0 (a multiple of 10^-r) when `r < 0`.
fn round_half_up(v: &BigInt, scale: i32, r: i32) -> BigInt {
    if r >= scale {
        return v.clone();
    }
    let q = decimal::div_half_up(v, &decimal::pow10((scale - r) as u32));
    if r < 0 {
        q * decimal::pow10((-r) as u32)
    } else {
        q
    }
}

/// `sround(long, r)`: exact HALF_UP rounding, then the low 64 bits (`BigDecimal.longValue()`).
fn round_long(v: i64, r: i32) -> i64 {
    if r >= 0 {
        return v;
    }
    if r < -38 {
        return 0; // |v| < 10^19 is less than half of 10^-r
    }
    let unit = 10i128.pow((-r) as u32);
    let v = i128::from(v);
    let q = v / unit;
    let rem = v - q * unit;
    let q = if rem.abs() * 2 >= unit {
        q + v.signum()
    } else {
        q
    };
    (q * unit) as i64
}

/// `BigDecimal.valueOf(v)` rounded to `r` digits as (unscaled, scale); NumberFormatException for NaN/Infinity.
fn round_double(v: f64, r: i32) -> DfResult<(BigInt, i32)> {
    if !v.is_finite() {
        return Err(EmberError::NumberFormat(format!(
            "Character {} is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.",
            if v.is_nan() { "N" } else { "I" }
        ))
        .into_datafusion());
    }
    let text = java::double_to_string(v);
    let (u, s) = parse_java_decimal(&text)
        .ok_or_else(|| DataFusionError::Internal(format!("unparsable double text {text}")))?;
    let rounded = round_half_up(&u, s, r);
    Ok((rounded, if r >= s { s } else { r.max(0) }))
}

/// `unscaled * 10^-scale` as text Rust parses with correct rounding (like `BigDecimal.doubleValue()`).
fn decimal_text(unscaled: &BigInt, scale: i32) -> String {
    format!("{unscaled}e{}", -i64::from(scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rd(v: f64, r: i32) -> f64 {
        let (u, s) = round_double(v, r).expect("finite");
        decimal_text(&u, s).parse().expect("number")
    }

    #[test]
    fn doubles_round_half_up_on_shortest_digits() {
        assert_eq!(rd(2.5, 0), 3.0);
        assert_eq!(rd(-2.5, 0), -3.0);
        assert_eq!(rd(1.005, 2), 1.01); // "1.005" HALF_UP, not the binary 1.00499999...
        assert_eq!(rd(0.1, 0), 0.0);
        assert!(rd(-0.4, 0).is_sign_positive()); // BigDecimal has no -0
        assert!(rd(-0.0, 0).is_sign_positive());
        assert_eq!(rd(123456.789, -2), 123500.0);
        assert_eq!(rd(1e308, -308), 1e308);
        assert_eq!(rd(1e308, 5), 1e308);
        assert_eq!(rd(-1e-300, 2), 0.0);
        assert!(round_double(f64::NAN, 0).is_err());
        assert!(round_double(f64::INFINITY, 0).is_err());
    }

    #[test]
    fn floats_widen_first() {
        // (double) 0.1f = 0.10000000149011612 -> 0.1000000015 at 10 digits -> floatValue 0.1f
        let (u, s) = round_double(f64::from(0.1f32), 10).expect("finite");
        assert_eq!(decimal_text(&u, s).parse::<f32>().ok(), Some(0.1f32));
        let (u, s) = round_double(f64::from(2.5f32), 0).expect("finite");
        assert_eq!(decimal_text(&u, s).parse::<f32>().ok(), Some(3.0f32));
    }

    #[test]
    fn longs_round_and_wrap() {
        assert_eq!(round_long(15, -1), 20);
        assert_eq!(round_long(-15, -1), -20);
        assert_eq!(round_long(14, -1), 10);
        assert_eq!(round_long(i64::MAX, 5), i64::MAX);
        // 9223372036854775807 -> 10^19 -> low 64 bits
        assert_eq!(round_long(i64::MAX, -19), 10i128.pow(19) as i64);
        assert_eq!(round_long(i64::MIN, -40), 0);
        assert_eq!(round_long(i64::MAX, -18), 9_000_000_000_000_000_000);
    }

    #[test]
    fn decimals_round_half_up() {
        let b = BigInt::from;
        assert_eq!(round_half_up(&b(-150), 2, 0), b(-2));
        assert_eq!(round_half_up(&b(1234), 2, 1), b(123));
        assert_eq!(round_half_up(&b(1250), 2, -1), b(10));
        assert_eq!(round_half_up(&b(1234), 2, 5), b(1234));
    }
}
