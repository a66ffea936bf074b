//! EXTRACT(unit FROM date/timestamp) and YEAR/QUARTER/MONTH/WEEK/DAYOFYEAR/DAYOFMONTH/DAYOFWEEK/
//! HOUR/MINUTE/SECOND (Calcite rewrites those to EXTRACT): Flink's `ExtractCallGen` and
//! `DateTimeUtils.extractFromTimestamp` (TIMESTAMP_LTZ).
//!
//! On TIMESTAMP, date units use `extractFromDate(unit, millis / 86400000)` and time units
//! `(millis % factor) / multiplier`, both with Java's truncating division: a pre-1970 timestamp with
//! a time of day therefore reports the next day's date fields and negative time fields, exactly like
//! Flink. TIMESTAMP_LTZ does the same on `millis + zoneOffset` and also supports EPOCH.

use std::sync::Arc;

use arrow::array::{ArrayRef, Int64Array};
use arrow::datatypes::FieldRef;
use datafusion_physical_expr::PhysicalExpr;

use super::{
    MILLIS_PER_DAY, Ts, Unit, dates, extract_from_date, offset_literal, timestamps, unit_literal,
};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// EXTRACT of `unit` from a timestamp shifted to local time (`base` = millis [+ offset]).
fn extract_ts(unit: Unit, base: i64, nanos: i32) -> Option<i64> {
    let time = |factor: i64, multiplier: i64| (base % factor) / multiplier;
    Some(match unit {
        Unit::Hour => time(MILLIS_PER_DAY, 3_600_000),
        Unit::Minute => time(3_600_000, 60_000),
        Unit::Second => time(60_000, 1000),
        Unit::Millisecond => time(1000, 1),
        Unit::Microsecond => (base % 1000) * 1000 + i64::from(nanos / 1000),
        Unit::Nanosecond => (base % 1000) * 1_000_000 + i64::from(nanos),
        Unit::Epoch => base / 1000,
        date_unit => extract_from_date(date_unit, (base / MILLIS_PER_DAY) as i32)?,
    })
}

/// Builds `extract(unit, x [, zone offset seconds])` returning BIGINT.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) || args.output.kind != FlinkKind::BigInt {
        return Err(args.unsupported("expected (unit, date/timestamp [, offset]) returning BIGINT"));
    }
    let unit = unit_literal(args, 0)?;
    let kernel: Arc<crate::udf::KernelFn> = match args.arg_types[1].kind {
        FlinkKind::Date => {
            if extract_from_date(unit, 0).is_none() || unit == Unit::Epoch {
                return Err(args.unsupported(format!("unit {unit:?} on DATE")));
            }
            Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
                let out: Int64Array = dates(&a[1])
                    .into_iter()
                    .map(|d| d.and_then(|d| extract_from_date(unit, d)))
                    .collect();
                Ok(Arc::new(out) as ArrayRef)
            })
        }
        FlinkKind::Timestamp(_) | FlinkKind::TimestampLtz(_) => {
            let ltz = matches!(args.arg_types[1].kind, FlinkKind::TimestampLtz(_));
            // EPOCH on TIMESTAMP is a code generation error in Flink (no factor for EPOCH).
            if unit == Unit::Epoch && !ltz {
                return Err(args.unsupported("EPOCH on TIMESTAMP fails in Flink's code generation"));
            }
            let offset = if ltz { offset_literal(args, 2)? } else { 0 };
            Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
                let out: Int64Array = timestamps(&a[1])?
                    .into_iter()
                    .map(|t| {
                        t.and_then(|Ts { millis, nanos }| {
                            extract_ts(unit, millis.wrapping_add(offset), nanos)
                        })
                    })
                    .collect();
                Ok(Arc::new(out) as ArrayRef)
            })
        }
        _ => return Err(args.unsupported("argument 2 must be DATE, TIMESTAMP or TIMESTAMP_LTZ")),
    };
    Ok(args.kernel("extract", kernel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::ymd_to_unix_date;

    fn millis(y: i32, mo: i32, d: i32, h: i64, mi: i64, s: i64, ms: i64) -> i64 {
        i64::from(ymd_to_unix_date(y, mo, d)) * MILLIS_PER_DAY
            + h * 3_600_000
            + mi * 60_000
            + s * 1000
            + ms
    }

    #[test]
    fn timestamp_fields() {
        let t = millis(2021, 3, 4, 5, 6, 7, 123);
        assert_eq!(extract_ts(Unit::Year, t, 0), Some(2021));
        assert_eq!(extract_ts(Unit::Hour, t, 0), Some(5));
        assert_eq!(extract_ts(Unit::Minute, t, 0), Some(6));
        assert_eq!(extract_ts(Unit::Second, t, 0), Some(7));
        assert_eq!(extract_ts(Unit::Millisecond, t, 0), Some(123));
        assert_eq!(extract_ts(Unit::Microsecond, t, 456_000), Some(123_456));
        assert_eq!(extract_ts(Unit::Nanosecond, t, 456_789), Some(123_456_789));
    }

    #[test]
    fn pre_epoch_truncates_like_flink() {
        // 1969-12-31 23:59:59.999 is millis -1: the day truncates to 0 (1970-01-01) and the time
        // fields are computed from a negative remainder.
        assert_eq!(extract_ts(Unit::Year, -1, 0), Some(1970));
        assert_eq!(extract_ts(Unit::Day, -1, 0), Some(1));
        assert_eq!(extract_ts(Unit::Hour, -1, 0), Some(0));
        assert_eq!(extract_ts(Unit::Millisecond, -1, 0), Some(-1));
        let t = millis(1900, 1, 1, 0, 0, 0, 1);
        assert_eq!(extract_ts(Unit::Day, t, 0), Some(2));
        assert_eq!(extract_ts(Unit::Hour, t, 0), Some(-23));
        assert_eq!(extract_ts(Unit::Epoch, -1500, 0), Some(-1));
    }
}
