//! Field texts -> typed Arrow columns with the results of Flink's `CsvToRowDataConverters`.
//!
//! The numeral and date/time helpers are the JSON module's (Flink's CSV and JSON converters call
//! the same Java parsers on a text). Any text those helpers do not vouch for falls back: Flink
//! then fails the record (or, with `ignore-parse-errors`, makes the field NULL).

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Decimal128Builder, Float32Builder, Float64Builder,
    Int8Builder, Int16Builder, Int32Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder, TimestampMillisecondBuilder,
};
use arrow::datatypes::{DataType, Field, TimeUnit};
use ember_common::{EmberError, Result};

use crate::json::scan::{Num, Scan};
use crate::json::values::{self, TimestampSyntax};

const NOT_INTEGER: &str = "integer column from a text outside [+-]digits";
const OUT_OF_RANGE: &str = "integer out of range";
const NOT_NUMERAL: &str = "number outside the plain decimal syntax";
const UNTRIMMED_DECIMAL: &str = "DECIMAL text with surrounding blanks";
const NOT_DATE: &str = "DATE not in the form YYYY-MM-DD (year 1600-9999)";
const NOT_TIMESTAMP: &str = "TIMESTAMP not in the form YYYY-MM-DD HH:MM:SS[.f]";

#[derive(Debug)]
enum Builder {
    Boolean(BooleanBuilder),
    Int8(Int8Builder),
    Int16(Int16Builder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float32(Float32Builder),
    Float64(Float64Builder),
    Decimal {
        builder: Decimal128Builder,
        precision: u8,
        scale: i8,
    },
    Date32(Date32Builder),
    TimestampMillis(TimestampMillisecondBuilder, TimestampSyntax),
    TimestampMicros(TimestampMicrosecondBuilder, TimestampSyntax),
    Utf8(StringBuilder),
}

/// One output column.
#[derive(Debug)]
pub(super) struct Column {
    data_type: DataType,
    builder: Builder,
}

impl Column {
    pub fn try_new(field: &Field) -> Result<Self> {
        let data_type = field.data_type().clone();
        let builder = match &data_type {
            DataType::Boolean => Builder::Boolean(BooleanBuilder::new()),
            DataType::Int8 => Builder::Int8(Int8Builder::new()),
            DataType::Int16 => Builder::Int16(Int16Builder::new()),
            DataType::Int32 => Builder::Int32(Int32Builder::new()),
            DataType::Int64 => Builder::Int64(Int64Builder::new()),
            DataType::Float32 => Builder::Float32(Float32Builder::new()),
            DataType::Float64 => Builder::Float64(Float64Builder::new()),
            &DataType::Decimal128(precision, scale)
                if (1..=38).contains(&precision) && scale >= 0 && scale as u8 <= precision =>
            {
                Builder::Decimal {
                    builder: Decimal128Builder::new().with_precision_and_scale(precision, scale)?,
                    precision,
                    scale,
                }
            }
            DataType::Date32 => Builder::Date32(Date32Builder::new()),
            DataType::Timestamp(unit @ (TimeUnit::Millisecond | TimeUnit::Microsecond), tz)
                if tz.as_deref().is_none_or(|tz| tz == "UTC") =>
            {
                let micros = *unit == TimeUnit::Microsecond;
                let syntax = TimestampSyntax {
                    iso: false,
                    zulu: tz.is_some(),
                    max_fraction: if micros { 6 } else { 3 },
                };
                if micros {
                    Builder::TimestampMicros(
                        TimestampMicrosecondBuilder::new().with_timezone_opt(tz.clone()),
                        syntax,
                    )
                } else {
                    Builder::TimestampMillis(
                        TimestampMillisecondBuilder::new().with_timezone_opt(tz.clone()),
                        syntax,
                    )
                }
            }
            DataType::Utf8 => Builder::Utf8(StringBuilder::new()),
            other => {
                return Err(EmberError::Unsupported(format!(
                    "CSV field `{}` of type {other} is not decoded natively",
                    field.name()
                )));
            }
        };
        Ok(Column { data_type, builder })
    }

    /// Prepares for a batch of up to `records` rows.
    pub fn start(&mut self, _records: usize) {}

    /// Drops what was appended (after a fallback).
    pub fn clear(&mut self) {
        let _ = self.finish();
    }

    pub fn null(&mut self) {
        match &mut self.builder {
            Builder::Boolean(b) => b.append_null(),
            Builder::Int8(b) => b.append_null(),
            Builder::Int16(b) => b.append_null(),
            Builder::Int32(b) => b.append_null(),
            Builder::Int64(b) => b.append_null(),
            Builder::Float32(b) => b.append_null(),
            Builder::Float64(b) => b.append_null(),
            Builder::Decimal { builder, .. } => builder.append_null(),
            Builder::Date32(b) => b.append_null(),
            Builder::TimestampMillis(b, _) => b.append_null(),
            Builder::TimestampMicros(b, _) => b.append_null(),
            Builder::Utf8(b) => b.append_null(),
        }
    }

    /// Appends the value of a (valid UTF-8) field text.
    pub fn value(&mut self, text: &[u8]) -> Scan<()> {
        match &mut self.builder {
            Builder::Boolean(b) => b.append_value(values::parse_boolean(text)),
            Builder::Int8(b) => {
                b.append_value(integer(text)?.try_into().map_err(|_| OUT_OF_RANGE)?)
            }
            Builder::Int16(b) => {
                b.append_value(integer(text)?.try_into().map_err(|_| OUT_OF_RANGE)?)
            }
            Builder::Int32(b) => {
                b.append_value(integer(text)?.try_into().map_err(|_| OUT_OF_RANGE)?)
            }
            Builder::Int64(b) => b.append_value(integer(text)?),
            Builder::Float32(b) => b.append_value(values::float(text, &numeral(text)?)?),
            Builder::Float64(b) => b.append_value(values::double(text, &numeral(text)?)?),
            Builder::Decimal {
                builder,
                precision,
                scale,
            } => {
                // `new BigDecimal(text)`: no trim.
                if text.first().is_none_or(|&b| b <= b' ')
                    || text.last().is_some_and(|&b| b <= b' ')
                {
                    return Err(UNTRIMMED_DECIMAL);
                }
                match values::decimal(text, &numeral(text)?, *precision, *scale)? {
                    Some(unscaled) => builder.append_value(unscaled),
                    // `DecimalData.fromBigDecimal` returns null on precision overflow.
                    None => builder.append_null(),
                }
            }
            Builder::Date32(b) => b.append_value(date(text).ok_or(NOT_DATE)?),
            Builder::TimestampMillis(b, syntax) => {
                let (seconds, nanos) = timestamp(text, *syntax)?;
                b.append_value(seconds * 1_000 + i64::from(nanos / 1_000_000));
            }
            Builder::TimestampMicros(b, syntax) => {
                let (seconds, nanos) = timestamp(text, *syntax)?;
                b.append_value(seconds * 1_000_000 + i64::from(nanos / 1_000));
            }
            Builder::Utf8(b) => {
                // SAFETY: the record is valid UTF-8 (checked first) and a field text is whole characters
                // of it, or of escapes and quotes it maps to ASCII or copies whole.
                b.append_value(unsafe { std::str::from_utf8_unchecked(text) })
            }
        }
        Ok(())
    }

    /// The column of the batch; the builder is empty afterwards.
    pub fn finish(&mut self) -> Result<ArrayRef> {
        let array: ArrayRef = match &mut self.builder {
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Int8(b) => Arc::new(b.finish()),
            Builder::Int16(b) => Arc::new(b.finish()),
            Builder::Int32(b) => Arc::new(b.finish()),
            Builder::Int64(b) => Arc::new(b.finish()),
            Builder::Float32(b) => Arc::new(b.finish()),
            Builder::Float64(b) => Arc::new(b.finish()),
            Builder::Decimal { builder, .. } => Arc::new(builder.finish()),
            Builder::Date32(b) => Arc::new(b.finish()),
            Builder::TimestampMillis(b, _) => Arc::new(b.finish()),
            Builder::TimestampMicros(b, _) => Arc::new(b.finish()),
            Builder::Utf8(b) => Arc::new(b.finish()),
        };
        debug_assert_eq!(array.data_type(), &self.data_type);
        Ok(array)
    }
}

/// The text as a plain decimal numeral after `trim()`.
fn numeral(text: &[u8]) -> Scan<Num> {
    values::numeral(text, 0, text.len()).ok_or(NOT_NUMERAL)
}

/// `Long.parseLong(text.trim())` and the narrower parsers, for `[+-]?digits` in `i64`.
fn integer(text: &[u8]) -> Scan<i64> {
    let num = numeral(text).map_err(|_| NOT_INTEGER)?;
    if num.is_float {
        return Err(NOT_INTEGER);
    }
    values::integer(text, &num).ok_or(OUT_OF_RANGE)
}

/// `Date.valueOf(text)` for `YYYY-MM-DD` with a valid date from 1600 on (before, the Julian
/// calendar of `java.sql.Date` differs from the proleptic Gregorian epoch days).
fn date(text: &[u8]) -> Option<i32> {
    if text.len() != 10 || text[..2] < b"16"[..] {
        return None;
    }
    values::date(text)
}

/// `LocalDateTime.parse(text.trim(), SQL_TIMESTAMP[_WITH_LOCAL_TIMEZONE]_FORMAT)`.
fn timestamp(text: &[u8], syntax: TimestampSyntax) -> Scan<(i64, u32)> {
    let start = text.iter().position(|&b| b > b' ').unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|&b| b > b' ')
        .map_or(start, |p| p + 1);
    values::timestamp(&text[start..end], syntax).ok_or(NOT_TIMESTAMP)
}
