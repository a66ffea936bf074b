//! TIMESTAMPDIFF: Calcite rewrites `TIMESTAMPDIFF(unit, a, b)` to `CAST(Reinterpret(b - a) /INT k AS
//! INTEGER)` where `b - a` is `MINUS_DATE` with an interval result. The JVM serde sends
//! `Reinterpret(x - y)` as `datetime_diff_millis(x, y)` (INTERVAL DAY TO SECOND) or
//! `datetime_diff_months(x, y)` (INTERVAL YEAR TO MONTH); `/INT` and the CAST are ordinary calls.
//!
//! Flink's `ScalarOperatorGens.generateTemporalPlusMinus` (minus of time points):
//! - millis: `x.getMillisecond() - y.getMillisecond()` (sub-millisecond nanos ignored), a DATE
//!   counting `date * 86400000L`; Java long arithmetic (wraps);
//! - months: `DateTimeUtils.subtractMonths(long, long)` on the same millis; DATE - DATE passes the
//!   two ints, so Janino picks the `subtractMonths(int, int)` overload on the day numbers;
//! - TIMESTAMP_LTZ only against TIMESTAMP_LTZ (epoch millis, no zone involved).

use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array, Int64Array};
use arrow::datatypes::{DataType, FieldRef};
use datafusion_common::Result as DfResult;
use datafusion_physical_expr::PhysicalExpr;

use super::{MILLIS_PER_DAY, add_months_date, dates, timestamps};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// The operand as Flink's generated code sees it: epoch millis (a DATE scaled to its midnight).
fn operand_values(a: &ArrayRef, kind: &FlinkKind) -> DfResult<Vec<Option<i64>>> {
    Ok(match kind {
        FlinkKind::Date => dates(a)
            .into_iter()
            .map(|d| d.map(|d| i64::from(d) * MILLIS_PER_DAY))
            .collect(),
        _ => timestamps(a)?
            .into_iter()
            .map(|t| t.map(|t| t.millis))
            .collect(),
    })
}

/// `DateTimeUtils.subtractMonths(int, int)`: the estimate `(date0 - date1) / 31` counted up.
fn subtract_months_dates(date0: i32, date1: i32) -> i32 {
    if date0 < date1 {
        return subtract_months_dates(date1, date0).wrapping_neg();
    }
    let mut m = date0.wrapping_sub(date1) / 31;
    loop {
        if add_months_date(date1, m) >= date0 {
            return m;
        }
        if add_months_date(date1, m.wrapping_add(1)) > date0 {
            return m;
        }
        m = m.wrapping_add(1);
    }
}

/// `DateTimeUtils.subtractMonths(long, long)`: whole months, one less if the time of day of `t0`
/// is earlier on the same day-of-month.
pub fn subtract_months(t0: i64, t1: i64) -> i32 {
    let millis0 = t0.rem_euclid(MILLIS_PER_DAY);
    let d0 = (t0 - millis0).div_euclid(MILLIS_PER_DAY) as i32;
    let millis1 = t1.rem_euclid(MILLIS_PER_DAY);
    let d1 = (t1 - millis1).div_euclid(MILLIS_PER_DAY) as i32;
    let mut x = subtract_months_dates(d0, d1);
    if add_months_date(d1, x) == d0 && millis0 < millis1 {
        x = x.wrapping_sub(1);
    }
    x
}

/// Builds `datetime_diff_millis(x, y)` (`months = false`) or `datetime_diff_months(x, y)`.
pub fn build(months: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    let (kx, ky) = (
        args.arg_types[0].kind.clone(),
        args.arg_types[1].kind.clone(),
    );
    let point = |k: &FlinkKind| matches!(k, FlinkKind::Date | FlinkKind::Timestamp(_));
    let ltz = |k: &FlinkKind| matches!(k, FlinkKind::TimestampLtz(_));
    if !((point(&kx) && point(&ky)) || (ltz(&kx) && ltz(&ky))) {
        return Err(
            args.unsupported("expected DATE/TIMESTAMP operands, or two TIMESTAMP_LTZ operands")
        );
    }
    // Reinterpret gives the interval's internal value: long millis, int months (maybe widened).
    if !(args.output.kind == FlinkKind::BigInt || (months && args.output.kind == FlinkKind::Int)) {
        return Err(args.unsupported("the result must be BIGINT (or INT for months)"));
    }
    let dates_only = kx == FlinkKind::Date && ky == FlinkKind::Date;
    let kernel = Arc::new(move |a: &[ArrayRef], f: &FieldRef| {
        let x = operand_values(&a[0], &kx)?;
        let y = operand_values(&a[1], &ky)?;
        let diff = x.into_iter().zip(y).map(|(x, y)| {
            let (x, y) = (x?, y?);
            Some(if months && dates_only {
                let day = |v: i64| (v / MILLIS_PER_DAY) as i32;
                i64::from(subtract_months_dates(day(x), day(y)))
            } else if months {
                i64::from(subtract_months(x, y))
            } else {
                x.wrapping_sub(y)
            })
        });
        Ok(if *f.data_type() == DataType::Int64 {
            Arc::new(diff.collect::<Int64Array>()) as ArrayRef
        } else {
            Arc::new(diff.map(|v| v.map(|v| v as i32)).collect::<Int32Array>()) as ArrayRef
        })
    });
    Ok(args.kernel(
        if months {
            "datetime_diff_months"
        } else {
            "datetime_diff_millis"
        },
        kernel,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::ymd_to_unix_date;

    fn millis(y: i32, m: i32, d: i32, ms: i64) -> i64 {
        i64::from(ymd_to_unix_date(y, m, d)) * MILLIS_PER_DAY + ms
    }

    #[test]
    fn months_between_like_flink() {
        assert_eq!(
            subtract_months(millis(2024, 3, 31, 0), millis(2024, 2, 29, 0)),
            1
        );
        assert_eq!(
            subtract_months(millis(2024, 3, 28, 0), millis(2024, 2, 29, 0)),
            0
        );
        assert_eq!(
            subtract_months(millis(2024, 2, 29, 0), millis(2024, 1, 31, 0)),
            1
        );
        assert_eq!(
            subtract_months(millis(2024, 2, 29, 0), millis(2024, 3, 31, 0)),
            -1
        );
        // Same day of month, earlier time of day: one month less.
        assert_eq!(
            subtract_months(millis(2024, 3, 1, 5), millis(2024, 2, 1, 6)),
            0
        );
        assert_eq!(
            subtract_months(millis(2024, 3, 1, 6), millis(2024, 2, 1, 6)),
            1
        );
        assert_eq!(
            subtract_months(millis(1900, 1, 1, 0), millis(2000, 1, 1, 0)),
            -1200
        );
        assert_eq!(subtract_months(-1, 0), 0);
        let date = ymd_to_unix_date;
        assert_eq!(
            subtract_months_dates(date(2000, 2, 29), date(1970, 1, 1)),
            361
        );
        assert_eq!(
            subtract_months_dates(date(2000, 2, 29), date(9999, 12, 31)),
            -95998
        );
        assert_eq!(
            subtract_months_dates(date(2024, 3, 30), date(2024, 2, 29)),
            1
        );
        assert_eq!(
            subtract_months_dates(date(2024, 3, 28), date(2024, 2, 29)),
            0
        );
    }
}
