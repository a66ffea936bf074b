//! TO_TIMESTAMP(str) and TO_DATE(str) (`StringCallGen`):
//! - TO_TIMESTAMP(str) = `DateTimeUtils.parseTimestampData(str)` (precision 3) under
//!   `fallibleMethodGen`, whose `catch (Throwable)` turns every failure into NULL (see `parse`);
//! - TO_DATE(str) = `DateTimeUtils.parseDate(str)`: NULL where it returns null, but the
//!   NumberFormatException of a digit run beyond int range propagates (no try/catch).
//!
//! The forms with a format use `DateTimeFormatter.ofPattern` with a `java.sql.Timestamp.valueOf`
//! fallback (TO_TIMESTAMP) and a lenient `SimpleDateFormat` whose failure yields a garbage date
//! (TO_DATE): Unsupported.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Date32Array};
use arrow::datatypes::FieldRef;
use datafusion_physical_expr::PhysicalExpr;

use super::parse::parse_timestamp;
use super::timestamp_array;
use crate::cast::parse_date;
use crate::registry::BuildArgs;
use crate::string::{expect_string, strings};
use ember_common::Result;

fn expect_one_string(args: &BuildArgs) -> Result<()> {
    if args.args.len() != 1 {
        return Err(args.unsupported(
            "the format argument is not supported natively (java.time pattern with a java.sql fallback / lenient SimpleDateFormat)",
        ));
    }
    expect_string(args, 0)
}

/// Builds `to_timestamp(str)`.
pub fn build_to_timestamp(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    expect_one_string(args)?;
    let kernel = Arc::new(|a: &[ArrayRef], f: &FieldRef| {
        let out = strings(&a[0])?
            .iter()
            .map(|s| s.and_then(|s| parse_timestamp(s, 3)))
            .collect();
        timestamp_array(out, f.data_type())
    });
    Ok(args.kernel("to_timestamp", kernel))
}

/// Builds `to_date(str)`.
pub fn build_to_date(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    expect_one_string(args)?;
    let kernel = Arc::new(|a: &[ArrayRef], _f: &FieldRef| {
        let s = strings(&a[0])?;
        let mut out = Vec::with_capacity(s.len());
        for v in s.iter() {
            out.push(match v {
                Some(v) => parse_date(v).map_err(|e| e.into_datafusion())?,
                None => None,
            });
        }
        Ok(Arc::new(Date32Array::from(out)) as ArrayRef)
    });
    Ok(args.kernel("to_date", kernel))
}
