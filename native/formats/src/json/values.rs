//! Token -> value conversions with the exact results of Flink's `JsonParserToRowDataConverters`.
//!
//! Each function covers only the inputs for which the Java result is certain; the callers turn
//! `None`/`Err` into a fallback (except [`decimal`], whose `Ok(None)` is Flink's NULL on overflow).

use super::scan::{MAX_NUMBER_CHARS, Num, SYNTAX, Scan};

/// Decimal exponents beyond this magnitude are left to Flink (`BigDecimal` rejects exponents that
/// overflow its int scale, e.g. `1e2147483648`; up to here the result is NULL or 0 and cheap).
const MAX_DECIMAL_EXPONENT: i64 = 10_000;
const DECIMAL_EXPONENT: &str = "decimal exponent out of range";

/// Java `Boolean.parseBoolean(s.trim())`: `trim` drops chars <= U+0020 at both ends (single bytes in
/// UTF-8), `parseBoolean` is `"true".equalsIgnoreCase`. No non-ASCII char case-folds to one of
/// `t r u e` in Java, so an ASCII comparison decides.
pub(crate) fn parse_boolean(s: &[u8]) -> bool {
    let start = s.iter().position(|&b| b > b' ').unwrap_or(s.len());
    let end = s.iter().rposition(|&b| b > b' ').map_or(start, |p| p + 1);
    s[start..end].eq_ignore_ascii_case(b"true")
}

/// The trimmed content of a string token `line[start..end]` (without escapes) as a numeral, when
/// Java's parsers read it exactly like a JSON number token of the same digits: Flink parses such
/// strings with `Integer.parseInt(text.trim())` (and `Byte`, `Short`, `Long`),
/// `Double.parseDouble` and `new BigDecimal`. Accepted: `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?` with
/// ASCII digits, at most [`MAX_NUMBER_CHARS`] long; the integer parsers take only the forms without
/// `.` and exponent (`is_float` is false). Left to Flink: other digits (Java accepts any Unicode
/// digit), `NaN`, `Infinity`, hex floats and the `d`/`f` suffixes of `parseDouble`.
pub(crate) fn numeral(line: &[u8], start: usize, end: usize) -> Option<Num> {
    let text = &line[start..end];
    // `String.trim()`: chars <= U+0020 are single bytes in UTF-8.
    let lo = start + text.iter().position(|&b| b > b' ')?;
    let hi = start + text.iter().rposition(|&b| b > b' ')? + 1;
    if hi - lo > MAX_NUMBER_CHARS {
        return None;
    }
    let at = |i: usize| if i < hi { line[i] } else { 0 };
    let digits_from = |mut i: usize| {
        while at(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    let negative = at(lo) == b'-';
    let int_start = if matches!(at(lo), b'+' | b'-') {
        lo + 1
    } else {
        lo
    };
    let int_end = digits_from(int_start);
    let mut is_float = false;
    let mut frac_end = int_end;
    if at(int_end) == b'.' {
        is_float = true;
        frac_end = digits_from(int_end + 1);
        if int_end == int_start && frac_end == int_end + 1 {
            return None; // "." without digits on either side
        }
    } else if int_end == int_start {
        return None;
    }
    let mut end = frac_end;
    if matches!(at(end), b'e' | b'E') {
        is_float = true;
        let exp_start = if matches!(at(end + 1), b'+' | b'-') {
            end + 2
        } else {
            end + 1
        };
        end = digits_from(exp_start);
        if end == exp_start {
            return None;
        }
    }
    (end == hi).then_some(Num {
        start: lo,
        end,
        negative,
        int_start,
        int_end,
        frac_end,
        is_float,
    })
}

/// The value of an integer token (no fraction or exponent), `None` outside `i64`.
#[inline]
pub(crate) fn integer(line: &[u8], num: &Num) -> Option<i64> {
    let digits = &line[num.int_start..num.int_end];
    if digits.len() <= 18 {
        // Cannot overflow: no checks in the common case.
        let v = digits
            .iter()
            .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
        return Some(if num.negative { -v } else { v });
    }
    let mut v: u64 = 0;
    for &d in digits {
        v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    if num.negative {
        // -2^63 is the one magnitude that only fits negated.
        (v <= 1 << 63).then(|| (v as i64).wrapping_neg())
    } else {
        i64::try_from(v).ok()
    }
}

/// Java `Double.parseDouble` of the numeral's text (Jackson's `getDoubleValue` for float tokens,
/// Flink's `Double.parseDouble(getText().trim())` for integer tokens and strings). Both it and
/// Rust's parser round correctly, so they agree on every input both accept, which includes every
/// [`numeral`] (`+7`, `5.`, `.5`).
#[inline]
pub(crate) fn double(line: &[u8], num: &Num) -> Scan<f64> {
    // Integers below 2^53 convert exactly; -0 keeps its sign, as in Java.
    if !num.is_float && num.int_end - num.int_start <= 15 {
        let magnitude = integer(
            line,
            &Num {
                negative: false,
                ..*num
            },
        )
        .ok_or(SYNTAX)? as f64;
        return Ok(if num.negative { -magnitude } else { magnitude });
    }
    std::str::from_utf8(&line[num.start..num.end])
        .ok()
        .and_then(|text| text.parse::<f64>().ok())
        .ok_or(SYNTAX)
}

/// Java `Float.parseFloat` of the numeral's text: Flink's `Float.parseFloat(getText().trim())` for
/// integer tokens and strings, and Jackson's `getFloatValue` for float tokens, which parses the
/// token's text as a float directly (`NumberInput.parseFloat`, not via a double: no double
/// rounding). Java and Rust round correctly, to infinity beyond `f32::MAX` and to subnormals or
/// zero at the bottom.
#[inline]
pub(crate) fn float(line: &[u8], num: &Num) -> Scan<f32> {
    // Integers below 2^24 convert exactly; -0 keeps its sign, as in Java.
    if !num.is_float && num.int_end - num.int_start <= 7 {
        let magnitude = integer(
            line,
            &Num {
                negative: false,
                ..*num
            },
        )
        .ok_or(SYNTAX)? as f32;
        return Ok(if num.negative { -magnitude } else { magnitude });
    }
    std::str::from_utf8(&line[num.start..num.end])
        .ok()
        .and_then(|text| text.parse::<f32>().ok())
        .ok_or(SYNTAX)
}

/// Flink's `DecimalData.fromBigDecimal(new BigDecimal(text), precision, scale)`: the exact value
/// rounded HALF_UP to `scale` fraction digits; `Ok(None)` (NULL) when the rounded unscaled value has
/// more than `precision` digits. Returns the unscaled value.
pub(crate) fn decimal(line: &[u8], num: &Num, precision: u8, scale: i8) -> Scan<Option<i128>> {
    let exponent = exponent(&line[num.frac_end..num.end])?;
    let int_digits = &line[num.int_start..num.int_end];
    let frac_digits = line.get(num.int_end + 1..num.frac_end).unwrap_or(&[]);

    // All digits as one integer D: the value is D * 10^(exponent - frac_digits.len()).
    let mut buf = [0u8; MAX_NUMBER_CHARS];
    let total = int_digits.len() + frac_digits.len();
    let digits = buf.get_mut(..total).ok_or(SYNTAX)?;
    digits[..int_digits.len()].copy_from_slice(int_digits);
    digits[int_digits.len()..].copy_from_slice(frac_digits);
    let first = digits.iter().position(|&d| d != b'0');
    let Some(first) = first else {
        return Ok(Some(0));
    };
    let significant = &digits[first..];
    let n = significant.len() as i64;
    let precision = i64::from(precision);
    // Unscaled result = significant * 10^shift, rounded to an integer.
    let shift = exponent - frac_digits.len() as i64 + i64::from(scale);

    let magnitude = if shift >= 0 {
        if n + shift > precision {
            return Ok(None);
        }
        parse_digits(significant) * 10i128.pow(shift as u32)
    } else {
        let keep = n + shift;
        if keep < 0 {
            0 // the first dropped digit is a leading zero: rounds to 0
        } else {
            if keep > precision {
                return Ok(None);
            }
            let keep = keep as usize;
            let kept = parse_digits(&significant[..keep]);
            kept + i128::from(significant[keep] >= b'5')
        }
    };
    if magnitude >= 10i128.pow(precision as u32) {
        return Ok(None);
    }
    Ok(Some(if num.negative { -magnitude } else { magnitude }))
}

/// The exponent part `[eE][+-]?digits` (or empty) as a number, bounded by [`MAX_DECIMAL_EXPONENT`].
fn exponent(part: &[u8]) -> Scan<i64> {
    let Some((_, rest)) = part.split_first() else {
        return Ok(0);
    };
    let (negative, digits) = match rest.split_first() {
        Some((b'-', d)) => (true, d),
        Some((b'+', d)) => (false, d),
        _ => (false, rest),
    };
    let mut v: i64 = 0;
    for &d in digits {
        v = v * 10 + i64::from(d - b'0');
        if v > MAX_DECIMAL_EXPONENT {
            return Err(DECIMAL_EXPONENT);
        }
    }
    Ok(if negative { -v } else { v })
}

/// At most 38 ASCII digits as an integer (callers bound the length by the precision).
fn parse_digits(digits: &[u8]) -> i128 {
    digits
        .iter()
        .fold(0i128, |acc, &d| acc * 10 + i128::from(d - b'0'))
}

/// `ISO_LOCAL_DATE.parse(text)` restricted to `YYYY-MM-DD` with a 4-digit year (0000..9999) and a
/// valid proleptic Gregorian date (the formatter resolves STRICT): days since 1970-01-01.
pub(crate) fn date(s: &[u8]) -> Option<i32> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s else {
        return None;
    };
    let year = number(&[y0, y1, y2, y3])?;
    let month = number(&[m0, m1])?;
    let day = number(&[d0, d1])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    i32::try_from(days_from_civil(year.into(), month, day)).ok()
}

/// The accepted text of a TIMESTAMP or TIMESTAMP_LTZ column: a subset of the Flink formatter chosen
/// by the column's type and `json.timestamp-format.standard` (`TimeFormats`), on which that
/// formatter and its resolver certainly agree with [`timestamp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimestampSyntax {
    /// ISO-8601 (`ISO_LOCAL_DATE 'T' ISO_LOCAL_TIME`: seconds optional) rather than SQL
    /// (`ISO_LOCAL_DATE ' ' HH:mm:ss`).
    pub iso: bool,
    /// A TIMESTAMP_LTZ: the formatter ends in a literal `'Z'` (and the wall clock is read as UTC).
    pub zulu: bool,
    /// At most this many fraction digits: as many as the column's unit holds (Flink keeps more in
    /// `TimestampData`, which an Arrow column of that unit could not).
    pub max_fraction: usize,
}

/// A timestamp string in `syntax`: `YYYY-MM-DD` (a valid date, year 0000-9999), the separator (`' '`
/// for SQL, `'T'` for ISO-8601), `HH:MM:SS` (00-23, 00-59, 00-59; ISO-8601 also takes `HH:MM`),
/// optionally `.` and 1..=`max_fraction` digits after the seconds, and `Z` for TIMESTAMP_LTZ.
/// Returns the wall clock (for LTZ the UTC instant) as seconds since the epoch and nanoseconds.
///
/// Left to Flink: a lowercase `t` or `z` (ISO_LOCAL_DATE_TIME parses case-insensitively), a `.`
/// without digits, 24:00 and day-of-month overflow (SMART resolvers adjust them), offsets other than
/// the literal `Z`, signed or 5+ digit years.
pub(crate) fn timestamp(s: &[u8], syntax: TimestampSyntax) -> Option<(i64, u32)> {
    let (date_part, rest) = s.split_at_checked(10)?;
    let days = date(date_part)?;
    let (&separator, mut time) = rest.split_first()?;
    if separator != if syntax.iso { b'T' } else { b' ' } {
        return None;
    }
    if syntax.zulu {
        time = time.strip_suffix(b"Z")?;
    }
    let (hour_minute, rest) = time.split_at_checked(5)?;
    let [h0, h1, b':', m0, m1] = *hour_minute else {
        return None;
    };
    let hour = number(&[h0, h1])?;
    let minute = number(&[m0, m1])?;
    let (second, fraction) = match *rest {
        [b':', s0, s1, ref fraction @ ..] => (number(&[s0, s1])?, fraction),
        [] if syntax.iso => (0, rest),
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let nanos = match fraction.split_first() {
        None => 0,
        Some((b'.', digits)) if (1..=syntax.max_fraction).contains(&digits.len()) => {
            number(digits)? * 10u32.pow(9 - digits.len() as u32)
        }
        Some(_) => return None,
    };
    let seconds = i64::from(days) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some((seconds, nanos))
}

/// ASCII digits (at most 9) as a number.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(date(b"1970-01-01"), Some(0));
        assert_eq!(date(b"1969-12-31"), Some(-1));
        assert_eq!(date(b"2020-01-01"), Some(18262));
        assert_eq!(date(b"0000-01-01"), Some(-719_528));
        assert_eq!(date(b"9999-12-31"), Some(2_932_896));
        assert_eq!(date(b"2000-02-29"), Some(11_016));
        assert_eq!(date(b"1900-02-29"), None);
        assert_eq!(date(b"0000-02-29"), Some(-719_469)); // year 0 is a leap year
    }

    #[test]
    fn every_day_of_four_centuries_is_consecutive() {
        let mut expected = date(b"1600-01-01").expect("valid");
        for year in 1600..2001u32 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(date(text.as_bytes()), Some(expected), "{text}");
                    expected += 1;
                }
            }
        }
    }
}
