//! DATE / TIMESTAMP casts (`DateToTimestampCastRule`, `TimestampToDateCastRule`,
//! `TimestampToTimestampCastRule`, `StringToDateCastRule`).
//!
//! - DATE -> TIMESTAMP(p): `fromEpochMillis(date * 86400000L)`;
//! - TIMESTAMP -> DATE: `(int) (millis / 86400000L)`, truncating: a pre-1970 time of day lands on the
//!   next day, like Flink;
//! - TIMESTAMP(p) -> TIMESTAMP(q < p): `DateTimeUtils.truncate`, which keeps the value when the
//!   unpadded nano-of-second has at most q digits and truncates millis toward zero for q <= 3;
//! - string -> DATE: `BinaryStringDataUtil.toDate` = `DateTimeUtils.parseDate` (a timestamp string
//!   keeps its date part; `y`, `y-m`, `y-m-d` with trimmed ASCII digits; year 0..9999 and a real
//!   calendar day), `DateTimeException("For input string: '...'.")` otherwise, and the
//!   NumberFormatException of `Integer.parseInt` for digit runs beyond int range.
//!
//! - string -> TIMESTAMP(p): `BinaryStringDataUtil.toTimestamp` = `DateTimeUtils.parseTimestampData`
//!   (`temporal::parse`), for TRY_CAST only: CAST's failure is a `DateTimeParseException` carrying
//!   the text and parse index, which the native error path does not raise.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Date32Array};
use arrow::datatypes::DataType;

use super::{CastKernel, RowResult, on_failure};
use crate::string::strings;
use crate::temporal::parse::parse_timestamp;
use crate::temporal::{
    MILLIS_PER_DAY, Ts, date_array, dates, timestamp_array, timestamps, ymd_to_unix_date,
};
use crate::types::{FlinkKind, FlinkType};
use ember_common::EmberError;

/// The kernel for a DATE/TIMESTAMP/string -> DATE/TIMESTAMP cast, or `None` if unsupported.
pub fn kernel(from: &FlinkType, to: &FlinkType) -> Option<CastKernel> {
    let to_arrow: DataType = to.to_arrow();
    Some(match (&from.kind, &to.kind) {
        (FlinkKind::Date, FlinkKind::Timestamp(_)) => Arc::new(move |a: &ArrayRef, _| {
            let out = dates(a)
                .into_iter()
                .map(|d| {
                    d.map(|d| Ts {
                        millis: i64::from(d) * MILLIS_PER_DAY,
                        nanos: 0,
                    })
                })
                .collect();
            timestamp_array(out, &to_arrow)
        }),
        (FlinkKind::Timestamp(_), FlinkKind::Date) => Arc::new(|a: &ArrayRef, _| {
            let out = timestamps(a)?
                .into_iter()
                .map(|t| t.map(|t| (t.millis / MILLIS_PER_DAY) as i32))
                .collect();
            Ok(date_array(out))
        }),
        (FlinkKind::Timestamp(p), FlinkKind::Timestamp(q)) => {
            let (p, q) = (*p, *q);
            Arc::new(move |a: &ArrayRef, _| {
                let out = timestamps(a)?
                    .into_iter()
                    .map(|t| t.map(|t| if q < p { truncate(t, q) } else { t }))
                    .collect();
                timestamp_array(out, &to_arrow)
            })
        }
        (FlinkKind::Char(_) | FlinkKind::VarChar(_), FlinkKind::Date) => {
            Arc::new(|a: &ArrayRef, safe| {
                let s = strings(a)?;
                let mut out = Vec::with_capacity(s.len());
                for v in s.iter() {
                    out.push(on_failure(safe, v.map(to_date).unwrap_or(Ok(None)))?);
                }
                Ok(Arc::new(Date32Array::from(out)) as ArrayRef)
            })
        }
        // TRY_CAST only: CAST raises a DateTimeParseException (text, parse index) we cannot throw.
        (FlinkKind::Char(_) | FlinkKind::VarChar(_), FlinkKind::Timestamp(p)) => {
            let p = *p;
            Arc::new(move |a: &ArrayRef, _| {
                let out = strings(a)?
                    .iter()
                    .map(|s| s.and_then(|s| parse_timestamp(s, p)))
                    .collect();
                timestamp_array(out, &to_arrow)
            })
        }
        _ => return None,
    })
}

/// `DateTimeUtils.truncate(ts, precision)`.
fn truncate(t: Ts, precision: u8) -> Ts {
    let nano_of_second = t.millis.rem_euclid(1000) * 1_000_000 + i64::from(t.nanos);
    if nano_of_second.to_string().len() <= precision as usize {
        return t;
    }
    if precision <= 3 {
        let unit = 10i64.pow(3 - u32::from(precision));
        Ts {
            millis: (t.millis / unit) * unit,
            nanos: 0,
        }
    } else {
        let unit = 10i32.pow(9 - u32::from(precision));
        Ts {
            millis: t.millis,
            nanos: (t.nanos / unit) * unit,
        }
    }
}

/// Java `String.trim()`: strips chars <= U+0020.
fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// `isInteger(s.trim())` then `Integer.parseInt`: `Ok(None)` if not all ASCII digits.
fn parse_part(s: &str) -> Result<Option<i32>, EmberError> {
    let t = java_trim(s);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    t.parse::<i32>()
        .map(Some)
        .map_err(|_| EmberError::NumberFormat(format!("For input string: \"{t}\"")))
}

/// `DateTimeUtils.isIllegalDate` (which, despite its name, is true for valid dates).
fn is_valid_date(y: i32, m: i32, d: i32) -> bool {
    if !(0..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return false;
    }
    let leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
    if m == 2 && d > 28 && !(leap && d == 29) {
        return false;
    }
    d != 31 || matches!(m, 1 | 3 | 5 | 7 | 8 | 10 | 12)
}

/// `DateTimeUtils.parseDate(String)`, `None` where Flink returns null.
pub fn parse_date(s: &str) -> Result<Option<i32>, EmberError> {
    // A timestamp string keeps its date part (only a space at index > 0 cuts).
    let s = match s.find(' ') {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    };
    let (y, m, d) = match s.find('-') {
        None => (parse_part(s)?, Some(1), Some(1)),
        Some(h1) => {
            let y = parse_part(&s[..h1])?;
            if y.is_none() {
                return Ok(None);
            }
            let rest = &s[h1 + 1..];
            match rest.find('-') {
                None => (y, parse_part(rest)?, Some(1)),
                Some(h2) => {
                    let m = parse_part(&rest[..h2])?;
                    if m.is_none() {
                        return Ok(None);
                    }
                    (y, m, parse_part(&rest[h2 + 1..])?)
                }
            }
        }
    };
    Ok(match (y, m, d) {
        (Some(y), Some(m), Some(d)) if is_valid_date(y, m, d) => Some(ymd_to_unix_date(y, m, d)),
        _ => None,
    })
}

/// `BinaryStringDataUtil.toDate`.
fn to_date(s: &str) -> RowResult<i32> {
    match parse_date(s)? {
        Some(d) => Ok(Some(d)),
        None => Err(EmberError::DateTime(format!("For input string: '{s}'."))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_dates_like_flink() {
        let d = |s: &str| parse_date(s).ok().flatten();
        assert_eq!(d("2024-02-29"), Some(ymd_to_unix_date(2024, 2, 29)));
        assert_eq!(d("2023-02-29"), None);
        assert_eq!(
            d("2021-03-04 05:06:07.123"),
            Some(ymd_to_unix_date(2021, 3, 4))
        );
        assert_eq!(d("2021-03-04T05:06:07"), None);
        assert_eq!(d(" 7 "), Some(ymd_to_unix_date(7, 1, 1)));
        assert_eq!(d("12"), Some(ymd_to_unix_date(12, 1, 1)));
        assert_eq!(d("2020-6"), Some(ymd_to_unix_date(2020, 6, 1)));
        assert_eq!(d(" 2020 - 06 - 15"), Some(ymd_to_unix_date(2020, 6, 15)));
        assert_eq!(d("-0"), None);
        assert_eq!(d("+42"), None);
        assert_eq!(d(""), None);
        assert_eq!(d("2020-04-31"), None);
        assert_eq!(d("10000-01-01"), None);
        assert!(matches!(
            parse_date("99999999999999999999999"),
            Err(EmberError::NumberFormat(m)) if m == "For input string: \"99999999999999999999999\""
        ));
        assert!(
            matches!(to_date("abc"), Err(EmberError::DateTime(m)) if m == "For input string: 'abc'.")
        );
    }

    #[test]
    fn truncate_like_flink() {
        let t = Ts {
            millis: 1,
            nanos: 234_000,
        };
        assert_eq!(
            truncate(t, 3),
            Ts {
                millis: 1,
                nanos: 0
            }
        );
        assert_eq!(
            truncate(t, 4),
            Ts {
                millis: 1,
                nanos: 200_000
            }
        );
        assert_eq!(
            truncate(
                Ts {
                    millis: -1,
                    nanos: 0
                },
                0
            ),
            Ts {
                millis: 0,
                nanos: 0
            }
        );
        // nano-of-second 1000 has 4 digits: kept as is at precision 4.
        assert_eq!(
            truncate(
                Ts {
                    millis: 0,
                    nanos: 1000
                },
                4
            ),
            Ts {
                millis: 0,
                nanos: 1000
            }
        );
        assert_eq!(
            truncate(
                Ts {
                    millis: 0,
                    nanos: 1000
                },
                3
            ),
            Ts {
                millis: 0,
                nanos: 0
            }
        );
    }
}
