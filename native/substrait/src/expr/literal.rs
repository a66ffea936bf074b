//! Literals (encodings of `substrait-plans/README.md`).

use std::sync::Arc;

use datafusion_common::ScalarValue;
use datafusion_physical_expr::PhysicalExpr;
use datafusion_physical_expr::expressions::Literal;
use substrait::proto::expression::literal::LiteralType;

use crate::types::from_substrait;
use ember_common::{EmberError, Result};
use ember_kernels::types::{FlinkKind, FlinkType, MAX_LENGTH};

/// Compiles a literal to a constant of the Arrow type of its Flink type.
pub fn consume(
    l: &substrait::proto::expression::Literal,
) -> Result<(Arc<dyn PhysicalExpr>, FlinkType)> {
    let lt = l
        .literal_type
        .as_ref()
        .ok_or_else(|| EmberError::Plan("literal without value".into()))?;
    let nullable = l.nullable;
    let (value, kind) = match lt {
        LiteralType::Null(t) => {
            let ft = from_substrait(t)?;
            let v = ScalarValue::try_from(&ft.to_arrow())
                .map_err(|e| EmberError::Unsupported(format!("NULL literal: {e}")))?;
            let t = FlinkType::new(ft.kind, true);
            return Ok((Arc::new(Literal::new(v)), t));
        }
        LiteralType::Boolean(v) => (ScalarValue::Boolean(Some(*v)), FlinkKind::Boolean),
        LiteralType::I8(v) => (ScalarValue::Int8(Some(*v as i8)), FlinkKind::TinyInt),
        LiteralType::I16(v) => (ScalarValue::Int16(Some(*v as i16)), FlinkKind::SmallInt),
        LiteralType::I32(v) => (ScalarValue::Int32(Some(*v)), FlinkKind::Int),
        LiteralType::I64(v) => (ScalarValue::Int64(Some(*v)), FlinkKind::BigInt),
        LiteralType::Fp32(v) => (ScalarValue::Float32(Some(*v)), FlinkKind::Float),
        LiteralType::Fp64(v) => (ScalarValue::Float64(Some(*v)), FlinkKind::Double),
        LiteralType::String(s) => (
            ScalarValue::Utf8(Some(s.clone())),
            FlinkKind::VarChar(MAX_LENGTH),
        ),
        LiteralType::VarChar(v) => (
            ScalarValue::Utf8(Some(v.value.clone())),
            FlinkKind::VarChar(v.length),
        ),
        LiteralType::FixedChar(s) => (
            ScalarValue::Utf8(Some(s.clone())),
            FlinkKind::Char(s.chars().count() as u32),
        ),
        LiteralType::Binary(b) => (ScalarValue::Binary(Some(b.clone())), FlinkKind::VarBinary),
        LiteralType::FixedBinary(b) => (
            ScalarValue::Binary(Some(b.clone())),
            FlinkKind::Binary(b.len() as u32),
        ),
        LiteralType::Decimal(d) => {
            let bytes: [u8; 16] = d
                .value
                .as_slice()
                .try_into()
                .map_err(|_| EmberError::Plan("decimal literal must have 16 bytes".into()))?;
            let (p, s) = (d.precision, d.scale);
            if !(1..=38).contains(&p) || s < 0 || s > p {
                return Err(EmberError::Unsupported(format!(
                    "DECIMAL({p}, {s}) literal is not supported natively"
                )));
            }
            (
                ScalarValue::Decimal128(Some(i128::from_le_bytes(bytes)), p as u8, s as i8),
                FlinkKind::Decimal(p as u8, s as i8),
            )
        }
        LiteralType::Date(d) => (ScalarValue::Date32(Some(*d)), FlinkKind::Date),
        LiteralType::PrecisionTimestamp(ts) => {
            let p = precision(ts.precision)?;
            (timestamp_value(ts.value, p, None)?, FlinkKind::Timestamp(p))
        }
        LiteralType::PrecisionTimestampTz(ts) => {
            let p = precision(ts.precision)?;
            (
                timestamp_value(ts.value, p, Some("UTC".into()))?,
                FlinkKind::TimestampLtz(p),
            )
        }
        other => {
            let dbg = format!("{other:?}");
            return Err(EmberError::Unsupported(format!(
                "literal of kind {} is not supported natively",
                dbg.split('(').next().unwrap_or("unknown")
            )));
        }
    };
    Ok((
        Arc::new(Literal::new(value)),
        FlinkType::new(kind, nullable),
    ))
}

fn precision(p: i32) -> Result<u8> {
    if (0..=6).contains(&p) {
        Ok(p as u8)
    } else {
        Err(EmberError::Unsupported(format!(
            "timestamp literal with precision {p} is not supported natively"
        )))
    }
}

/// A value in units of 10^-p seconds, converted to the Arrow unit of TIMESTAMP(p).
fn timestamp_value(v: i64, p: u8, tz: Option<Arc<str>>) -> Result<ScalarValue> {
    let overflow = || EmberError::Plan(format!("timestamp literal {v} overflows"));
    if p <= 3 {
        let ms = v
            .checked_mul(10i64.pow(3 - p as u32))
            .ok_or_else(overflow)?;
        Ok(ScalarValue::TimestampMillisecond(Some(ms), tz))
    } else {
        let us = v
            .checked_mul(10i64.pow(6 - p as u32))
            .ok_or_else(overflow)?;
        Ok(ScalarValue::TimestampMicrosecond(Some(us), tz))
    }
}
