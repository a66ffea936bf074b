//! DATE_FORMAT(timestamp, pattern): Flink's `DateTimeUtils.formatTimestamp(ts, format[, zone])`, i.e.
//! `LocalDateTime.ofInstant(ts.toInstant(), zone).format(DateTimeFormatter.ofPattern(format))` with
//! UTC for TIMESTAMP and the session zone for TIMESTAMP_LTZ (java.time: proleptic Gregorian).
//!
//! The pattern must be a literal made only of the letters reproduced here (`yyyy yy M MM d dd H HH
//! m mm s ss S..SSSSSSSSS`), quoted text and non-letter literals; anything else (text fields,
//! zones, week fields, optional sections) is Unsupported. DATE_FORMAT over a string argument uses
//! `SimpleDateFormat` (Julian calendar before 1582) and is not handled at all.

use std::fmt::Write;
use std::sync::Arc;

use arrow::array::{ArrayRef, StringBuilder};
use arrow::datatypes::FieldRef;
use chrono::{Datelike, NaiveDateTime, Timelike};
use datafusion_physical_expr::PhysicalExpr;

use super::{offset_literal, string_literal, timestamps};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// `yyyy` (true) or `yy` (false): year-of-era.
    Year(bool),
    Month(usize),
    Day(usize),
    Hour(usize),
    Minute(usize),
    Second(usize),
    /// `S` repeated n times: the first n digits of the nano-of-second.
    Fraction(usize),
}

/// Compiles a `DateTimeFormatter` pattern, `None` if it uses anything not reproduced.
fn compile(pattern: &str) -> Option<Vec<Part>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Quoted text; '' is a literal quote.
            let mut text = String::new();
            i += 1;
            if i < chars.len() && chars[i] == '\'' {
                parts.push(Part::Text("'".into()));
                i += 1;
                continue;
            }
            loop {
                match chars.get(i) {
                    None => return None, // unterminated quote: IllegalArgumentException in Java
                    Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                        text.push('\'');
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        text.push(ch);
                        i += 1;
                    }
                }
            }
            parts.push(Part::Text(text));
            continue;
        }
        if c.is_ascii_alphabetic() {
            let n = chars[i..].iter().take_while(|&&x| x == c).count();
            i += n;
            parts.push(match (c, n) {
                ('y', 4) => Part::Year(true),
                ('y', 2) => Part::Year(false),
                ('M', 1 | 2) => Part::Month(n),
                ('d', 1 | 2) => Part::Day(n),
                ('H', 1 | 2) => Part::Hour(n),
                ('m', 1 | 2) => Part::Minute(n),
                ('s', 1 | 2) => Part::Second(n),
                ('S', 1..=9) => Part::Fraction(n),
                _ => return None,
            });
            continue;
        }
        if matches!(c, '[' | ']' | '{' | '}' | '#') || !c.is_ascii() && c.is_alphabetic() {
            return None;
        }
        parts.push(Part::Text(c.to_string()));
        i += 1;
    }
    Some(parts)
}

fn format(parts: &[Part], dt: &NaiveDateTime, out: &mut String) {
    let pad = |out: &mut String, v: u32, width: usize| {
        let _ = write!(out, "{v:0width$}");
    };
    for p in parts {
        match p {
            Part::Text(t) => out.push_str(t),
            Part::Year(full) => {
                let y = dt.year();
                let yoe = if y >= 1 { y } else { 1 - y } as u32;
                if *full {
                    // SignStyle.EXCEEDS_PAD: a '+' once the value exceeds the 4-digit pad width.
                    if yoe > 9999 {
                        out.push('+');
                    }
                    pad(out, yoe, 4);
                } else {
                    pad(out, yoe % 100, 2);
                }
            }
            Part::Month(n) => pad(out, dt.month(), *n),
            Part::Day(n) => pad(out, dt.day(), *n),
            Part::Hour(n) => pad(out, dt.hour(), *n),
            Part::Minute(n) => pad(out, dt.minute(), *n),
            Part::Second(n) => pad(out, dt.second(), *n),
            Part::Fraction(n) => out.push_str(&format!("{:09}", dt.nanosecond())[..*n]),
        }
    }
}

/// Builds `date_format(ts, pattern [, offset])` returning STRING.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) || !args.output.is_string() {
        return Err(args.unsupported("expected (timestamp, pattern [, offset]) returning STRING"));
    }
    let offset = match args.arg_types[0].kind {
        FlinkKind::Timestamp(_) => 0,
        FlinkKind::TimestampLtz(_) => offset_literal(args, 2)?,
        _ => return Err(args.unsupported("argument 1 must be TIMESTAMP or TIMESTAMP_LTZ")),
    };
    let pattern =
        string_literal(args, 1).ok_or_else(|| args.unsupported("the pattern must be a literal"))?;
    let parts = compile(&pattern).ok_or_else(|| {
        args.unsupported(format!("pattern '{pattern}' is not reproduced natively"))
    })?;
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let ts = timestamps(&a[0])?;
        let mut b = StringBuilder::with_capacity(ts.len(), ts.len() * 16);
        let mut buf = String::new();
        for t in ts {
            let local = t.and_then(|t| {
                let millis = t.millis.checked_add(offset)?;
                let secs = millis.div_euclid(1000);
                let nanos = (millis.rem_euclid(1000) * 1_000_000) as u32 + t.nanos as u32;
                chrono::DateTime::from_timestamp(secs, nanos).map(|d| d.naive_utc())
            });
            match (t, local) {
                (None, _) => b.append_null(),
                (Some(_), Some(dt)) => {
                    buf.clear();
                    format(&parts, &dt, &mut buf);
                    b.append_value(&buf);
                }
                (Some(t), None) => {
                    return Err(datafusion_common::DataFusionError::Execution(format!(
                        "DATE_FORMAT: timestamp {t:?} is out of the supported range"
                    )));
                }
            }
        }
        Ok(Arc::new(b.finish()) as ArrayRef)
    });
    Ok(args.kernel("date_format", kernel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(pattern: &str, dt: &str) -> Option<String> {
        let parts = compile(pattern)?;
        let dt = NaiveDateTime::parse_from_str(dt, "%Y-%m-%d %H:%M:%S%.f").expect("test timestamp");
        let mut out = String::new();
        format(&parts, &dt, &mut out);
        Some(out)
    }

    #[test]
    fn patterns() {
        let t = "2021-03-04 05:06:07.123456";
        assert_eq!(
            fmt("yyyy-MM-dd HH:mm:ss", t).as_deref(),
            Some("2021-03-04 05:06:07")
        );
        assert_eq!(
            fmt("yy/M/d H:m:s.SSS", t).as_deref(),
            Some("21/3/4 5:6:7.123")
        );
        assert_eq!(
            fmt("yyyyMMdd'T'HHmmssSSSSSS", t).as_deref(),
            Some("20210304T050607123456")
        );
        assert_eq!(fmt("'it''s' HH''mm", t).as_deref(), Some("it's 05'06"));
        assert_eq!(fmt("yyyy", "0999-01-01 00:00:00").as_deref(), Some("0999"));
        assert_eq!(fmt("yyyy", "0000-01-01 00:00:00").as_deref(), Some("0001"));
        assert_eq!(
            fmt("yyyy-MM-dd", "1582-10-04 00:00:00").as_deref(),
            Some("1582-10-04")
        );
        assert_eq!(
            fmt("yyyy", "+10000-01-01 00:00:00").as_deref(),
            Some("+10000")
        );
        for bad in [
            "MMM", "EEE", "hh", "a", "z", "yyy", "[yyyy]", "'open", "uuuu", "D",
        ] {
            assert!(compile(bad).is_none(), "{bad}");
        }
    }
}
