//! Substrait types -> Flink types (the type table of `substrait-plans/README.md`).

use substrait::proto::r#type::{Kind, Nullability};
use substrait::proto::{NamedStruct, Type};

use ember_common::{EmberError, Result};
use ember_kernels::types::{FlinkKind, FlinkType, MAX_LENGTH};

fn nullable(n: i32) -> Result<bool> {
    match Nullability::try_from(n) {
        Ok(Nullability::Nullable) => Ok(true),
        Ok(Nullability::Required) => Ok(false),
        _ => Err(EmberError::Plan(format!(
            "type nullability must be NULLABLE or REQUIRED, got {n}"
        ))),
    }
}

/// The Flink type of a Substrait type; `Unsupported` for types outside the contract's table.
pub fn from_substrait(t: &Type) -> Result<FlinkType> {
    let kind = t
        .kind
        .as_ref()
        .ok_or_else(|| EmberError::Plan("type without kind".into()))?;
    let (k, n) = match kind {
        Kind::Bool(x) => (FlinkKind::Boolean, x.nullability),
        Kind::I8(x) => (FlinkKind::TinyInt, x.nullability),
        Kind::I16(x) => (FlinkKind::SmallInt, x.nullability),
        Kind::I32(x) => (FlinkKind::Int, x.nullability),
        Kind::I64(x) => (FlinkKind::BigInt, x.nullability),
        Kind::Fp32(x) => (FlinkKind::Float, x.nullability),
        Kind::Fp64(x) => (FlinkKind::Double, x.nullability),
        Kind::String(x) => (FlinkKind::VarChar(MAX_LENGTH), x.nullability),
        Kind::Varchar(x) => (FlinkKind::VarChar(x.length.max(0) as u32), x.nullability),
        Kind::FixedChar(x) => (FlinkKind::Char(x.length.max(0) as u32), x.nullability),
        Kind::Binary(x) => (FlinkKind::VarBinary, x.nullability),
        Kind::FixedBinary(x) => (FlinkKind::Binary(x.length.max(0) as u32), x.nullability),
        Kind::Decimal(x) => {
            if !(1..=38).contains(&x.precision) || x.scale < 0 || x.scale > x.precision {
                return Err(EmberError::Unsupported(format!(
                    "type DECIMAL({}, {}) is not supported natively",
                    x.precision, x.scale
                )));
            }
            (
                FlinkKind::Decimal(x.precision as u8, x.scale as i8),
                x.nullability,
            )
        }
        Kind::Date(x) => (FlinkKind::Date, x.nullability),
        Kind::PrecisionTimestamp(x) if (0..=6).contains(&x.precision) => {
            (FlinkKind::Timestamp(x.precision as u8), x.nullability)
        }
        Kind::PrecisionTimestampTz(x) if (0..=6).contains(&x.precision) => {
            (FlinkKind::TimestampLtz(x.precision as u8), x.nullability)
        }
        Kind::Struct(_) => {
            return Err(EmberError::Unsupported(
                "ROW type without field names in an expression is not supported natively".into(),
            ));
        }
        other => {
            return Err(EmberError::Unsupported(format!(
                "type {} is not supported natively",
                kind_name(other)
            )));
        }
    };
    Ok(FlinkType::new(k, nullable(n)?))
}

fn kind_name(k: &Kind) -> String {
    let dbg = format!("{k:?}");
    dbg.split('(').next().unwrap_or("unknown").to_string()
}

/// The column types of a `NamedStruct` (names are flattened depth-first, nested structs consume
/// names for their fields).
pub fn from_named_struct(ns: &NamedStruct) -> Result<Vec<(String, FlinkType)>> {
    let st = ns
        .r#struct
        .as_ref()
        .ok_or_else(|| EmberError::Plan("base_schema without struct".into()))?;
    let mut names = ns.names.iter();
    let mut out = Vec::with_capacity(st.types.len());
    for t in &st.types {
        let name = names
            .next()
            .ok_or_else(|| EmberError::Plan("base_schema has fewer names than fields".into()))?;
        out.push((name.clone(), named_type(t, &mut names)?));
    }
    if names.next().is_some() {
        return Err(EmberError::Plan(
            "base_schema has more names than fields".into(),
        ));
    }
    Ok(out)
}

fn named_type<'a>(t: &Type, names: &mut impl Iterator<Item = &'a String>) -> Result<FlinkType> {
    match &t.kind {
        Some(Kind::Struct(st)) => {
            let mut fields = Vec::with_capacity(st.types.len());
            for ft in &st.types {
                let name = names.next().ok_or_else(|| {
                    EmberError::Plan("base_schema has fewer names than nested fields".into())
                })?;
                fields.push((name.clone(), named_type(ft, names)?));
            }
            Ok(FlinkType::new(
                FlinkKind::Row(fields),
                nullable(st.nullability)?,
            ))
        }
        _ => from_substrait(t),
    }
}
