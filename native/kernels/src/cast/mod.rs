//! CAST / TRY_CAST with the behaviour of Flink 2.3's cast rules
//! (`org.apache.flink.table.planner.functions.casting.*CastRule`, non-legacy mode).
//!
//! `safe = true` is TRY_CAST (Substrait `RETURN_NULL`): a row whose conversion fails becomes NULL,
//! exactly where Flink's generated `try { ... } catch (Throwable)` would produce NULL. Otherwise the
//! failure raises the Java exception the rule throws (NumberFormatException, TableException, ...).
//!
//! Supported pairs (everything else is Unsupported at plan time):
//! - numeric <-> numeric (`NumericPrimitiveCastRule`, `Decimal*CastRule`s),
//! - BOOLEAN <-> numeric (except DECIMAL -> BOOLEAN which is supported too),
//! - any supported type -> CHAR(n)/VARCHAR(n)/STRING incl. `CharVarCharTrimPadCastRule`,
//! - CHAR/VARCHAR -> BOOLEAN, TINYINT..BIGINT, FLOAT, DOUBLE, DATE,
//! - DATE <-> TIMESTAMP(p), TIMESTAMP(p) -> TIMESTAMP(q), CHAR/VARCHAR -> TIMESTAMP(p) for TRY_CAST
//!   only (`temporal`).
//!
//! Deliberately Unsupported: string -> DECIMAL (Flink's parser has quirks we have not reproduced
//! yet), CAST (not TRY_CAST) string -> TIMESTAMP, anything involving TIMESTAMP_LTZ (needs the
//! session time zone), BINARY/VARBINARY.

mod from_string;
mod numeric;
mod temporal;
mod to_string;

pub use numeric::parse_java_decimal;
pub use temporal::parse_date;

use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::{Field, FieldRef};
use datafusion_common::{DataFusionError, Result as DfResult};
use datafusion_physical_expr::PhysicalExpr;

use crate::types::{FlinkKind, FlinkType};
use crate::udf::kernel_expr;
use ember_common::{EmberError, Result};

/// Per-row conversion outcome: `Err` is the Java exception of a failed row.
pub type RowResult<T> = std::result::Result<Option<T>, EmberError>;

/// Resolves a failed row: NULL for TRY_CAST, the error otherwise.
pub fn on_failure<T>(safe: bool, r: RowResult<T>) -> DfResult<Option<T>> {
    match r {
        Ok(v) => Ok(v),
        Err(_) if safe => Ok(None),
        Err(e) => Err(e.into_datafusion()),
    }
}

type CastKernel = Arc<dyn Fn(&ArrayRef, bool) -> DfResult<ArrayRef> + Send + Sync>;

/// Builds `CAST(input AS to)` (`safe` = TRY_CAST).
pub fn build_cast(
    input: Arc<dyn PhysicalExpr>,
    from: &FlinkType,
    to: &FlinkType,
    safe: bool,
) -> Result<Arc<dyn PhysicalExpr>> {
    let unsupported = || {
        EmberError::Unsupported(format!(
            "CAST from {} to {} is not supported natively",
            from.sql_name(),
            to.sql_name()
        ))
    };
    use FlinkKind as K;
    let kernel: CastKernel = match (&from.kind, &to.kind) {
        // Identity: same type apart from nullability.
        (a, b) if a == b && !matches!(a, K::Char(_)) => return Ok(input),
        (_, K::Char(_) | K::VarChar(_)) => to_string::kernel(from, to).ok_or_else(unsupported)?,
        (K::Char(_) | K::VarChar(_), K::Timestamp(_)) if !safe => {
            return Err(EmberError::Unsupported(format!(
                "CAST from {} to {} is not supported natively: its failure is a java.time.format.DateTimeParseException (TRY_CAST runs natively)",
                from.sql_name(),
                to.sql_name()
            )));
        }
        (_, K::Date | K::Timestamp(_)) => temporal::kernel(from, to).ok_or_else(unsupported)?,
        (K::Char(_) | K::VarChar(_), _) => from_string::kernel(to).ok_or_else(unsupported)?,
        _ => numeric::kernel(from, to).ok_or_else(unsupported)?,
    };
    let field: FieldRef = Arc::new(Field::new("cast", to.to_arrow(), to.nullable || safe));
    let body = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let x = a
            .first()
            .ok_or_else(|| DataFusionError::Internal("cast without argument".into()))?;
        kernel(x, safe)
    });
    Ok(kernel_expr(
        if safe { "try_cast" } else { "cast" },
        body,
        vec![input],
        field,
    ))
}
