//! Java's textual forms of numbers (`String.valueOf(double)` etc.), which Flink's casts inherit.

/// `Double.toString(v)` / `String.valueOf(v)` as of JDK 19+ (shortest repr, Raffaello Giulietti's
/// algorithm). JDK 11/17 print a few rare values with one extra digit; we match the newer spec.
pub fn double_to_string(v: f64) -> String {
    java_float_text(v)
}

/// `Float.toString(v)` with the same rules as [`double_to_string`] on float digits.
pub fn float_to_string(v: f32) -> String {
    java_float_text(v)
}

/// Shared by [`double_to_string`] and [`float_to_string`]: Rust's shortest round-trip digits of `F`, laid out
/// the way Java prints them.
fn java_float_text<F: num_traits::Float + std::fmt::LowerExp>(v: F) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > F::zero() {
            "Infinity"
        } else {
            "-Infinity"
        }
        .into();
    }
    if v.is_zero() {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let mut sci = format!("{v:e}");
    if single_digit(&sci) {
        // Java considers 2-digit decimals when the shortest has 1 digit and picks the closest.
        sci = format!("{v:.1e}");
    }
    let magnitude = v.abs();
    let plain = magnitude >= F::from(1e-3).unwrap_or_else(F::zero)
        && magnitude < F::from(1e7).unwrap_or_else(F::infinity);
    layout(&sci, plain)
}

fn single_digit(sci: &str) -> bool {
    let mantissa = sci.split('e').next().unwrap_or("");
    mantissa.trim_start_matches('-').len() == 1
}

/// Re-lays Rust's `d.ddde-N` as Java does: plain notation in [1e-3, 1e7), else `d.dddE-N`.
fn layout(sci: &str, plain: bool) -> String {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if plain {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        out.push('E');
        out.push_str(&exp.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_like_java() {
        assert_eq!(double_to_string(1e308), "1.0E308");
        assert_eq!(double_to_string(0.1), "0.1");
        assert_eq!(double_to_string(1.0e7), "1.0E7");
        assert_eq!(double_to_string(9999999.0), "9999999.0");
        assert_eq!(double_to_string(0.001), "0.001");
        assert_eq!(double_to_string(0.0009), "9.0E-4");
        assert_eq!(double_to_string(99999999.99), "9.999999999E7");
        assert_eq!(double_to_string(-0.0), "-0.0");
        assert_eq!(double_to_string(0.0), "0.0");
        assert_eq!(double_to_string(100.0), "100.0");
        assert_eq!(double_to_string(-1.5), "-1.5");
        assert_eq!(double_to_string(f64::NAN), "NaN");
        assert_eq!(double_to_string(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(
            double_to_string(f64::MIN_POSITIVE),
            "2.2250738585072014E-308"
        );
        assert_eq!(double_to_string(f64::MAX), "1.7976931348623157E308");
        assert_eq!(double_to_string(4.9e-324), "4.9E-324");
        assert_eq!(double_to_string(123456.789), "123456.789");
    }

    #[test]
    fn floats_like_java() {
        assert_eq!(float_to_string(0.1), "0.1");
        assert_eq!(float_to_string(1.0e10), "1.0E10");
        assert_eq!(
            float_to_string(f32::MIN_POSITIVE * 0.0 + 1.4e-45),
            "1.4E-45"
        );
        assert_eq!(float_to_string(3.4028235e38), "3.4028235E38");
        assert_eq!(float_to_string(-2.5), "-2.5");
    }
}
