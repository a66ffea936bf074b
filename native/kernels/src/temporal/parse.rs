//! String -> TIMESTAMP with Flink's `DateTimeUtils.parseTimestampData(String, int precision)`: the
//! `DEFAULT_TIMESTAMP_FORMATTER` (`yyyy-[MM][M]-[dd][d]` + optional ` [HH][H]:[mm][m]:[ss][s]` +
//! `appendFraction(NANO_OF_SECOND, 0, 9, true)`, strict parsing, SMART resolver, JDK 17), then
//! `fromTemporalAccessor` (missing fields default to 1970-01-01 00:00:00, nanos floored to the
//! precision) and `TimestampData.fromLocalDateTime`.
//!
//! Used by TO_TIMESTAMP(str) (`fallibleMethodGen`: any Throwable gives NULL) and TRY_CAST(str AS
//! TIMESTAMP(p)). Only success or failure matters here, not which exception Java raises.
//!
//! java.time rules reproduced (`NumberPrinterParser`, `Parsed.resolve`, `IsoChronology`):
//! - `yyyy` is YEAR_OF_ERA, 4..19 digits: exactly 4 without sign, more than 4 after `+`; a `-` year
//!   is negative and invalid; year-of-era 0 is invalid, so `0000-01-01` fails;
//! - `[MM][M]`: two optional sections; the 1..19-digit `[M]` also runs after `[MM]` succeeded and is
//!   kept when it parses the same value (`2020-088-01` is August) and dropped on a conflict; a
//!   failed section leaves no trace, so `2020-01-` parses with the day missing;
//! - the time section is all-or-nothing and the whole text must be consumed;
//! - SMART resolution clamps the day to the month's length (`2023-02-29` -> Feb 28, `04-31` ->
//!   Apr 30) but rejects day 32 / month 13; `24:00:00` (no fraction) is midnight of the next day;
//! - fields that do not form a date or time (e.g. a missing day, or an hour without a minute but
//!   with a second) stay unresolved and are read one by one, range-checked.

use super::Ts;

/// `SignStyle` of a number field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// `appendValue(field, 2)` (fixed width, no sign).
    NotNegative,
    /// `appendValue(field)` (1..19 digits, `-` allowed, `+` rejected in strict mode).
    Normal,
    /// `yyyy`: sign needed exactly when more than 4 digits.
    ExceedsPad,
}

/// Strict `NumberPrinterParser.parse` at `pos`: the value and the end position, `None` on failure.
fn number(s: &[u8], pos: usize, min: usize, max: usize, sign: Sign) -> Option<(i64, usize)> {
    let (negative, positive, start) = match s.get(pos)? {
        b'+' if sign == Sign::ExceedsPad => (false, true, pos + 1),
        b'-' if sign != Sign::NotNegative => (true, false, pos + 1),
        b'+' | b'-' => return None,
        _ => (false, false, pos),
    };
    let digits = s[start..]
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits < min {
        return None;
    }
    // At most 19 digits: i128 holds them; beyond i64 Java parses one digit less.
    let mut end = start + digits;
    let mut total: i128 = s[start..end]
        .iter()
        .fold(0, |t, b| t * 10 + i128::from(b - b'0'));
    if negative && total == 0 {
        return None; // strict: minus zero
    }
    if !negative && sign == Sign::ExceedsPad && (positive != (digits > min)) {
        return None;
    }
    if total > i128::from(i64::MAX) {
        total /= 10;
        end -= 1;
    }
    let v = total as i64;
    Some((if negative { -v } else { v }, end))
}

/// `[XX][X]`: the fixed two-digit form, then the free form which must agree with it if both parse.
fn two_forms(s: &[u8], pos: usize) -> (Option<i64>, usize) {
    match number(s, pos, 2, 2, Sign::NotNegative) {
        Some((v, p)) => match number(s, p, 1, 19, Sign::Normal) {
            Some((w, q)) if w == v => (Some(v), q),
            _ => (Some(v), p),
        },
        None => match number(s, pos, 1, 19, Sign::Normal) {
            Some((v, p)) => (Some(v), p),
            None => (None, pos),
        },
    }
}

fn literal(s: &[u8], pos: usize, c: u8) -> Option<usize> {
    (s.get(pos) == Some(&c)).then_some(pos + 1)
}

/// Parsed (unresolved) fields.
#[derive(Default)]
struct Fields {
    year_of_era: i64,
    month: Option<i64>,
    day: Option<i64>,
    hour: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    nano: Option<i64>,
}

/// The optional time section ` [HH][H]:[mm][m]:[ss][s]` + fraction, applied only if it all parses.
fn time_section(s: &[u8], pos: usize, f: &mut Fields) -> Option<usize> {
    let p = literal(s, pos, b' ')?;
    let (hour, p) = two_forms(s, p);
    let p = literal(s, p, b':')?;
    let (minute, p) = two_forms(s, p);
    let p = literal(s, p, b':')?;
    let (second, mut p) = two_forms(s, p);
    let mut nano = None;
    if s.get(p) == Some(&b'.') {
        let digits = s[p + 1..]
            .iter()
            .take(9)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let frac: i64 = s[p + 1..p + 1 + digits]
            .iter()
            .fold(0, |t, b| t * 10 + i64::from(b - b'0'));
        nano = Some(frac * 10i64.pow(9 - digits as u32));
        p += 1 + digits;
    }
    (f.hour, f.minute, f.second, f.nano) = (hour, minute, second, nano);
    Some(p)
}

fn parse_fields(s: &[u8]) -> Option<Fields> {
    let (year_of_era, p) = number(s, 0, 4, 19, Sign::ExceedsPad)?;
    let mut f = Fields {
        year_of_era,
        ..Fields::default()
    };
    let p = literal(s, p, b'-')?;
    let (month, p) = two_forms(s, p);
    let p = literal(s, p, b'-')?;
    let (day, p) = two_forms(s, p);
    (f.month, f.day) = (month, day);
    let p = time_section(s, p, &mut f).unwrap_or(p);
    (p == s.len()).then_some(f)
}

fn in_range(v: i64, lo: i64, hi: i64) -> Option<i64> {
    (lo..=hi).contains(&v).then_some(v)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// `LocalDate.toEpochDay`.
fn epoch_day(y: i64, m: i64, d: i64) -> i64 {
    let mut total = 365 * y;
    if y >= 0 {
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
        total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * m - 362) / 12 + d - 1;
    if m > 2 {
        total -= if is_leap(y) { 1 } else { 2 };
    }
    total - 719_528
}

/// `LocalDate.MAX.toEpochDay()` (+999999999-12-31).
const MAX_EPOCH_DAY: i64 = 365_241_780_471;

/// `DateTimeUtils.parseTimestampData(s, precision)`, `None` where Java throws.
pub fn parse_timestamp(s: &str, precision: u8) -> Option<Ts> {
    let f = parse_fields(s.as_bytes())?;
    let year = in_range(f.year_of_era, 1, 999_999_999)?;
    // Date: resolved (SMART clamps the day) when year, month and day are all present.
    let (mut day_no, date_resolved) = match (f.month, f.day) {
        (Some(m), Some(d)) => {
            let m = in_range(m, 1, 12)?;
            let mut d = in_range(d, 1, 31)?;
            d = match m {
                4 | 6 | 9 | 11 => d.min(30),
                2 => d.min(if is_leap(year) { 29 } else { 28 }),
                _ => d,
            };
            (epoch_day(year, m, d), true)
        }
        // An unresolved month/day is read alone (range-checked); a missing one defaults to 1.
        (m, d) => {
            let m = m.map_or(Some(1), |m| in_range(m, 1, 12))?;
            let d = d.map_or(Some(1), |d| in_range(d, 1, 31))?;
            (epoch_day(year, m, d), false)
        }
    };
    // Time: `resolveTimeLenient` needs the hour, and no second/nano without a minute nor a nano
    // without a second; otherwise the fields stay single.
    let resolvable = f.hour.is_some()
        && !(f.minute.is_none() && (f.second.is_some() || f.nano.is_some()))
        && !(f.minute.is_some() && f.second.is_none() && f.nano.is_some());
    let (h, mi, sec, nano) = if resolvable {
        let (h, mi, sec, n) = (
            f.hour.unwrap_or(0),
            f.minute.unwrap_or(0),
            f.second.unwrap_or(0),
            f.nano.unwrap_or(0),
        );
        in_range(mi, 0, 59)?;
        if h == 24 && mi == 0 && sec == 0 && n == 0 {
            // End of day: the next day's midnight, if there is a date to move.
            if date_resolved {
                day_no += 1;
                if day_no > MAX_EPOCH_DAY {
                    return None;
                }
            }
            (0, 0, 0, 0)
        } else {
            (in_range(h, 0, 23)?, mi, in_range(sec, 0, 59)?, n)
        }
    } else {
        (
            f.hour.map_or(Some(0), |v| in_range(v, 0, 23))?,
            f.minute.map_or(Some(0), |v| in_range(v, 0, 59))?,
            f.second.map_or(Some(0), |v| in_range(v, 0, 59))?,
            f.nano.unwrap_or(0),
        )
    };
    let unit = 10i64.pow(9 - u32::from(precision.min(9)));
    let nano = nano / unit * unit;
    let nano_of_day = ((h * 60 + mi) * 60 + sec) * 1_000_000_000 + nano;
    // `fromLocalDateTime`: Java long arithmetic (years beyond ~292 million wrap).
    Some(Ts {
        millis: day_no
            .wrapping_mul(super::MILLIS_PER_DAY)
            .wrapping_add(nano_of_day / 1_000_000),
        nanos: (nano_of_day % 1_000_000) as i32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::{MILLIS_PER_DAY, ymd_to_unix_date};

    fn ts(y: i32, mo: i32, d: i32, h: i64, mi: i64, s: i64, ms: i64) -> Option<Ts> {
        Some(Ts {
            millis: i64::from(ymd_to_unix_date(y, mo, d)) * MILLIS_PER_DAY
                + ((h * 60 + mi) * 60 + s) * 1000
                + ms,
            nanos: 0,
        })
    }

    /// Expected values checked against `DateTimeUtils.parseTimestampData` of flink-table-common 2.3.0
    /// on JDK 17.
    #[test]
    fn parses_like_the_default_formatter() {
        let p = |s: &str| parse_timestamp(s, 3);
        assert_eq!(p("2021-03-04 05:06:07.123"), ts(2021, 3, 4, 5, 6, 7, 123));
        assert_eq!(p("2021-03-04 05:06:07.1239"), ts(2021, 3, 4, 5, 6, 7, 123));
        assert_eq!(p("2021-03-04 05:06:07."), ts(2021, 3, 4, 5, 6, 7, 0));
        assert_eq!(p("1970-01-01 00:00:00"), ts(1970, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("2024-02-29"), ts(2024, 2, 29, 0, 0, 0, 0));
        assert_eq!(p("2021-3-4 5:6:7"), ts(2021, 3, 4, 5, 6, 7, 0));
        assert_eq!(
            p("1969-12-31 23:59:59.999"),
            Some(Ts {
                millis: -1,
                nanos: 0
            })
        );
        // SMART resolver: clamped to the month's end; 24:00 is the next midnight.
        assert_eq!(p("2023-02-29"), ts(2023, 2, 28, 0, 0, 0, 0));
        assert_eq!(p("2024-02-31"), ts(2024, 2, 29, 0, 0, 0, 0));
        assert_eq!(p("2023-04-31 10:00:00"), ts(2023, 4, 30, 10, 0, 0, 0));
        assert_eq!(p("2023-12-31 24:00:00"), ts(2024, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("2023-12-31 24:00:00.000"), ts(2024, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("2023-12-31 24:00:00.001"), None);
        // Both forms of a field parse when they agree.
        assert_eq!(p("2020-088-01"), ts(2020, 8, 1, 0, 0, 0, 0));
        assert_eq!(p("2020-1212-01"), ts(2020, 12, 1, 0, 0, 0, 0));
        assert_eq!(p("2020-123-01"), None);
        // Missing fields default.
        assert_eq!(p("2020-01-"), ts(2020, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("2020--"), ts(2020, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("2020-05- :30:15"), ts(2020, 5, 1, 0, 30, 15, 0));
        assert_eq!(p("2020-05-06 10::15"), ts(2020, 5, 6, 10, 0, 15, 0));
        assert_eq!(p("2020-13-"), None);
        assert_eq!(p("2020---5"), None);
        assert_eq!(p("2020-01-01 10:00:.5"), ts(2020, 1, 1, 10, 0, 0, 500));
        assert_eq!(p("2020-01-01 ::"), ts(2020, 1, 1, 0, 0, 0, 0));
        // 24:00 moves a resolved date only; the clamp comes first.
        assert_eq!(p("2020-01-01 24::"), ts(2020, 1, 2, 0, 0, 0, 0));
        assert_eq!(p("2020-01- 24:00:00"), ts(2020, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("2020-02-30 24:00:00"), ts(2020, 3, 1, 0, 0, 0, 0));
        // Year: 4 digits, or more after '+'; year 0 is invalid.
        assert_eq!(p("+12020-01-01"), ts(12020, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("+02020-01-01"), ts(2020, 1, 1, 0, 0, 0, 0));
        assert_eq!(p("+2020-01-01"), None);
        assert_eq!(p("12020-01-01"), None);
        assert_eq!(p("-2020-01-01"), None);
        assert_eq!(p("0000-01-01"), None);
        assert_eq!(p("0001-01-01"), ts(1, 1, 1, 0, 0, 0, 0));
        for bad in [
            "",
            "abc",
            "2021-03-04T05:06:07",
            "2021-03-04 05:06",
            " 2021-03-04",
            "2021-03-04 ",
            "2021-03-04 05:06:07.1234567891",
            "2021-00-04",
            "2021-01-32",
            "2021-01-00",
            "2021-01-01 23:60:00",
            "2021-01-01 25:00:00",
            "2021-+1-01",
            "2021--1-01",
            "2021-01-01 -1:00:00",
            "2021-01-01 05:06:07 ",
            "２０２１-01-01",
            "+999999999-12-31 24:00:00",
            "+1000000000-01-01",
            "99999999999999999999-01-01",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn precision_floors_the_fraction() {
        let s = "2021-03-04 05:06:07.123456789";
        let base = ts(2021, 3, 4, 5, 6, 7, 0).expect("test").millis;
        assert_eq!(
            parse_timestamp(s, 6),
            Some(Ts {
                millis: base + 123,
                nanos: 456_000
            })
        );
        assert_eq!(
            parse_timestamp(s, 0),
            Some(Ts {
                millis: base,
                nanos: 0
            })
        );
        assert_eq!(
            parse_timestamp(s, 9),
            Some(Ts {
                millis: base + 123,
                nanos: 456_789
            })
        );
    }

    #[test]
    fn huge_years_wrap_like_java_longs() {
        let t = parse_timestamp("+999999999-12-31 23:59:59.999", 3).expect("test");
        let expected = MAX_EPOCH_DAY
            .wrapping_mul(MILLIS_PER_DAY)
            .wrapping_add(86_399_999);
        assert_eq!(t.millis, expected);
    }
}
