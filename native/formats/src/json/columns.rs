//! One typed builder per schema field: values go straight from the line's bytes into a `Vec` of the
//! Arrow native type (plus validity), which is moved into the Arrow buffer when the batch is done. A
//! struct field holds an [`Object`] with the builders of its children.

use std::mem::take;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Decimal128Array, Float32Array, Float64Array, Int8Array,
    Int16Array, Int32Array, Int64Array, StringArray, StructArray, TimestampMicrosecondArray,
    TimestampMillisecondArray,
};
use arrow::array::{BooleanBufferBuilder, NullBufferBuilder};
use arrow::buffer::{Buffer, OffsetBuffer};
use arrow::datatypes::{DataType, Field, Fields, TimeUnit};
use ember_common::{EmberError, Result};

use super::object::Object;
use super::scan::{Cursor, Num, SYNTAX, Scan, unescape};
use super::values::{self, TimestampSyntax};
use super::{JsonOptions, TimestampFormat};

const NOT_NULL: &str = "NULL in a NOT NULL column";
const NOT_BOOLEAN: &str = "BOOLEAN from a number, object or array";
const NOT_INTEGER: &str = "integer column from a non-integer value";
const OUT_OF_RANGE: &str = "integer out of range";
const NOT_NUMBER: &str = "numeric column from a non-number value";
const ESCAPED_NUMBER: &str = "number in a string with escapes";
const NOT_NUMERAL: &str = "number in a string outside the plain decimal syntax";
const NOT_OBJECT: &str = "ROW from a value that is not an object";
const NOT_DATE: &str = "DATE not in the form YYYY-MM-DD";
const NOT_TIMESTAMP: &str = "TIMESTAMP not in the accepted form of its format";
const NESTED_STRING: &str = "object or array for a string column";
const LARGE_TEXT: &str = "string column over 2 GiB";

/// The decoded values of one field.
#[derive(Debug)]
enum Values {
    Boolean(BooleanBufferBuilder),
    Int8(Vec<i8>),
    Int16(Vec<i16>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Float32(Vec<f32>),
    Float64(Vec<f64>),
    Decimal {
        values: Vec<i128>,
        precision: u8,
        scale: i8,
    },
    Date32(Vec<i32>),
    /// TIMESTAMP(p) (`timezone` None) or TIMESTAMP_LTZ(p) (`timezone` "UTC"): epoch millis for
    /// p <= 3, micros for 4..=6.
    Timestamp {
        values: Vec<i64>,
        micros: bool,
        syntax: TimestampSyntax,
        timezone: Option<Arc<str>>,
    },
    Utf8 {
        /// Starts with 0 while a batch is being decoded.
        offsets: Vec<i32>,
        bytes: Vec<u8>,
        /// Bytes of the previous batch, to size the next buffer in one go.
        bytes_hint: usize,
    },
    /// Boxed: the common columns stay small.
    Struct {
        fields: Fields,
        children: Box<Object>,
    },
}

/// Builder of one output column.
#[derive(Debug)]
pub(super) struct Column {
    nullable: bool,
    nulls: NullBufferBuilder,
    values: Values,
}

impl Column {
    /// A builder for `field` of a row at nesting level `depth`, or `Unsupported` for a type the fast
    /// path does not decode.
    pub fn try_new(field: &Field, options: JsonOptions, depth: u32) -> Result<Self> {
        let values = match field.data_type() {
            DataType::Boolean => Values::Boolean(BooleanBufferBuilder::new(0)),
            DataType::Int8 => Values::Int8(Vec::new()),
            DataType::Int16 => Values::Int16(Vec::new()),
            DataType::Int32 => Values::Int32(Vec::new()),
            DataType::Int64 => Values::Int64(Vec::new()),
            DataType::Float32 => Values::Float32(Vec::new()),
            DataType::Float64 => Values::Float64(Vec::new()),
            // Flink's DECIMAL(p, s): 1 <= p <= 38, 0 <= s <= p.
            &DataType::Decimal128(precision, scale)
                if (1..=38).contains(&precision) && scale >= 0 && scale as u8 <= precision =>
            {
                Values::Decimal {
                    values: Vec::new(),
                    precision,
                    scale,
                }
            }
            DataType::Date32 => Values::Date32(Vec::new()),
            // TIMESTAMP(p) and, with the instant's zone "UTC", TIMESTAMP_LTZ(p), p <= 6.
            DataType::Timestamp(
                unit @ (TimeUnit::Millisecond | TimeUnit::Microsecond),
                timezone,
            ) if timezone.as_deref().is_none_or(|tz| tz == "UTC") => {
                let micros = *unit == TimeUnit::Microsecond;
                Values::Timestamp {
                    values: Vec::new(),
                    micros,
                    syntax: TimestampSyntax {
                        iso: options.timestamp_format == TimestampFormat::Iso8601,
                        zulu: timezone.is_some(),
                        max_fraction: if micros { 6 } else { 3 },
                    },
                    timezone: timezone.clone(),
                }
            }
            DataType::Utf8 => Values::Utf8 {
                offsets: Vec::new(),
                bytes: Vec::new(),
                bytes_hint: 0,
            },
            // An empty ROW has no length of its own in Arrow (and is rare enough to leave to Flink).
            DataType::Struct(fields) if !fields.is_empty() => Values::Struct {
                fields: fields.clone(),
                children: Box::new(Object::try_new(fields, options, depth + 1)?),
            },
            other => {
                return Err(EmberError::Unsupported(format!(
                    "JSON field `{}` of type {other} is not decoded natively",
                    field.name()
                )));
            }
        };
        Ok(Column {
            nullable: field.is_nullable(),
            nulls: NullBufferBuilder::new(0),
            values,
        })
    }

    /// Prepares for a batch of up to `lines` rows.
    pub fn start(&mut self, lines: usize) {
        match &mut self.values {
            Values::Boolean(v) => v.reserve(lines),
            Values::Int8(v) => v.reserve(lines),
            Values::Int16(v) => v.reserve(lines),
            Values::Int32(v) | Values::Date32(v) => v.reserve(lines),
            Values::Int64(v) | Values::Timestamp { values: v, .. } => v.reserve(lines),
            Values::Float32(v) => v.reserve(lines),
            Values::Float64(v) => v.reserve(lines),
            Values::Decimal { values, .. } => values.reserve(lines),
            Values::Utf8 {
                offsets,
                bytes,
                bytes_hint,
            } => {
                offsets.reserve(lines + 1);
                if offsets.is_empty() {
                    offsets.push(0);
                }
                bytes.reserve(*bytes_hint);
            }
            Values::Struct { children, .. } => children.start(lines),
        }
    }

    /// Drops the rows decoded so far (the batch falls back); keeps the allocations.
    pub fn clear(&mut self) {
        self.nulls.truncate(0);
        match &mut self.values {
            Values::Boolean(v) => v.truncate(0),
            Values::Int8(v) => v.clear(),
            Values::Int16(v) => v.clear(),
            Values::Int32(v) | Values::Date32(v) => v.clear(),
            Values::Int64(v) | Values::Timestamp { values: v, .. } => v.clear(),
            Values::Float32(v) => v.clear(),
            Values::Float64(v) => v.clear(),
            Values::Decimal { values, .. } => values.clear(),
            Values::Utf8 { offsets, bytes, .. } => {
                offsets.clear();
                bytes.clear();
            }
            Values::Struct { children, .. } => children.clear(),
        }
    }

    /// Appends a NULL (a JSON `null`, a missing key, or a DECIMAL that overflows its precision).
    pub fn null(&mut self) -> Scan<()> {
        if !self.nullable {
            return Err(NOT_NULL);
        }
        self.masked_null();
        Ok(())
    }

    /// Appends a NULL whatever the field's nullability: for a child of a NULL struct (its children
    /// are NULL all the way down), or after [`Column::null`] checked it.
    pub fn masked_null(&mut self) {
        self.nulls.append_null();
        match &mut self.values {
            Values::Boolean(v) => v.append(false),
            Values::Int8(v) => v.push(0),
            Values::Int16(v) => v.push(0),
            Values::Int32(v) | Values::Date32(v) => v.push(0),
            Values::Int64(v) | Values::Timestamp { values: v, .. } => v.push(0),
            Values::Float32(v) => v.push(0.0),
            Values::Float64(v) => v.push(0.0),
            Values::Decimal { values, .. } => values.push(0),
            // No bytes are added, so the last offset (already checked) is repeated.
            Values::Utf8 { offsets, .. } => offsets.push(offsets.last().copied().unwrap_or(0)),
            Values::Struct { children, .. } => children.masked_null(),
        }
    }

    /// Decodes the value at the cursor (after the key's `:` and whitespace) and appends it. `depth`
    /// is the nesting level of the object holding the value.
    #[inline]
    pub fn value(&mut self, cur: &mut Cursor<'_>, scratch: &mut Vec<u8>, depth: u32) -> Scan<()> {
        let first = cur.peek();
        if first == b'n' {
            cur.literal(b"null")?;
            return self.null();
        }
        match &mut self.values {
            Values::Boolean(v) => {
                let value = match first {
                    b't' => cur.literal(b"true").map(|()| true)?,
                    b'f' => cur.literal(b"false").map(|()| false)?,
                    b'"' => values::parse_boolean(string_content(cur, scratch)?),
                    _ => return Err(NOT_BOOLEAN),
                };
                v.append(value);
            }
            Values::Int8(v) => v.push(integer(cur)?.try_into().map_err(|_| OUT_OF_RANGE)?),
            Values::Int16(v) => v.push(integer(cur)?.try_into().map_err(|_| OUT_OF_RANGE)?),
            Values::Int32(v) => v.push(integer(cur)?.try_into().map_err(|_| OUT_OF_RANGE)?),
            Values::Int64(v) => v.push(integer(cur)?),
            Values::Float32(v) => {
                let num = number(cur)?;
                v.push(values::float(cur.line, &num)?);
            }
            Values::Float64(v) => {
                let num = number(cur)?;
                v.push(values::double(cur.line, &num)?);
            }
            Values::Decimal {
                values,
                precision,
                scale,
            } => {
                let num = number(cur)?;
                match values::decimal(cur.line, &num, *precision, *scale)? {
                    Some(unscaled) => values.push(unscaled),
                    // Flink's `DecimalData.fromBigDecimal` returns null on precision overflow.
                    None => return self.null(),
                }
            }
            Values::Date32(v) => {
                if first != b'"' {
                    return Err(NOT_DATE);
                }
                v.push(values::date(string_content(cur, scratch)?).ok_or(NOT_DATE)?);
            }
            Values::Timestamp {
                values,
                micros,
                syntax,
                ..
            } => {
                let (seconds, nanos) = timestamp(cur, scratch, *syntax)?;
                values.push(if *micros {
                    seconds * 1_000_000 + i64::from(nanos / 1_000)
                } else {
                    seconds * 1_000 + i64::from(nanos / 1_000_000)
                });
            }
            Values::Utf8 { offsets, bytes, .. } => {
                match first {
                    b'"' => {
                        let s = cur.string()?;
                        let raw = &cur.line[s.start..s.end];
                        if s.escaped {
                            unescape(raw, bytes)?;
                        } else {
                            bytes.extend_from_slice(raw);
                        }
                    }
                    // Jackson's `getText()` of a number is its text as written.
                    b'-' | b'0'..=b'9' => {
                        let num = cur.number()?;
                        bytes.extend_from_slice(&cur.line[num.start..num.end]);
                    }
                    b't' => {
                        cur.literal(b"true")?;
                        bytes.extend_from_slice(b"true");
                    }
                    b'f' => {
                        cur.literal(b"false")?;
                        bytes.extend_from_slice(b"false");
                    }
                    // Flink writes the re-serialized tree (`readValueAsTree().toString()`).
                    b'{' | b'[' => return Err(NESTED_STRING),
                    _ => return Err(SYNTAX),
                }
                offsets.push(i32::try_from(bytes.len()).map_err(|_| LARGE_TEXT)?);
            }
            Values::Struct { children, .. } => {
                // Flink's row converter fails on anything but an object.
                if first != b'{' {
                    return Err(NOT_OBJECT);
                }
                cur.pos += 1;
                nested(children, cur, scratch, depth + 1)?;
            }
        }
        self.nulls.append_non_null();
        Ok(())
    }

    /// The column of the batch; the builder is empty afterwards.
    pub fn finish(&mut self) -> Result<ArrayRef> {
        let nulls = self.nulls.finish();
        let array: ArrayRef = match &mut self.values {
            Values::Boolean(v) => Arc::new(BooleanArray::new(v.finish(), nulls)),
            Values::Int8(v) => Arc::new(Int8Array::try_new(take(v).into(), nulls)?),
            Values::Int16(v) => Arc::new(Int16Array::try_new(take(v).into(), nulls)?),
            Values::Int32(v) => Arc::new(Int32Array::try_new(take(v).into(), nulls)?),
            Values::Int64(v) => Arc::new(Int64Array::try_new(take(v).into(), nulls)?),
            Values::Float32(v) => Arc::new(Float32Array::try_new(take(v).into(), nulls)?),
            Values::Float64(v) => Arc::new(Float64Array::try_new(take(v).into(), nulls)?),
            Values::Decimal {
                values,
                precision,
                scale,
            } => Arc::new(
                Decimal128Array::try_new(take(values).into(), nulls)?
                    .with_precision_and_scale(*precision, *scale)?,
            ),
            Values::Date32(v) => Arc::new(Date32Array::try_new(take(v).into(), nulls)?),
            Values::Timestamp {
                values,
                micros: false,
                timezone,
                ..
            } => Arc::new(
                TimestampMillisecondArray::try_new(take(values).into(), nulls)?
                    .with_timezone_opt(timezone.clone()),
            ),
            Values::Timestamp {
                values,
                micros: true,
                timezone,
                ..
            } => Arc::new(
                TimestampMicrosecondArray::try_new(take(values).into(), nulls)?
                    .with_timezone_opt(timezone.clone()),
            ),
            Values::Utf8 {
                offsets,
                bytes,
                bytes_hint,
            } => {
                *bytes_hint = bytes.len();
                // Offsets are pushed in order from 0, so `OffsetBuffer::new`'s checks hold;
                // `try_new` checks UTF-8 (the scanner validated it, this is the cheap guarantee).
                let offsets = OffsetBuffer::new(take(offsets).into());
                let values = Buffer::from_vec(take(bytes));
                Arc::new(StringArray::try_new(offsets, values, nulls)?)
            }
            // The children have as many rows as the struct (a value or a NULL per row each).
            Values::Struct { fields, children } => Arc::new(StructArray::try_new(
                fields.clone(),
                children.finish()?,
                nulls,
            )?),
        };
        Ok(array)
    }
}

/// The members of a nested object at level `depth` (within `MAX_DEPTH`: the schema's nesting is
/// bounded by it, see `Object::try_new`). Not inlined, so that the per-value code stays inlined
/// into the object loop despite the recursion.
#[inline(never)]
fn nested(
    children: &mut Object,
    cur: &mut Cursor<'_>,
    scratch: &mut Vec<u8>,
    depth: u32,
) -> Scan<()> {
    children.members(cur, scratch, depth)
}

/// The content of the string token at the cursor, decoded into `scratch` if it has escapes.
#[inline]
fn string_content<'a: 's, 's>(cur: &mut Cursor<'a>, scratch: &'s mut Vec<u8>) -> Scan<&'s [u8]> {
    let s = cur.string()?;
    let raw = &cur.line[s.start..s.end];
    if !s.escaped {
        return Ok(raw);
    }
    scratch.clear();
    unescape(raw, scratch)?;
    Ok(scratch)
}

/// An integer: a number token without fraction or exponent (Flink reads other number tokens into
/// integer columns by truncation: left to Flink), or a string `[+-]?digits` (Flink's
/// `Integer.parseInt(text.trim())` and friends).
#[inline]
fn integer(cur: &mut Cursor<'_>) -> Scan<i64> {
    let num = match cur.peek() {
        b'-' | b'0'..=b'9' | b'"' => number(cur)?,
        _ => return Err(NOT_INTEGER),
    };
    if num.is_float {
        return Err(NOT_INTEGER);
    }
    values::integer(cur.line, &num).ok_or(OUT_OF_RANGE)
}

/// A number token, or a string holding a number (Flink parses the string's trimmed text with Java's
/// parsers).
#[inline]
fn number(cur: &mut Cursor<'_>) -> Scan<Num> {
    match cur.peek() {
        b'-' | b'0'..=b'9' => cur.number(),
        b'"' => {
            let s = cur.string()?;
            if s.escaped {
                return Err(ESCAPED_NUMBER);
            }
            values::numeral(cur.line, s.start, s.end).ok_or(NOT_NUMERAL)
        }
        _ => Err(NOT_NUMBER),
    }
}

/// A timestamp string in `syntax`: (epoch seconds, nanos).
#[inline]
fn timestamp(
    cur: &mut Cursor<'_>,
    scratch: &mut Vec<u8>,
    syntax: TimestampSyntax,
) -> Scan<(i64, u32)> {
    if cur.peek() != b'"' {
        return Err(NOT_TIMESTAMP);
    }
    values::timestamp(string_content(cur, scratch)?, syntax).ok_or(NOT_TIMESTAMP)
}
