//! Flink temporal functions (EXTRACT, FLOOR/CEIL to a unit, DATE_FORMAT, TO_TIMESTAMP, TO_DATE,
//! TIMESTAMPADD, TIMESTAMPDIFF, interval arithmetic) with Flink 2.3.0 semantics.
//!
//! The calendar arithmetic is a line-by-line port of `org.apache.flink.table.utils.DateTimeUtils`
//! (Java `int`/`long` arithmetic: truncating division, wrapping overflow), because Flink's results
//! depend on its exact formulas: EXTRACT and FLOOR on TIMESTAMP divide the epoch millis by a day with
//! truncation (so a pre-1970 time of day lands on the next day), `julianDateFloor` switches to the
//! Julian calendar before 1582-10-15, and `addMonths` clamps to the month's last day.
//!
//! Contract: time units travel as string literals (the `TimeUnitRange` name, e.g. `YEAR`, `DOW`);
//! INTERVAL values are not a contract type: the JVM serde lowers an interval operand to its internal
//! value (BIGINT millis for INTERVAL DAY TO SECOND, INT months for INTERVAL YEAR TO MONTH) and picks
//! the function by the interval kind. TIMESTAMP_LTZ calls carry the session zone's UTC offset in
//! seconds as a trailing INT literal; the serde only sends zones with a fixed offset.

pub mod date_format;
pub mod diff;
pub mod extract;
pub mod floor_ceil;
pub mod parse;
pub mod plus;
pub mod to_datetime;

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Int32Array, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType};
use datafusion_common::{DataFusionError, Result as DfResult, ScalarValue};

use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// `DateTimeUtils.EPOCH_JULIAN`: the julian day of 1970-01-01.
pub const EPOCH_JULIAN: i32 = 2_440_588;
/// Milliseconds per day.
pub const MILLIS_PER_DAY: i64 = 86_400_000;

/// `DateTimeUtils.TimeUnitRange` values the kernels accept (single units only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// MILLENNIUM
    Millennium,
    /// CENTURY
    Century,
    /// DECADE
    Decade,
    /// YEAR
    Year,
    /// ISOYEAR
    IsoYear,
    /// QUARTER
    Quarter,
    /// MONTH
    Month,
    /// WEEK
    Week,
    /// DOY
    Doy,
    /// DOW
    Dow,
    /// ISODOW
    IsoDow,
    /// DAY
    Day,
    /// HOUR
    Hour,
    /// MINUTE
    Minute,
    /// SECOND
    Second,
    /// MILLISECOND
    Millisecond,
    /// MICROSECOND
    Microsecond,
    /// NANOSECOND
    Nanosecond,
    /// EPOCH
    Epoch,
}

impl Unit {
    /// The unit named like Flink's `TimeUnitRange` constant.
    pub fn parse(name: &str) -> Option<Unit> {
        Some(match name {
            "MILLENNIUM" => Unit::Millennium,
            "CENTURY" => Unit::Century,
            "DECADE" => Unit::Decade,
            "YEAR" => Unit::Year,
            "ISOYEAR" => Unit::IsoYear,
            "QUARTER" => Unit::Quarter,
            "MONTH" => Unit::Month,
            "WEEK" => Unit::Week,
            "DOY" => Unit::Doy,
            "DOW" => Unit::Dow,
            "ISODOW" => Unit::IsoDow,
            "DAY" => Unit::Day,
            "HOUR" => Unit::Hour,
            "MINUTE" => Unit::Minute,
            "SECOND" => Unit::Second,
            "MILLISECOND" => Unit::Millisecond,
            "MICROSECOND" => Unit::Microsecond,
            "NANOSECOND" => Unit::Nanosecond,
            "EPOCH" => Unit::Epoch,
            _ => return None,
        })
    }

    /// `TimeUnit.multiplier` in milliseconds for the day-time units (YEAR..MONTH count months).
    pub fn millis(self) -> Option<i64> {
        Some(match self {
            Unit::Week => 7 * MILLIS_PER_DAY,
            Unit::Day => MILLIS_PER_DAY,
            Unit::Hour => 3_600_000,
            Unit::Minute => 60_000,
            Unit::Second => 1_000,
            Unit::Millisecond => 1,
            _ => return None,
        })
    }
}

/// The string literal argument `i` (a unit name or a pattern), if it is one.
pub fn string_literal(args: &BuildArgs, i: usize) -> Option<String> {
    match args.literal(i)? {
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) => Some(s.clone()),
        _ => None,
    }
}

/// The unit named by the string literal argument `i`.
pub fn unit_literal(args: &BuildArgs, i: usize) -> Result<Unit> {
    string_literal(args, i)
        .and_then(|s| Unit::parse(&s))
        .ok_or_else(|| args.unsupported(format!("argument {} must be a time unit literal", i + 1)))
}

/// The session zone offset (seconds) of a TIMESTAMP_LTZ call: the INT literal argument `i`.
pub fn offset_literal(args: &BuildArgs, i: usize) -> Result<i64> {
    match args.literal(i) {
        Some(ScalarValue::Int32(Some(s))) => Ok(i64::from(*s) * 1000),
        _ => Err(args.unsupported("TIMESTAMP_LTZ needs the session zone offset literal")),
    }
}

/// Flink's internal timestamp value: `TimestampData(millisecond, nanoOfMillisecond)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ts {
    /// Epoch milliseconds (floor).
    pub millis: i64,
    /// 0..=999_999.
    pub nanos: i32,
}

/// The values of a TIMESTAMP / TIMESTAMP_LTZ array (millisecond or microsecond unit).
pub fn timestamps(a: &ArrayRef) -> DfResult<Vec<Option<Ts>>> {
    Ok(match a.data_type() {
        DataType::Timestamp(TimeUnit::Millisecond, _) => a
            .as_primitive::<TimestampMillisecondType>()
            .iter()
            .map(|v| v.map(|millis| Ts { millis, nanos: 0 }))
            .collect(),
        DataType::Timestamp(TimeUnit::Microsecond, _) => a
            .as_primitive::<TimestampMicrosecondType>()
            .iter()
            .map(|v| {
                v.map(|us| Ts {
                    millis: us.div_euclid(1000),
                    nanos: (us.rem_euclid(1000) * 1000) as i32,
                })
            })
            .collect(),
        other => {
            return Err(DataFusionError::Internal(format!(
                "timestamp expected, got {other}"
            )));
        }
    })
}

/// An array of the timestamp type `to` (millisecond or microsecond unit, zone kept).
pub fn timestamp_array(values: Vec<Option<Ts>>, to: &DataType) -> DfResult<ArrayRef> {
    Ok(match to {
        DataType::Timestamp(TimeUnit::Millisecond, tz) => Arc::new(
            TimestampMillisecondArray::from(
                values
                    .into_iter()
                    .map(|v| v.map(|t| t.millis))
                    .collect::<Vec<_>>(),
            )
            .with_timezone_opt(tz.clone()),
        ),
        DataType::Timestamp(TimeUnit::Microsecond, tz) => Arc::new(
            TimestampMicrosecondArray::from(
                values
                    .into_iter()
                    .map(|v| {
                        v.map(|t| {
                            t.millis
                                .wrapping_mul(1000)
                                .wrapping_add(i64::from(t.nanos / 1000))
                        })
                    })
                    .collect::<Vec<_>>(),
            )
            .with_timezone_opt(tz.clone()),
        ),
        other => {
            return Err(DataFusionError::Internal(format!(
                "timestamp expected, got {other}"
            )));
        }
    })
}

/// The values of a DATE array.
pub fn dates(a: &ArrayRef) -> Vec<Option<i32>> {
    a.as_primitive::<arrow::datatypes::Date32Type>()
        .iter()
        .collect()
}

/// A DATE array.
pub fn date_array(values: Vec<Option<i32>>) -> ArrayRef {
    Arc::new(arrow::array::Date32Array::from(values))
}

/// True for TIMESTAMP / TIMESTAMP_LTZ kinds.
pub fn is_timestamp(k: &FlinkKind) -> bool {
    matches!(k, FlinkKind::Timestamp(_) | FlinkKind::TimestampLtz(_))
}

/// An INT32 array (helper for kernels that compute `int` results).
pub fn int_array(values: Vec<Option<i32>>) -> ArrayRef {
    Arc::new(Int32Array::from(values))
}

/// `DateTimeUtils.ymdToJulian`.
pub fn ymd_to_julian(year: i32, month: i32, day: i32) -> i32 {
    let a = (14 - month) / 12;
    let y = year.wrapping_add(4800).wrapping_sub(a);
    let m = month + 12 * a - 3;
    day.wrapping_add((153 * m + 2) / 5)
        .wrapping_add(y.wrapping_mul(365))
        .wrapping_add(y / 4)
        .wrapping_sub(y / 100)
        .wrapping_add(y / 400)
        .wrapping_sub(32045)
}

/// `DateTimeUtils.ymdToUnixDate`.
pub fn ymd_to_unix_date(year: i32, month: i32, day: i32) -> i32 {
    ymd_to_julian(year, month, day).wrapping_sub(EPOCH_JULIAN)
}

/// `julianExtract`'s calendar decomposition (proleptic Gregorian): (year, month, day).
pub fn julian_to_ymd(julian: i32) -> (i32, i32, i32) {
    let j = julian.wrapping_add(32044);
    let g = j / 146_097;
    let dg = j % 146_097;
    let c = (dg / 36524 + 1) * 3 / 4;
    let dc = dg - c * 36524;
    let b = dc / 1461;
    let db = dc % 1461;
    let a = (db / 365 + 1) * 3 / 4;
    let da = db - a * 365;
    let y = g.wrapping_mul(400).wrapping_add(c * 100 + b * 4 + a);
    let m = (da * 5 + 308) / 153 - 2;
    let d = da - (m + 4) * 153 / 5 + 122;
    (
        y.wrapping_sub(4800).wrapping_add((m + 2) / 12),
        (m + 2) % 12 + 1,
        d + 1,
    )
}

fn floor_mod(x: i64, y: i64) -> i64 {
    x.rem_euclid(y)
}

fn first_monday_of_first_week(year: i32) -> i64 {
    let jan_first = i64::from(ymd_to_julian(year, 1, 1));
    let jan_first_dow = floor_mod(jan_first + 1, 7);
    jan_first + (11 - jan_first_dow) % 7 - 3
}

/// `DateTimeUtils.getIso8601WeekNumber`.
fn iso_week(julian: i32, year: i32, month: i32, day: i32) -> i32 {
    let j = i64::from(julian);
    let dow = floor_mod(j, 7) as i32 + 1;
    if month == 12 && day > 28 {
        if 31 - day + 4 > 7 - dow && 31 - day + dow >= 4 {
            ((j - first_monday_of_first_week(year)) as i32) / 7 + 1
        } else {
            1
        }
    } else if month == 1 && day < 5 {
        if 4 - day <= 7 - dow && day - dow >= -3 {
            1
        } else {
            ((j - first_monday_of_first_week(year - 1)) as i32) / 7 + 1
        }
    } else {
        ((j - first_monday_of_first_week(year)) as i32) / 7 + 1
    }
}

/// `DateTimeUtils.extractFromDate(range, date)` for the date units; `None` for the others
/// (Flink throws an AssertionError there).
pub fn extract_from_date(unit: Unit, date: i32) -> Option<i64> {
    if unit == Unit::Epoch {
        return Some(i64::from(date) * 86400);
    }
    let julian = date.wrapping_add(EPOCH_JULIAN);
    let (year, month, day) = julian_to_ymd(julian);
    Some(i64::from(match unit {
        Unit::Year => year,
        Unit::Month => month,
        Unit::Day => day,
        Unit::IsoYear => {
            let week = iso_week(julian, year, month, day);
            if week == 1 && month == 12 {
                year + 1
            } else if month == 1 && week > 50 {
                year - 1
            } else {
                year
            }
        }
        Unit::Quarter => (month + 2) / 3,
        Unit::Dow => floor_mod(i64::from(julian) + 1, 7) as i32 + 1,
        Unit::IsoDow => floor_mod(i64::from(julian), 7) as i32 + 1,
        Unit::Week => iso_week(julian, year, month, day),
        Unit::Doy => (i64::from(julian) - i64::from(ymd_to_julian(year, 1, 1))) as i32 + 1,
        Unit::Decade => year / 10,
        Unit::Century => {
            if year > 0 {
                (year + 99) / 100
            } else {
                (year - 99) / 100
            }
        }
        Unit::Millennium => {
            if year > 0 {
                (year + 999) / 1000
            } else {
                (year - 999) / 1000
            }
        }
        _ => return None,
    }))
}

/// `DateTimeUtils.julianDateFloor(range, julian, floor)`: Meeus' algorithm, i.e. the Julian calendar
/// up to julian day 2299160 (1582-10-04) and Gregorian after, re-encoded with the proleptic
/// Gregorian `ymdToUnixDate`. `None` for units it does not handle.
pub fn julian_date_floor(unit: Unit, julian: i32, floor: bool) -> Option<i64> {
    let (b, c) = if julian > 2_299_160 {
        let a = julian.wrapping_add(32044);
        let b = a.wrapping_mul(4).wrapping_add(3) / 146_097;
        (b, a.wrapping_sub(b.wrapping_mul(146_097) / 4))
    } else {
        (0, julian.wrapping_add(32082))
    };
    let d = c.wrapping_mul(4).wrapping_add(3) / 1461;
    let e = c.wrapping_sub(1461i32.wrapping_mul(d) / 4);
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let mut month = m + 3 - 12 * (m / 10);
    let mut quarter = (month + 2) / 3;
    let mut year = b
        .wrapping_mul(100)
        .wrapping_add(d)
        .wrapping_sub(4800)
        .wrapping_add(m / 10);
    let ymd = |y: i32, mo: i32, dd: i32| i64::from(ymd_to_unix_date(y, mo, dd));
    Some(match unit {
        Unit::Millennium => {
            let base = 1000 * ((year + 999) / 1000);
            if floor {
                ymd(base - 999, 1, 1)
            } else {
                ymd(base + 1, 1, 1)
            }
        }
        Unit::Century => {
            let base = 100 * ((year + 99) / 100);
            if floor {
                ymd(base - 99, 1, 1)
            } else {
                ymd(base + 1, 1, 1)
            }
        }
        Unit::Decade => {
            if floor {
                ymd(10 * (year / 10), 1, 1)
            } else {
                ymd(10 * (1 + year / 10), 1, 1)
            }
        }
        Unit::Year => {
            if !floor && (month > 1 || day > 1) {
                year += 1;
            }
            ymd(year, 1, 1)
        }
        Unit::Month => {
            if !floor && day > 1 {
                month += 1;
            }
            ymd(year, month, 1)
        }
        Unit::Quarter => {
            if !floor && (month > 1 || day > 1) {
                quarter += 1;
            }
            ymd(year, quarter * 3 - 2, 1)
        }
        Unit::Week => {
            let dow = floor_mod(i64::from(julian) + 1, 7); // sun=0, sat=6
            let mut offset = dow;
            if !floor && offset > 0 {
                offset -= 7;
            }
            ymd(year, month, day) - offset
        }
        Unit::Day => {
            let res = ymd(year, month, day);
            if floor { res } else { res + 1 }
        }
        _ => return None,
    })
}

/// `SqlFunctionUtils.floor(long, long)`: round down to a multiple of `b` (b > 0).
pub fn floor_to(a: i64, b: i64) -> i64 {
    let r = a % b;
    if r < 0 {
        a.wrapping_sub(r).wrapping_sub(b)
    } else {
        a - r
    }
}

/// `SqlFunctionUtils.ceil(long, long)`: round up to a multiple of `b` (b > 0).
pub fn ceil_to(a: i64, b: i64) -> i64 {
    let r = a % b;
    if r > 0 {
        a.wrapping_sub(r).wrapping_add(b)
    } else {
        a - r
    }
}

fn last_day(y: i32, m: i32) -> i32 {
    match m {
        2 => {
            if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `DateTimeUtils.addMonths(int date, int m)`: the day is clamped to the target month's last day.
pub fn add_months_date(date: i32, m: i32) -> i32 {
    let (mut y0, m0, mut d0) = julian_to_ymd(date.wrapping_add(EPOCH_JULIAN));
    let m0 = i64::from(m0) + i64::from(m);
    y0 = y0.wrapping_add(m0.div_euclid(12) as i32);
    let mut m0 = m0.rem_euclid(12) as i32;
    if m0 == 0 {
        y0 = y0.wrapping_sub(1);
        m0 += 12;
    }
    d0 = d0.min(last_day(y0, m0));
    ymd_to_unix_date(y0, m0, d0)
}

/// `DateTimeUtils.addMonths(long timestamp, int m)` on epoch millis (time of day kept).
pub fn add_months_millis(ts: i64, m: i32) -> i64 {
    let millis = floor_mod(ts, MILLIS_PER_DAY);
    let days = (ts - millis) / MILLIS_PER_DAY;
    i64::from(add_months_date(days as i32, m))
        .wrapping_mul(MILLIS_PER_DAY)
        .wrapping_add(millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: i32, d: i32) -> i32 {
        ymd_to_unix_date(y, m, d)
    }

    #[test]
    fn calendar_round_trip() {
        assert_eq!(date(1970, 1, 1), 0);
        assert_eq!(date(1969, 12, 31), -1);
        assert_eq!(date(1900, 1, 1), -25567);
        assert_eq!(date(2024, 2, 29), 19782);
        for d in [-719_162, -141_438, -25567, -1, 0, 19782, 2_932_896] {
            let (y, m, dd) = julian_to_ymd(d + EPOCH_JULIAN);
            assert_eq!(date(y, m, dd), d);
        }
        // Proleptic Gregorian: 1582-10-04 is followed by 1582-10-05 (no 10-day gap).
        assert_eq!(date(1582, 10, 5) - date(1582, 10, 4), 1);
    }

    #[test]
    fn extract_date_units() {
        let d = date(2024, 2, 29);
        assert_eq!(extract_from_date(Unit::Year, d), Some(2024));
        assert_eq!(extract_from_date(Unit::Quarter, d), Some(1));
        assert_eq!(extract_from_date(Unit::Doy, d), Some(60));
        assert_eq!(extract_from_date(Unit::Dow, d), Some(5)); // Thursday, Sunday = 1
        assert_eq!(extract_from_date(Unit::IsoDow, d), Some(4));
        assert_eq!(extract_from_date(Unit::Week, d), Some(9));
        assert_eq!(extract_from_date(Unit::Epoch, -1), Some(-86400));
        // 2021-01-01 is in ISO week 53 of 2020.
        assert_eq!(extract_from_date(Unit::Week, date(2021, 1, 1)), Some(53));
        assert_eq!(
            extract_from_date(Unit::IsoYear, date(2021, 1, 1)),
            Some(2020)
        );
        assert_eq!(extract_from_date(Unit::Century, date(2000, 6, 1)), Some(20));
        assert_eq!(
            extract_from_date(Unit::Millennium, date(2001, 1, 1)),
            Some(3)
        );
        assert_eq!(extract_from_date(Unit::Decade, date(1999, 1, 1)), Some(199));
        assert_eq!(extract_from_date(Unit::Hour, d), None);
    }

    #[test]
    fn floor_ceil_dates() {
        let j = |d: i32| d + EPOCH_JULIAN;
        let d = date(2024, 2, 29);
        assert_eq!(
            julian_date_floor(Unit::Month, j(d), true),
            Some(i64::from(date(2024, 2, 1)))
        );
        assert_eq!(
            julian_date_floor(Unit::Month, j(d), false),
            Some(i64::from(date(2024, 3, 1)))
        );
        assert_eq!(
            julian_date_floor(Unit::Year, j(date(2024, 1, 1)), false),
            Some(i64::from(date(2024, 1, 1)))
        );
        assert_eq!(
            julian_date_floor(Unit::Quarter, j(d), true),
            Some(i64::from(date(2024, 1, 1)))
        );
        assert_eq!(
            julian_date_floor(Unit::Week, j(d), true),
            Some(i64::from(date(2024, 2, 25)))
        );
        // Before the Gregorian reform the Julian calendar decomposes the day: 1582-10-04 (proleptic
        // Gregorian) is 1582-09-24 Julian, so its month floor is "1582-09-01".
        assert_eq!(
            julian_date_floor(Unit::Month, j(date(1582, 10, 4)), true),
            Some(i64::from(date(1582, 9, 1)))
        );
        assert_eq!(julian_date_floor(Unit::Hour, 0, true), None);
    }

    #[test]
    fn add_months_clamps() {
        assert_eq!(add_months_date(date(2024, 1, 31), 1), date(2024, 2, 29));
        assert_eq!(add_months_date(date(2023, 1, 31), 1), date(2023, 2, 28));
        assert_eq!(add_months_date(date(2024, 2, 29), -12), date(2023, 2, 28));
        assert_eq!(add_months_date(date(2020, 12, 15), 1), date(2021, 1, 15));
        assert_eq!(add_months_date(date(2021, 1, 15), -1), date(2020, 12, 15));
        // 1969-12-31 23:59:59.999 + 1 month = 1970-01-31 23:59:59.999.
        assert_eq!(
            add_months_millis(-1, 1),
            i64::from(date(1970, 2, 1)) * MILLIS_PER_DAY - 1
        );
    }

    #[test]
    fn floor_ceil_integral() {
        assert_eq!(floor_to(-1, 1000), -1000);
        assert_eq!(floor_to(1999, 1000), 1000);
        assert_eq!(ceil_to(1, 1000), 1000);
        assert_eq!(ceil_to(-1, 1000), 0);
        assert_eq!(ceil_to(-1000, 1000), -1000);
    }
}
