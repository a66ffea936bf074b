//! Flink logical types as the native side sees them.
//!
//! Arrow types lose information Flink semantics depend on (CHAR vs VARCHAR length for CAST padding,
//! TIMESTAMP(0) vs TIMESTAMP(3) for formatting), so kernels that need it receive a [`FlinkType`].

use arrow::datatypes::{DataType, Field, Fields, TimeUnit};

/// Length Flink uses for `STRING` (= `VARCHAR(2147483647)`).
pub const MAX_LENGTH: u32 = i32::MAX as u32;

/// A Flink logical type (only the ones the native side supports) plus nullability.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlinkType {
    /// The type without nullability.
    pub kind: FlinkKind,
    /// `LogicalType.isNullable()`.
    pub nullable: bool,
}

/// Flink `LogicalTypeRoot`s supported natively, with their parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FlinkKind {
    /// BOOLEAN
    Boolean,
    /// TINYINT
    TinyInt,
    /// SMALLINT
    SmallInt,
    /// INT
    Int,
    /// BIGINT
    BigInt,
    /// FLOAT
    Float,
    /// DOUBLE
    Double,
    /// DECIMAL(precision, scale)
    Decimal(u8, i8),
    /// CHAR(n)
    Char(u32),
    /// VARCHAR(n); STRING is VARCHAR([`MAX_LENGTH`])
    VarChar(u32),
    /// BINARY(n)
    Binary(u32),
    /// VARBINARY(n) / BYTES (the contract does not carry the length)
    VarBinary,
    /// DATE
    Date,
    /// TIMESTAMP(p), p <= 6
    Timestamp(u8),
    /// TIMESTAMP_LTZ(p), p <= 6
    TimestampLtz(u8),
    /// ROW<name type, ...>
    Row(Vec<(String, FlinkType)>),
}

impl FlinkType {
    /// A type with the given nullability.
    pub fn new(kind: FlinkKind, nullable: bool) -> Self {
        FlinkType { kind, nullable }
    }

    /// The Arrow type of the contract's type table.
    pub fn to_arrow(&self) -> DataType {
        match &self.kind {
            FlinkKind::Boolean => DataType::Boolean,
            FlinkKind::TinyInt => DataType::Int8,
            FlinkKind::SmallInt => DataType::Int16,
            FlinkKind::Int => DataType::Int32,
            FlinkKind::BigInt => DataType::Int64,
            FlinkKind::Float => DataType::Float32,
            FlinkKind::Double => DataType::Float64,
            FlinkKind::Decimal(p, s) => DataType::Decimal128(*p, *s),
            FlinkKind::Char(_) | FlinkKind::VarChar(_) => DataType::Utf8,
            FlinkKind::Binary(_) | FlinkKind::VarBinary => DataType::Binary,
            FlinkKind::Date => DataType::Date32,
            FlinkKind::Timestamp(p) => DataType::Timestamp(timestamp_unit(*p), None),
            FlinkKind::TimestampLtz(p) => {
                DataType::Timestamp(timestamp_unit(*p), Some("UTC".into()))
            }
            FlinkKind::Row(fields) => DataType::Struct(Fields::from(
                fields
                    .iter()
                    .map(|(name, t)| t.to_field(name))
                    .collect::<Vec<Field>>(),
            )),
        }
    }

    /// An Arrow field of this type.
    pub fn to_field(&self, name: &str) -> Field {
        Field::new(name, self.to_arrow(), self.nullable)
    }

    /// True for TINYINT, SMALLINT, INT, BIGINT.
    pub fn is_integer(&self) -> bool {
        matches!(
            self.kind,
            FlinkKind::TinyInt | FlinkKind::SmallInt | FlinkKind::Int | FlinkKind::BigInt
        )
    }

    /// True for FLOAT, DOUBLE.
    pub fn is_approximate(&self) -> bool {
        matches!(self.kind, FlinkKind::Float | FlinkKind::Double)
    }

    /// True for integers, DECIMAL, FLOAT, DOUBLE.
    pub fn is_numeric(&self) -> bool {
        self.is_integer() || self.is_approximate() || matches!(self.kind, FlinkKind::Decimal(..))
    }

    /// True for CHAR and VARCHAR.
    pub fn is_string(&self) -> bool {
        matches!(self.kind, FlinkKind::Char(_) | FlinkKind::VarChar(_))
    }

    /// SQL-ish rendering for messages, e.g. `DECIMAL(10, 2)`.
    pub fn sql_name(&self) -> String {
        let base = match &self.kind {
            FlinkKind::Boolean => "BOOLEAN".to_string(),
            FlinkKind::TinyInt => "TINYINT".to_string(),
            FlinkKind::SmallInt => "SMALLINT".to_string(),
            FlinkKind::Int => "INT".to_string(),
            FlinkKind::BigInt => "BIGINT".to_string(),
            FlinkKind::Float => "FLOAT".to_string(),
            FlinkKind::Double => "DOUBLE".to_string(),
            FlinkKind::Decimal(p, s) => format!("DECIMAL({p}, {s})"),
            FlinkKind::Char(n) => format!("CHAR({n})"),
            FlinkKind::VarChar(n) if *n == MAX_LENGTH => "STRING".to_string(),
            FlinkKind::VarChar(n) => format!("VARCHAR({n})"),
            FlinkKind::Binary(n) => format!("BINARY({n})"),
            FlinkKind::VarBinary => "BYTES".to_string(),
            FlinkKind::Date => "DATE".to_string(),
            FlinkKind::Timestamp(p) => format!("TIMESTAMP({p})"),
            FlinkKind::TimestampLtz(p) => format!("TIMESTAMP_LTZ({p})"),
            FlinkKind::Row(fields) => format!(
                "ROW<{}>",
                fields
                    .iter()
                    .map(|(n, t)| format!("{n} {}", t.sql_name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        if self.nullable {
            base
        } else {
            format!("{base} NOT NULL")
        }
    }
}

/// Arrow unit of a TIMESTAMP(p): milliseconds up to p = 3 (Flink's compact form), else microseconds.
pub fn timestamp_unit(precision: u8) -> TimeUnit {
    if precision <= 3 {
        TimeUnit::Millisecond
    } else {
        TimeUnit::Microsecond
    }
}
