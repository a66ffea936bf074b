//! DECIMAL helpers with Flink's `DecimalData` semantics: values are exact, results are rounded
//! HALF_UP to the target scale (`BigDecimal.setScale(s, HALF_UP)`) and become NULL when they need
//! more digits than the target precision (`DecimalData.fromBigDecimal` returns null).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// 10^0 ..= 10^38: every power a DECIMAL(38) value can be scaled by without leaving `i128`.
const POW10_I128: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < t.len() {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// 10^n as a big integer.
pub fn pow10(n: u32) -> BigInt {
    match POW10_I128.get(n as usize) {
        Some(&p) => BigInt::from(p),
        None => BigInt::from(10u32).pow(n),
    }
}

/// 10^scale for a DECIMAL scale (0..=38).
pub fn pow10_i128(scale: i32) -> i128 {
    POW10_I128[scale.clamp(0, 38) as usize]
}

/// [`rescale`] in `i128`, or `None` when the value leaves `i128` (the caller then takes the `BigInt` path).
pub fn rescale_i128(v: i128, from: i32, to: i32) -> Option<i128> {
    if to >= from {
        v.checked_mul(*POW10_I128.get(usize::try_from(to - from).ok()?)?)
    } else {
        let d = *POW10_I128.get(usize::try_from(from - to).ok()?)?;
        let (q, r) = (v / d, v % d);
        // HALF_UP: ties away from zero; |q| < |v| so q +- 1 cannot overflow.
        Some(if r.unsigned_abs() * 2 >= d.unsigned_abs() {
            if v < 0 { q - 1 } else { q + 1 }
        } else {
            q
        })
    }
}

/// Whether unscaled `v` has at most `precision` digits.
pub fn fits(v: i128, precision: u8) -> bool {
    POW10_I128
        .get(precision as usize)
        .is_some_and(|p| v.unsigned_abs() < p.unsigned_abs())
}

/// [`from_big`] for an `i128` value: `Some(result)` when `i128` arithmetic decides it, `None` when the
/// rescaled value leaves `i128` (then it certainly has more than 38 digits unless rounded down: use `from_big`).
pub fn from_i128(v: i128, from_scale: i32, precision: u8, scale: i8) -> Option<Option<i128>> {
    let r = rescale_i128(v, from_scale, scale as i32)?;
    Some(fits(r, precision).then_some(r))
}

/// `DecimalData.fromBigDecimal(value, p, s)` for a value `v * 10^-from_scale` given in `i128`.
pub fn from_exact(v: i128, from_scale: i32, precision: u8, scale: i8) -> Option<i128> {
    from_i128(v, from_scale, precision, scale)
        .unwrap_or_else(|| from_big(&BigInt::from(v), from_scale, precision, scale))
}

/// `n / d` rounded HALF_UP (ties away from zero). `d` must not be zero.
pub fn div_half_up(n: &BigInt, d: &BigInt) -> BigInt {
    let q = n / d; // truncates toward zero
    let r = n - &q * d;
    if (r.abs() * 2u32) >= d.abs() {
        if n.is_negative() != d.is_negative() {
            q - 1u32
        } else {
            q + 1u32
        }
    } else {
        q
    }
}

/// Changes the scale of unscaled `v` from `from` to `to`, rounding HALF_UP.
pub fn rescale(v: &BigInt, from: i32, to: i32) -> BigInt {
    if to >= from {
        v * pow10((to - from) as u32)
    } else {
        div_half_up(v, &pow10((from - to) as u32))
    }
}

/// The unscaled value as `i128` if it fits `precision` digits (else `None` = Flink's NULL).
pub fn fit(v: &BigInt, precision: u8) -> Option<i128> {
    // A value outside i128 has more than 38 digits.
    v.to_i128().filter(|&v| fits(v, precision))
}

/// `DecimalData.fromBigDecimal(value, p, s)` for a value `v * 10^-from_scale`.
pub fn from_big(v: &BigInt, from_scale: i32, precision: u8, scale: i8) -> Option<i128> {
    fit(&rescale(v, from_scale, scale as i32), precision)
}

/// `BigDecimal.toPlainString()` of `unscaled * 10^-scale` (Flink's `DecimalData.toString`).
pub fn to_plain_string(unscaled: i128, scale: i8) -> String {
    let negative = unscaled < 0;
    let digits = unscaled.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 3);
    if negative {
        out.push('-');
    }
    if scale <= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (-(scale as i32)) as usize));
        return out;
    }
    let scale = scale as usize;
    if digits.len() > scale {
        out.push_str(&digits[..digits.len() - scale]);
        out.push('.');
        out.push_str(&digits[digits.len() - scale..]);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(&digits);
    }
    out
}

/// `DecimalDataUtils.doubleValue`: compact decimals (precision <= 18) divide the unscaled long by
/// 10^scale in double arithmetic; larger ones use the correctly rounded `BigDecimal.doubleValue`.
pub fn to_f64(unscaled: i128, precision: u8, scale: i8) -> f64 {
    if precision <= 18 && (0..=18).contains(&scale) {
        (unscaled as i64) as f64 / 10f64.powi(scale as i32)
    } else {
        // Rust's float parsing is correctly rounded, like BigDecimal.doubleValue.
        to_plain_string(unscaled, scale)
            .parse::<f64>()
            .unwrap_or(f64::NAN)
    }
}

/// Java's `BigDecimal.divide(divisor, new MathContext(38, HALF_UP))` of `a * 10^-sa` by
/// `b * 10^-sb`, returned as (unscaled, scale). `b` must not be zero.
pub fn divide_mc38(a: &BigInt, sa: i32, b: &BigInt, sb: i32) -> (BigInt, i32) {
    if a.is_zero() {
        return (BigInt::zero(), 0);
    }
    // a/10^sa / (b/10^sb) = (a * 10^sb) / (b * 10^sa)
    let n = a * pow10(sb.max(0) as u32) * pow10((-sa).max(0) as u32);
    let d = b * pow10(sa.max(0) as u32) * pow10((-sb).max(0) as u32);
    let (na, da) = (n.abs(), d.abs());
    // Number of integer digits e of |n/d|: 10^(e-1) <= |n/d| < 10^e (e may be <= 0).
    let mut e = na.to_string().len() as i32 - da.to_string().len() as i32;
    let ge = |e: i32| -> bool {
        // |n/d| >= 10^e ?
        if e >= 0 {
            na >= &da * pow10(e as u32)
        } else {
            &na * pow10((-e) as u32) >= da
        }
    };
    if ge(e) {
        e += 1;
    }
    // Quotient with 38 significant digits: q = round(n * 10^(38-e) / d), value = q * 10^(e-38).
    let shift = 38 - e;
    let q = if shift >= 0 {
        div_half_up(&(&n * pow10(shift as u32)), &d)
    } else {
        div_half_up(&n, &(&d * pow10((-shift) as u32)))
    };
    let mut scale = shift;
    let mut q = q;
    // Java strips trailing zeros down to the preferred scale (sa - sb) when the result is exact;
    // the numeric value is what matters to the later setScale, so only normalize harmlessly.
    while scale > (sa - sb) && !q.is_zero() && (&q % 10u32).is_zero() {
        q /= 10u32;
        scale -= 1;
    }
    (q, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings() {
        assert_eq!(to_plain_string(1230, 2), "12.30");
        assert_eq!(to_plain_string(-5, 2), "-0.05");
        assert_eq!(to_plain_string(0, 3), "0.000");
        assert_eq!(to_plain_string(7, 0), "7");
        assert_eq!(
            to_plain_string(i128::MAX / 1000, 38),
            "0.00170141183460469231731687303715884105"
        );
    }

    #[test]
    fn half_up() {
        assert_eq!(
            div_half_up(&BigInt::from(15), &BigInt::from(10)),
            BigInt::from(2)
        );
        assert_eq!(
            div_half_up(&BigInt::from(-15), &BigInt::from(10)),
            BigInt::from(-2)
        );
        assert_eq!(
            div_half_up(&BigInt::from(14), &BigInt::from(10)),
            BigInt::from(1)
        );
        assert_eq!(
            div_half_up(&BigInt::from(-14), &BigInt::from(10)),
            BigInt::from(-1)
        );
    }

    #[test]
    fn divide_like_bigdecimal() {
        // 1 / 3 = 0.33333333333333333333333333333333333333 (38 digits)
        let (q, s) = divide_mc38(&BigInt::from(1), 0, &BigInt::from(3), 0);
        assert_eq!(s, 38);
        assert_eq!(q.to_string(), "3".repeat(38));
        // 2 / 3 rounds the 38th digit up
        let (q, _) = divide_mc38(&BigInt::from(2), 0, &BigInt::from(3), 0);
        assert_eq!(q.to_string(), format!("{}7", "6".repeat(37)));
        // 10.00 / 4 = 2.5 exactly
        let (q, s) = divide_mc38(&BigInt::from(1000), 2, &BigInt::from(4), 0);
        assert_eq!(rescale(&q, s, 2), BigInt::from(250));
    }

    #[test]
    fn compact_double_value() {
        assert_eq!(to_f64(12345, 10, 2), 123.45);
        assert_eq!(to_f64(-1, 38, 38), -1e-38);
    }
}
