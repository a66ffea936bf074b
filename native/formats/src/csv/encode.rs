//! Arrow -> CSV lines, byte for byte what Flink 2.3's `csv` filesystem sink writes.
//!
//! The `csv` format is a bulk format of the filesystem sink: `CsvFileFormatFactory` creates a
//! `CsvBulkWriter` per part file, which converts each row with `RowDataToCsvConverters` into a Jackson
//! `ObjectNode` and writes it with one `CsvGenerator` (shaded Jackson 2.20, `JacksonMapperFactory`'s
//! `CsvMapper` with default features) to the file: one line per row, each followed by `\n`, no header.
//! [`CsvLinesEncoder`] writes the same bytes straight from the columns of a batch:
//!
//! | Arrow type (Flink type) | written as (Java) |
//! |---|---|
//! | Boolean (BOOLEAN) | `true` / `false` |
//! | Int8..Int64 (TINYINT..BIGINT) | decimal digits |
//! | Float32 / Float64 (FLOAT / DOUBLE) | `Float.toString` / `Double.toString` as of JDK 19+ (`NaN`, `Infinity`, `-Infinity` as they are) |
//! | Decimal128(p, s) (DECIMAL) | `BigDecimal.stripTrailingZeros().toString()` (`0`, `1E+2`, `1E-10`); the bulk writer's mapper never enables `WRITE_BIGDECIMAL_AS_PLAIN`, so `csv.write-bigdecimal-in-scientific-notation` changes nothing here |
//! | Utf8 (CHAR/VARCHAR) | the text, quoted when needed (below) |
//! | Date32 (DATE) | `yyyy-MM-dd` (`ISO_LOCAL_DATE`), as text (quoted when needed: `+10000-01-01`) |
//! | Timestamp(ms or us, None) (TIMESTAMP(p)) | `yyyy-MM-dd HH:mm:ss[.f]` (`TimeFormats.SQL_TIMESTAMP_FORMAT`: the fraction without trailing zeros, only if not zero), as text |
//! | Timestamp(ms or us, "UTC") (TIMESTAMP_LTZ(p)) | the same followed by `Z`, as text |
//!
//! Numbers and booleans are never quoted. NULL is the null literal (`csv.null-literal`, empty by
//! default), never quoted. Text is written as it is unless the quote character is enabled and
//! Jackson's loose check (`CsvEncoder._mayNeedQuotes`, `STRICT_CHECK_FOR_QUOTING` off) says it may
//! need quotes: more than 24 UTF-16 units, or any character below the "safe" one (one more than the
//! largest of the field delimiter, the quote character and `\n`; with `,` and `"` that is every
//! character below `-`: controls, space, `!"#$%&'()*+,`), or the quote character, or `\`. Quoted text
//! is the quote character, the text with each quote character doubled, the quote character (Jackson
//! has no other output escapes by default). An empty string is not quoted. With `csv.escape-character`
//! the escape character replaces `\` in the check (the quote character is below the safe one anyway)
//! and is doubled in quoted text (`_writeQuotedAndEscaped`; its long-string path writes the same).

use arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Decimal128Array, Float32Array,
    Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, StringArray,
    TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Field, Float32Type, Float64Type, Int8Type, Int16Type,
    Int32Type, Int64Type, Schema, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
};
use arrow::record_batch::RecordBatch;
use ember_common::{EmberError, Result};

use crate::json::encode::{push_2, push_date, push_decimal, push_i64, utc};

/// Jackson's `CsvEncoder.MAX_QUOTE_CHECK`: longer text is always quoted.
const MAX_QUOTE_CHECK: usize = 24;

/// The options of Flink's `csv` format that change written bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvEncodeOptions {
    /// `csv.field-delimiter` (ASCII).
    pub field_delimiter: u8,
    /// `csv.quote-character` (ASCII), `None` with `csv.disable-quote-character`.
    pub quote_character: Option<u8>,
    /// `csv.null-literal`: the text of NULL (empty by default).
    pub null_literal: Vec<u8>,
    /// `csv.escape-character` (ASCII, not NUL): in quoted text it is doubled, and it makes text quoted
    /// (instead of `\`).
    pub escape_character: Option<u8>,
}

impl Default for CsvEncodeOptions {
    fn default() -> Self {
        Self {
            field_delimiter: b',',
            quote_character: Some(b'"'),
            null_literal: Vec::new(),
            escape_character: None,
        }
    }
}

/// The planned kind of one column.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    Utf8,
    Date,
    TimestampMillis { utc: bool },
    TimestampMicros { utc: bool },
}

/// A column of one batch, downcast once per batch.
enum Column<'a> {
    Boolean(&'a BooleanArray),
    Int8(&'a Int8Array),
    Int16(&'a Int16Array),
    Int32(&'a Int32Array),
    Int64(&'a Int64Array),
    Float32(&'a Float32Array),
    Float64(&'a Float64Array),
    Decimal(&'a Decimal128Array, i8),
    Utf8(&'a StringArray),
    Date(&'a Date32Array),
    TimestampMillis(&'a TimestampMillisecondArray, bool),
    TimestampMicros(&'a TimestampMicrosecondArray, bool),
}

/// Encodes Arrow batches of one schema as CSV lines, the bytes Flink's `csv` file sink writes.
#[derive(Debug)]
pub struct CsvLinesEncoder {
    kinds: Vec<Kind>,
    options: CsvEncodeOptions,
    /// Bytes below this one may need quotes (Jackson's `_cfgMinSafeChar`).
    min_safe: u8,
}

impl CsvLinesEncoder {
    /// An encoder for batches of `schema` (field names do not matter: no header is written).
    ///
    /// # Errors
    /// `EmberError::Unsupported` for a type outside the table of the module documentation (ROW,
    /// ARRAY, MAP, BYTES, TIME, ...) or a non-ASCII delimiter or quote character.
    pub fn try_new(schema: &Schema, options: CsvEncodeOptions) -> Result<Self> {
        if !options.field_delimiter.is_ascii()
            || options.quote_character.is_some_and(|q| !q.is_ascii())
            || options
                .escape_character
                .is_some_and(|e| !e.is_ascii() || e == 0)
        {
            return Err(EmberError::Unsupported(
                "a non-ASCII CSV delimiter, quote or escape character is not encoded natively"
                    .into(),
            ));
        }
        let kinds = schema
            .fields()
            .iter()
            .map(|f| kind(f))
            .collect::<Result<Vec<_>>>()?;
        let min_safe = options
            .field_delimiter
            .max(options.quote_character.unwrap_or(0))
            .max(b'\n')
            + 1;
        Ok(Self {
            kinds,
            options,
            min_safe,
        })
    }

    /// Appends one line per row of `batch` to `out`, each followed by `\n`. Returns the number of lines.
    ///
    /// # Errors
    /// `EmberError::Execution` if the batch does not have the encoder's schema.
    pub fn encode(&self, batch: &RecordBatch, out: &mut Vec<u8>) -> Result<usize> {
        let columns = bind(&self.kinds, batch.columns())?;
        let mut text = Vec::new();
        for row in 0..batch.num_rows() {
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    out.push(self.options.field_delimiter);
                }
                self.write_value(column, row, out, &mut text);
            }
            out.push(b'\n');
        }
        Ok(batch.num_rows())
    }

    fn write_value(&self, column: &Column<'_>, row: usize, out: &mut Vec<u8>, text: &mut Vec<u8>) {
        if column.is_null(row) {
            out.extend_from_slice(&self.options.null_literal);
            return;
        }
        match column {
            Column::Boolean(a) => {
                out.extend_from_slice(if a.value(row) { b"true" } else { b"false" })
            }
            Column::Int8(a) => push_i64(out, i64::from(a.value(row))),
            Column::Int16(a) => push_i64(out, i64::from(a.value(row))),
            Column::Int32(a) => push_i64(out, i64::from(a.value(row))),
            Column::Int64(a) => push_i64(out, a.value(row)),
            Column::Float32(a) => {
                out.extend_from_slice(ember_kernels::java::float_to_string(a.value(row)).as_bytes())
            }
            Column::Float64(a) => out
                .extend_from_slice(ember_kernels::java::double_to_string(a.value(row)).as_bytes()),
            Column::Decimal(a, scale) => push_decimal(out, a.value(row), i32::from(*scale), false),
            Column::Utf8(a) => self.push_text(out, a.value(row).as_bytes()),
            Column::Date(a) => {
                text.clear();
                push_date(text, i64::from(a.value(row)));
                self.push_text(out, text);
            }
            Column::TimestampMillis(a, utc) => {
                let v = a.value(row);
                text.clear();
                push_timestamp(
                    text,
                    v.div_euclid(1000),
                    v.rem_euclid(1000) * 1_000_000,
                    *utc,
                );
                self.push_text(out, text);
            }
            Column::TimestampMicros(a, utc) => {
                let v = a.value(row);
                text.clear();
                push_timestamp(
                    text,
                    v.div_euclid(1_000_000),
                    v.rem_euclid(1_000_000) * 1000,
                    *utc,
                );
                self.push_text(out, text);
            }
        }
    }

    /// Text (valid UTF-8), quoted if Jackson's loose check says so.
    fn push_text(&self, out: &mut Vec<u8>, s: &[u8]) {
        let Some(q) = self.options.quote_character else {
            out.extend_from_slice(s);
            return;
        };
        if !self.may_need_quotes(s, q) {
            out.extend_from_slice(s);
            return;
        }
        out.reserve(s.len() + 2);
        out.push(q);
        let escape = self.options.escape_character;
        let mut run = 0;
        for (i, &b) in s.iter().enumerate() {
            if b == q || Some(b) == escape {
                // Doubled: the quote character and the escape character each escape themselves.
                out.extend_from_slice(&s[run..=i]);
                out.push(b);
                run = i + 1;
            }
        }
        out.extend_from_slice(&s[run..]);
        out.push(q);
    }

    /// `CsvEncoder._mayNeedQuotes` + `_needsQuotingLoose` without an escape character: more than 24
    /// UTF-16 units, or a character below the safe one, the quote character (the quote escape) or `\`
    /// (the control-character escape). Non-ASCII characters are all above the safe one.
    fn may_need_quotes(&self, s: &[u8], q: u8) -> bool {
        if s.len() > MAX_QUOTE_CHECK && utf16_len(s) > MAX_QUOTE_CHECK {
            return true;
        }
        match self.options.escape_character {
            // `_needsQuotingLoose(value, esc)`: below the safe character or the escape character.
            Some(e) => s.iter().any(|&b| b < self.min_safe || b == e),
            None => s.iter().any(|&b| b < self.min_safe || b == q || b == b'\\'),
        }
    }
}

/// UTF-16 length of valid UTF-8: one unit per character, two for those of 4 bytes.
fn utf16_len(s: &[u8]) -> usize {
    s.iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// `TimeFormats.SQL_TIMESTAMP_FORMAT` (`yyyy-MM-dd HH:mm:ss` and the fraction without trailing zeros,
/// if not zero), with `Z` for `SQL_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT`.
fn push_timestamp(out: &mut Vec<u8>, seconds: i64, nanos: i64, utc: bool) {
    push_date(out, seconds.div_euclid(86_400));
    out.push(b' ');
    let second_of_day = seconds.rem_euclid(86_400);
    push_2(out, second_of_day / 3600);
    out.push(b':');
    push_2(out, second_of_day / 60 % 60);
    out.push(b':');
    push_2(out, second_of_day % 60);
    if nanos != 0 {
        let mut digits = [0u8; 9];
        let mut n = nanos;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let len = 9 - digits.iter().rev().take_while(|&&d| d == b'0').count();
        out.push(b'.');
        out.extend_from_slice(&digits[..len]);
    }
    if utc {
        out.push(b'Z');
    }
}

impl Column<'_> {
    fn is_null(&self, row: usize) -> bool {
        match self {
            Column::Boolean(a) => a.is_null(row),
            Column::Int8(a) => a.is_null(row),
            Column::Int16(a) => a.is_null(row),
            Column::Int32(a) => a.is_null(row),
            Column::Int64(a) => a.is_null(row),
            Column::Float32(a) => a.is_null(row),
            Column::Float64(a) => a.is_null(row),
            Column::Decimal(a, _) => a.is_null(row),
            Column::Utf8(a) => a.is_null(row),
            Column::Date(a) => a.is_null(row),
            Column::TimestampMillis(a, _) => a.is_null(row),
            Column::TimestampMicros(a, _) => a.is_null(row),
        }
    }
}

fn kind(field: &Field) -> Result<Kind> {
    Ok(match field.data_type() {
        DataType::Boolean => Kind::Boolean,
        DataType::Int8 => Kind::Int8,
        DataType::Int16 => Kind::Int16,
        DataType::Int32 => Kind::Int32,
        DataType::Int64 => Kind::Int64,
        DataType::Float32 => Kind::Float32,
        DataType::Float64 => Kind::Float64,
        DataType::Decimal128(p, s) if (1..=38).contains(p) && *s >= 0 && (*s as u8) <= *p => {
            Kind::Decimal
        }
        DataType::Utf8 => Kind::Utf8,
        DataType::Date32 => Kind::Date,
        DataType::Timestamp(TimeUnit::Millisecond, tz) => Kind::TimestampMillis { utc: utc(tz)? },
        DataType::Timestamp(TimeUnit::Microsecond, tz) => Kind::TimestampMicros { utc: utc(tz)? },
        other => {
            return Err(EmberError::Unsupported(format!(
                "CSV field `{}` of type {other} is not encoded natively",
                field.name()
            )));
        }
    })
}

fn bind<'a>(kinds: &[Kind], arrays: &'a [ArrayRef]) -> Result<Vec<Column<'a>>> {
    if kinds.len() != arrays.len() {
        return Err(mismatch(format!(
            "{} columns for {} fields",
            arrays.len(),
            kinds.len()
        )));
    }
    kinds
        .iter()
        .zip(arrays)
        .map(|(kind, array)| column(*kind, array.as_ref()))
        .collect()
}

fn column(kind: Kind, array: &dyn Array) -> Result<Column<'_>> {
    Ok(match (kind, array.data_type()) {
        (Kind::Boolean, DataType::Boolean) => Column::Boolean(array.as_boolean()),
        (Kind::Int8, DataType::Int8) => Column::Int8(array.as_primitive::<Int8Type>()),
        (Kind::Int16, DataType::Int16) => Column::Int16(array.as_primitive::<Int16Type>()),
        (Kind::Int32, DataType::Int32) => Column::Int32(array.as_primitive::<Int32Type>()),
        (Kind::Int64, DataType::Int64) => Column::Int64(array.as_primitive::<Int64Type>()),
        (Kind::Float32, DataType::Float32) => Column::Float32(array.as_primitive::<Float32Type>()),
        (Kind::Float64, DataType::Float64) => Column::Float64(array.as_primitive::<Float64Type>()),
        (Kind::Decimal, DataType::Decimal128(_, s)) => {
            Column::Decimal(array.as_primitive::<Decimal128Type>(), *s)
        }
        (Kind::Utf8, DataType::Utf8) => Column::Utf8(array.as_string::<i32>()),
        (Kind::Date, DataType::Date32) => Column::Date(array.as_primitive::<Date32Type>()),
        (Kind::TimestampMillis { utc }, DataType::Timestamp(TimeUnit::Millisecond, _)) => {
            Column::TimestampMillis(array.as_primitive::<TimestampMillisecondType>(), utc)
        }
        (Kind::TimestampMicros { utc }, DataType::Timestamp(TimeUnit::Microsecond, _)) => {
            Column::TimestampMicros(array.as_primitive::<TimestampMicrosecondType>(), utc)
        }
        _ => {
            return Err(mismatch(format!(
                "column of type {} for {kind:?}",
                array.data_type()
            )));
        }
    })
}

fn mismatch(message: String) -> EmberError {
    EmberError::Execution(format!(
        "CSV encoder: batch does not match the schema: {message}"
    ))
}

#[cfg(test)]
mod tests;
