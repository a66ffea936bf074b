//! Anything -> CHAR(n) / VARCHAR(n) / STRING.
//!
//! The text is what Flink's `*ToStringCastRule` produces: integers in decimal, FLOAT/DOUBLE as Java's
//! `String.valueOf`, DECIMAL as `toPlainString`, BOOLEAN as `TRUE`/`FALSE`, DATE as `yyyy-MM-dd`,
//! TIMESTAMP(p) as `yyyy-MM-dd HH:mm:ss[.fff]` with exactly p fraction digits. Then
//! `CharVarCharTrimPadCastRule`: the result is cut to n code points, and for CHAR(n) padded with
//! spaces to n code points (STRING targets are never cut).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Decimal128Type, Float32Type, Float64Type, Int64Type, TimeUnit};
use chrono::{Datelike, Timelike};

use super::CastKernel;
use crate::decimal;
use crate::java;
use crate::string::strings;
use crate::types::{FlinkKind, FlinkType, MAX_LENGTH};

/// The kernel for `from -> to` where `to` is CHAR/VARCHAR, or `None` if `from` is not supported.
pub fn kernel(from: &FlinkType, to: &FlinkType) -> Option<CastKernel> {
    let (length, pad) = match to.kind {
        FlinkKind::Char(n) => (n, n < MAX_LENGTH),
        FlinkKind::VarChar(n) => (n, false),
        _ => return None,
    };
    let render = renderer(from)?;
    Some(Arc::new(move |a: &ArrayRef, _| {
        let mut b = StringBuilder::with_capacity(a.len(), a.len() * 8);
        let mut buf = String::new();
        let texts = render(a)?;
        for t in texts.iter() {
            match t {
                None => b.append_null(),
                Some(t) => {
                    buf.clear();
                    fit(t, length, pad, &mut buf);
                    b.append_value(&buf);
                }
            }
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    }))
}

/// Applies the CHAR/VARCHAR length: cut to `length` code points, pad CHAR with spaces.
pub fn fit(t: &str, length: u32, pad: bool, out: &mut String) {
    if length >= MAX_LENGTH {
        out.push_str(t);
        return;
    }
    let mut count = 0u32;
    for c in t.chars() {
        if count == length {
            return;
        }
        out.push(c);
        count += 1;
    }
    if pad {
        out.extend(std::iter::repeat_n(' ', (length - count) as usize));
    }
}

type Renderer =
    Box<dyn Fn(&ArrayRef) -> datafusion_common::Result<Vec<Option<String>>> + Send + Sync>;

fn renderer(from: &FlinkType) -> Option<Renderer> {
    Some(match &from.kind {
        FlinkKind::Char(_) | FlinkKind::VarChar(_) => {
            Box::new(|a: &ArrayRef| Ok(strings(a)?.iter().map(|v| v.map(str::to_string)).collect()))
        }
        FlinkKind::Boolean => Box::new(|a: &ArrayRef| {
            Ok(a.as_boolean()
                .iter()
                .map(|v| v.map(|v| if v { "TRUE" } else { "FALSE" }.to_string()))
                .collect())
        }),
        FlinkKind::TinyInt | FlinkKind::SmallInt | FlinkKind::Int | FlinkKind::BigInt => {
            Box::new(|a: &ArrayRef| {
                let l = cast(a, &DataType::Int64)?;
                Ok(l.as_primitive::<Int64Type>()
                    .iter()
                    .map(|v| v.map(|v| v.to_string()))
                    .collect())
            })
        }
        FlinkKind::Float => Box::new(|a: &ArrayRef| {
            Ok(a.as_primitive::<Float32Type>()
                .iter()
                .map(|v| v.map(java::float_to_string))
                .collect())
        }),
        FlinkKind::Double => Box::new(|a: &ArrayRef| {
            Ok(a.as_primitive::<Float64Type>()
                .iter()
                .map(|v| v.map(java::double_to_string))
                .collect())
        }),
        FlinkKind::Decimal(_, s) => {
            let s = *s;
            Box::new(move |a: &ArrayRef| {
                Ok(a.as_primitive::<Decimal128Type>()
                    .iter()
                    .map(|v| v.map(|v| decimal::to_plain_string(v, s)))
                    .collect())
            })
        }
        FlinkKind::Date => Box::new(|a: &ArrayRef| {
            Ok(a.as_primitive::<arrow::datatypes::Date32Type>()
                .iter()
                .map(|v| v.and_then(format_date))
                .collect())
        }),
        FlinkKind::Timestamp(p) => {
            let p = *p;
            Box::new(move |a: &ArrayRef| {
                let micros = cast(a, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
                Ok(micros
                    .as_primitive::<arrow::datatypes::TimestampMicrosecondType>()
                    .iter()
                    .map(|v| v.and_then(|v| format_timestamp_micros(v, p)))
                    .collect())
            })
        }
        _ => return None,
    })
}

/// Calcite/Flink `int4`/`int2` digit rendering (`'0' + (i / 10^k) % 10` on Java ints).
fn push_digits(out: &mut String, v: i32, width: u32) {
    for k in (0..width).rev() {
        let d = (v / 10i32.pow(k)) % 10; // Java truncating division and remainder
        out.push(char::from((b'0' as i32 + d) as u8));
    }
}

/// `DateTimeUtils.formatDate`: `yyyy-MM-dd` of days since 1970-01-01 (proleptic Gregorian).
pub fn format_date(days: i32) -> Option<String> {
    let date = chrono::NaiveDate::from_num_days_from_ce_opt(days.checked_add(719_163)?)?;
    let mut out = String::with_capacity(10);
    push_digits(&mut out, date.year(), 4);
    out.push('-');
    push_digits(&mut out, date.month() as i32, 2);
    out.push('-');
    push_digits(&mut out, date.day() as i32, 2);
    Some(out)
}

/// `DateTimeUtils.formatTimestamp(ts, UTC, precision)` for a value in microseconds.
pub fn format_timestamp_micros(micros: i64, precision: u8) -> Option<String> {
    let secs = micros.div_euclid(1_000_000);
    let sub_micros = micros.rem_euclid(1_000_000) as u32;
    let dt = chrono::DateTime::from_timestamp(secs, sub_micros * 1000)?.naive_utc();
    let mut out =
        format_date((dt.date() - chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days() as i32)?;
    out.push(' ');
    push_digits(&mut out, dt.hour() as i32, 2);
    out.push(':');
    push_digits(&mut out, dt.minute() as i32, 2);
    out.push(':');
    push_digits(&mut out, dt.second() as i32, 2);
    // 9-digit nanos with trailing zeros stripped down to `precision` digits.
    let mut fraction = format!("{:09}", dt.nanosecond());
    while fraction.len() > precision as usize && fraction.ends_with('0') {
        fraction.pop();
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(&fraction);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_timestamps() {
        assert_eq!(format_date(0).as_deref(), Some("1970-01-01"));
        assert_eq!(format_date(-1).as_deref(), Some("1969-12-31"));
        assert_eq!(format_date(-719_162).as_deref(), Some("0001-01-01"));
        assert_eq!(format_date(19_753).as_deref(), Some("2024-01-31"));
        assert_eq!(
            format_timestamp_micros(-1, 6).as_deref(),
            Some("1969-12-31 23:59:59.999999")
        );
        assert_eq!(
            format_timestamp_micros(1_500_000, 3).as_deref(),
            Some("1970-01-01 00:00:01.500")
        );
        assert_eq!(
            format_timestamp_micros(1_000_000, 0).as_deref(),
            Some("1970-01-01 00:00:01")
        );
        assert_eq!(
            format_timestamp_micros(1_000_000, 3).as_deref(),
            Some("1970-01-01 00:00:01.000")
        );
    }

    #[test]
    fn char_varchar_fit() {
        let mut s = String::new();
        fit("ab", 4, true, &mut s);
        assert_eq!(s, "ab  ");
        s.clear();
        fit("a😀cd", 2, false, &mut s);
        assert_eq!(s, "a😀");
        s.clear();
        fit("abc", MAX_LENGTH, false, &mut s);
        assert_eq!(s, "abc");
    }
}
