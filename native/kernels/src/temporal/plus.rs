//! Datetime + interval (`DATETIME_PLUS`, also TIMESTAMPADD) and datetime - interval (`MINUS_DATE`
//! with an interval operand): Flink's `ScalarOperatorGens.generateTemporalPlusMinus`.
//!
//! The JVM serde lowers the interval to its internal value: `add_millis(x, BIGINT millis)` for
//! INTERVAL DAY TO SECOND, `add_months(x, INT months)` for INTERVAL YEAR TO MONTH (negated for
//! subtraction). Rules reproduced:
//! - DATE + millis returning DATE: `date + Math.toIntExact(millis / 86400000)` (sub-day intervals
//!   truncate away); returning TIMESTAMP (Calcite types `DATE + INTERVAL HOUR` so):
//!   `fromEpochMillis(date * 86400000 + millis)`;
//! - TIMESTAMP / TIMESTAMP_LTZ + millis: `TimestampData.fromEpochMillis(millis + n, nanoOfMillisecond)`
//!   (Java long arithmetic, wraps);
//! - DATE / TIMESTAMP + months: `DateTimeUtils.addMonths` (day clamped to the month's end, time of
//!   day and sub-millisecond fraction kept).

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{FieldRef, Int32Type, Int64Type};
use datafusion_physical_expr::PhysicalExpr;

use super::{
    MILLIS_PER_DAY, Ts, add_months_date, add_months_millis, date_array, dates, timestamp_array,
    timestamps,
};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::{EmberError, Result};

/// Builds `add_millis(x, n)` (`months = false`) or `add_months(x, n)`; the result has the type of `x`.
pub fn build(months: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    let amount = if months {
        FlinkKind::Int
    } else {
        FlinkKind::BigInt
    };
    let date_to_timestamp = !months
        && args.arg_types[0].kind == FlinkKind::Date
        && matches!(args.output.kind, FlinkKind::Timestamp(_));
    if args.arg_types[1].kind != amount
        || (args.output.kind != args.arg_types[0].kind && !date_to_timestamp)
    {
        return Err(
            args.unsupported("expected (date/timestamp, interval value) returning its type")
        );
    }
    let kernel: Arc<crate::udf::KernelFn> = match args.arg_types[0].kind {
        FlinkKind::Date if date_to_timestamp => Arc::new(move |a: &[ArrayRef], f: &FieldRef| {
            let n = amounts(&a[1], months);
            let out = dates(&a[0])
                .into_iter()
                .zip(n)
                .map(|(d, n)| {
                    let millis = i64::from(d?).wrapping_mul(MILLIS_PER_DAY).wrapping_add(n?);
                    Some(Ts { millis, nanos: 0 })
                })
                .collect();
            timestamp_array(out, f.data_type())
        }),
        FlinkKind::Date => Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
            let n = amounts(&a[1], months);
            let mut out = Vec::with_capacity(n.len());
            for (d, n) in dates(&a[0]).into_iter().zip(n) {
                out.push(match (d, n) {
                    (Some(d), Some(n)) if months => Some(add_months_date(d, n as i32)),
                    (Some(d), Some(n)) => {
                        let days = i32::try_from(n / MILLIS_PER_DAY).map_err(|_| {
                            EmberError::Arithmetic("integer overflow".into()).into_datafusion()
                        })?;
                        Some(d.wrapping_add(days))
                    }
                    _ => None,
                });
            }
            Ok(date_array(out))
        }),
        // TIMESTAMP_LTZ + INTERVAL DAY TO SECOND is zone-free (epoch millis + n); the JVM side refuses months.
        FlinkKind::TimestampLtz(_) if months => {
            return Err(args.unsupported("TIMESTAMP_LTZ + months depends on the session time zone"));
        }
        FlinkKind::Timestamp(_) | FlinkKind::TimestampLtz(_) => {
            Arc::new(move |a: &[ArrayRef], f: &FieldRef| {
                let n = amounts(&a[1], months);
                let out = timestamps(&a[0])?
                    .into_iter()
                    .zip(n)
                    .map(|(t, n)| {
                        let (t, n) = (t?, n?);
                        let millis = if months {
                            add_months_millis(t.millis, n as i32)
                        } else {
                            t.millis.wrapping_add(n)
                        };
                        Some(Ts {
                            millis,
                            nanos: t.nanos,
                        })
                    })
                    .collect();
                timestamp_array(out, f.data_type())
            })
        }
        _ => return Err(args.unsupported("argument 1 must be DATE, TIMESTAMP or TIMESTAMP_LTZ")),
    };
    let name = if months { "add_months" } else { "add_millis" };
    Ok(args.kernel(name, kernel))
}

fn amounts(a: &ArrayRef, months: bool) -> Vec<Option<i64>> {
    if months {
        a.as_primitive::<Int32Type>()
            .iter()
            .map(|v| v.map(i64::from))
            .collect()
    } else {
        a.as_primitive::<Int64Type>().iter().collect()
    }
}
