//! FLOOR/CEIL(date/timestamp TO unit): Flink's `FloorCeilCallGen` with `DateTimeUtils.unixDateFloor/
//! Ceil`, `unixTimestampFloor/Ceil` (TIMESTAMP), `timestampFloor/Ceil` (TIMESTAMP_LTZ, zone-aware)
//! and `SqlFunctionUtils.floor/ceil(long, long)` for DAY and smaller units.
//!
//! The calendar units go through `julianDateFloor` (Julian calendar before 1582-10-15); on TIMESTAMP
//! the day is `millis / 86400000` truncated, as in Flink. The fraction of a millisecond is dropped.

use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::FieldRef;
use datafusion_physical_expr::PhysicalExpr;

use super::{
    EPOCH_JULIAN, MILLIS_PER_DAY, Ts, Unit, ceil_to, date_array, dates, floor_to,
    julian_date_floor, offset_literal, timestamp_array, timestamps, unit_literal,
};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

fn is_calendar(unit: Unit) -> bool {
    matches!(
        unit,
        Unit::Millennium
            | Unit::Century
            | Unit::Decade
            | Unit::Year
            | Unit::Quarter
            | Unit::Month
            | Unit::Week
    )
}

/// FLOOR/CEIL of epoch millis; `offset` is the zone offset of TIMESTAMP_LTZ (`None` for TIMESTAMP).
fn round_millis(unit: Unit, millis: i64, floor: bool, offset: Option<i64>) -> Option<i64> {
    let arith = |v: i64, m: i64| if floor { floor_to(v, m) } else { ceil_to(v, m) };
    match offset {
        // timestampFloor/Ceil: HOUR and DAY on local time, calendar units on the truncated local day.
        Some(offset) if is_calendar(unit) || matches!(unit, Unit::Hour | Unit::Day) => {
            let local = millis.wrapping_add(offset);
            let shifted = match unit {
                Unit::Hour | Unit::Day => arith(local, unit.millis()?),
                _ => {
                    let julian = (local / MILLIS_PER_DAY + i64::from(EPOCH_JULIAN)) as i32;
                    julian_date_floor(unit, julian, floor)?.wrapping_mul(MILLIS_PER_DAY)
                }
            };
            Some(shifted.wrapping_sub(offset))
        }
        _ if is_calendar(unit) => {
            let julian = ((millis / MILLIS_PER_DAY) as i32).wrapping_add(EPOCH_JULIAN);
            Some(julian_date_floor(unit, julian, floor)?.wrapping_mul(MILLIS_PER_DAY))
        }
        _ => Some(arith(millis, unit.millis()?)),
    }
}

/// Builds `timestamp_floor(x, unit [, offset])` (`floor`) or `timestamp_ceil(...)`; the result has
/// the type of `x`.
pub fn build(floor: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    if !(2..=3).contains(&args.args.len()) || args.output.kind != args.arg_types[0].kind {
        return Err(
            args.unsupported("expected (date/timestamp, unit [, offset]) returning its type")
        );
    }
    let unit = unit_literal(args, 1)?;
    let name = if floor {
        "timestamp_floor"
    } else {
        "timestamp_ceil"
    };
    let kernel: Arc<crate::udf::KernelFn> = match args.arg_types[0].kind {
        FlinkKind::Date => {
            // DAY and smaller units run `floor(int date, 86400000)` on the day number in Flink.
            if !is_calendar(unit) {
                return Err(args.unsupported(format!("unit {unit:?} on DATE")));
            }
            Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
                let out = dates(&a[0])
                    .into_iter()
                    .map(|d| {
                        d.and_then(|d| {
                            julian_date_floor(unit, d.wrapping_add(EPOCH_JULIAN), floor)
                                .map(|v| v as i32)
                        })
                    })
                    .collect();
                Ok(date_array(out))
            })
        }
        FlinkKind::Timestamp(_) | FlinkKind::TimestampLtz(_) => {
            if !is_calendar(unit) && unit.millis().is_none() {
                return Err(args.unsupported(format!("unit {unit:?} on a timestamp")));
            }
            let offset = match args.arg_types[0].kind {
                FlinkKind::TimestampLtz(_) => Some(offset_literal(args, 2)?),
                _ => None,
            };
            Arc::new(move |a: &[ArrayRef], f: &FieldRef| {
                let out = timestamps(&a[0])?
                    .into_iter()
                    .map(|t| {
                        t.and_then(|t| {
                            round_millis(unit, t.millis, floor, offset)
                                .map(|millis| Ts { millis, nanos: 0 })
                        })
                    })
                    .collect();
                timestamp_array(out, f.data_type())
            })
        }
        _ => return Err(args.unsupported("argument 1 must be DATE, TIMESTAMP or TIMESTAMP_LTZ")),
    };
    Ok(args.kernel(name, kernel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::ymd_to_unix_date;

    fn day(y: i32, m: i32, d: i32) -> i64 {
        i64::from(ymd_to_unix_date(y, m, d)) * MILLIS_PER_DAY
    }

    #[test]
    fn timestamp_units() {
        let t = day(2021, 3, 4) + 5 * 3_600_000 + 6 * 60_000 + 7_123;
        assert_eq!(
            round_millis(Unit::Day, t, true, None),
            Some(day(2021, 3, 4))
        );
        assert_eq!(
            round_millis(Unit::Day, t, false, None),
            Some(day(2021, 3, 5))
        );
        assert_eq!(
            round_millis(Unit::Month, t, true, None),
            Some(day(2021, 3, 1))
        );
        assert_eq!(
            round_millis(Unit::Month, t, false, None),
            Some(day(2021, 4, 1))
        );
        assert_eq!(
            round_millis(Unit::Second, t, false, None),
            Some(t - 123 + 1000)
        );
        assert_eq!(
            round_millis(Unit::Year, day(2021, 1, 1), false, None),
            Some(day(2021, 1, 1))
        );
    }

    #[test]
    fn pre_epoch_calendar_units_use_the_truncated_day() {
        // 1969-12-31 23:59:59.999: the day truncates to 1970-01-01, so FLOOR TO MONTH is 1970-01-01.
        assert_eq!(round_millis(Unit::Month, -1, true, None), Some(0));
        assert_eq!(
            round_millis(Unit::Day, -1, true, None),
            Some(-MILLIS_PER_DAY)
        );
        assert_eq!(round_millis(Unit::Hour, -1, false, None), Some(0));
    }

    #[test]
    fn zone_offsets() {
        // 2021-03-04 23:30 UTC is 2021-03-05 07:30 at +08:00: local day floor is 03-05 00:00 local.
        let t = day(2021, 3, 4) + 23 * 3_600_000 + 30 * 60_000;
        let off = 8 * 3_600_000;
        assert_eq!(
            round_millis(Unit::Day, t, true, Some(off)),
            Some(day(2021, 3, 5) - off)
        );
        assert_eq!(
            round_millis(Unit::Month, t, true, Some(off)),
            Some(day(2021, 3, 1) - off)
        );
        assert_eq!(round_millis(Unit::Minute, t + 1, true, Some(off)), Some(t));
    }
}
