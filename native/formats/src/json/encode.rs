//! Arrow -> JSON lines, byte for byte what Flink 2.3's `json` format writes.
//!
//! Flink's filesystem sink hands each row to `JsonRowDataSerializationSchema`: `RowDataToJsonConverters`
//! builds a Jackson `ObjectNode` (fields in schema order) and the shaded Jackson 2.20 `ObjectMapper`
//! writes it with its UTF-8 generator; `SerializationSchemaAdapter` appends `\n`. [`JsonLinesEncoder`]
//! writes the same bytes straight from the columns of a batch:
//!
//! | Arrow type (Flink type) | written as (Java) |
//! |---|---|
//! | Boolean (BOOLEAN) | `true` / `false` |
//! | Int8..Int64 (TINYINT..BIGINT) | decimal digits |
//! | Float32 / Float64 (FLOAT / DOUBLE) | `Float.toString` / `Double.toString` as of JDK 19+ (the shortest digits; JDK 17 prints a few values with more, so the caller keeps such sinks stock there); NaN and infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (Jackson's `QUOTE_NON_NUMERIC_NUMBERS`) |
//! | Decimal128(p, s) (DECIMAL) | `BigDecimal.stripTrailingZeros().toString()` (zero: `0`; `1E+2`, `1E-10`), or with `decimal_as_plain_number` the unstripped `toPlainString()` (`100.00`, `0.0000000000`) |
//! | Utf8 (CHAR/VARCHAR) | a JSON string, escaped as Jackson does (below) |
//! | Date32 (DATE) | `"yyyy-MM-dd"` (`ISO_LOCAL_DATE`: years beyond 9999 as `+10000`, negative as `-0001`) |
//! | Timestamp(ms or us, None) (TIMESTAMP(p)) | SQL `"2020-12-30 12:13:14[.f]"`, ISO-8601 `"2020-12-30T12:13:14[.f]"`: seconds always, the fraction without trailing zeros and only if not zero |
//! | Timestamp(ms or us, "UTC") (TIMESTAMP_LTZ(p)) | the same followed by `Z` |
//! | Struct (ROW) | an object, recursively |
//!
//! NULL is `null`, or the member is left out with `ignore_null_fields` (`json.encode.ignore-null-fields`),
//! also inside nested objects. Strings and keys: `"` and `\` escaped with a backslash, `\b \t \n \f \r`,
//! other control characters below U+0020 as `\u00XX` (upper-case hex), DEL and every other BMP character
//! raw UTF-8, characters beyond the BMP as two escaped UTF-16 surrogates (`\uD83D\uDE00`: Jackson's
//! `COMBINE_UNICODE_SURROGATES_IN_UTF8` is off).

use arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Decimal128Array, Float32Array,
    Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, StringArray, StructArray,
    TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Field, Float32Type, Float64Type, Int8Type, Int16Type,
    Int32Type, Int64Type, Schema, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
};
use arrow::record_batch::RecordBatch;
use ember_common::{EmberError, Result};

use super::TimestampFormat;

/// The options of Flink's `json` format that change written bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonEncodeOptions {
    /// `json.timestamp-format.standard`.
    pub timestamp_format: TimestampFormat,
    /// `json.encode.ignore-null-fields`: NULL members are left out.
    pub ignore_null_fields: bool,
    /// `json.encode.decimal-as-plain-number`: DECIMAL as `toPlainString()` with its scale.
    pub decimal_as_plain_number: bool,
}

/// The planned shape of one column or struct child.
#[derive(Debug)]
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
    /// `utc`: TIMESTAMP_LTZ (a `Z` follows).
    TimestampMillis {
        utc: bool,
    },
    TimestampMicros {
        utc: bool,
    },
    Struct(Vec<Member>),
}

/// A field: its key already written as `"name":` and its kind.
#[derive(Debug)]
struct Member {
    key: Vec<u8>,
    kind: Kind,
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
    Struct(&'a StructArray, Vec<Column<'a>>),
}

/// Encodes Arrow batches of one schema as JSON lines, the bytes Flink's `json` format writes.
#[derive(Debug)]
pub struct JsonLinesEncoder {
    members: Vec<Member>,
    options: JsonEncodeOptions,
}

impl JsonLinesEncoder {
    /// An encoder for batches of `schema`; field names are the JSON keys.
    ///
    /// # Errors
    /// `EmberError::Unsupported` for a type outside the table of the module documentation (BYTES,
    /// TIME, ARRAY, MAP, timestamps in seconds or nanoseconds, ...).
    pub fn try_new(schema: &Schema, options: JsonEncodeOptions) -> Result<Self> {
        let members = plan(schema.fields().iter().map(|f| f.as_ref()))?;
        Ok(Self { members, options })
    }

    /// Appends one line per row of `batch` to `out`, each followed by `\n`. Returns the number of lines.
    ///
    /// # Errors
    /// `EmberError::Execution` if the batch does not have the encoder's schema.
    pub fn encode(&self, batch: &RecordBatch, out: &mut Vec<u8>) -> Result<usize> {
        let columns = bind(&self.members, batch.columns())?;
        for row in 0..batch.num_rows() {
            self.write_object(&self.members, &columns, row, out);
            out.push(b'\n');
        }
        Ok(batch.num_rows())
    }

    fn write_object(
        &self,
        members: &[Member],
        columns: &[Column<'_>],
        row: usize,
        out: &mut Vec<u8>,
    ) {
        out.push(b'{');
        let mut first = true;
        for (member, column) in members.iter().zip(columns) {
            let null = column.is_null(row);
            if null && self.options.ignore_null_fields {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(&member.key);
            if null {
                out.extend_from_slice(b"null");
            } else {
                self.write_value(member, column, row, out);
            }
        }
        out.push(b'}');
    }

    fn write_value(&self, member: &Member, column: &Column<'_>, row: usize, out: &mut Vec<u8>) {
        match column {
            Column::Boolean(a) => {
                out.extend_from_slice(if a.value(row) { b"true" } else { b"false" })
            }
            Column::Int8(a) => push_i64(out, i64::from(a.value(row))),
            Column::Int16(a) => push_i64(out, i64::from(a.value(row))),
            Column::Int32(a) => push_i64(out, i64::from(a.value(row))),
            Column::Int64(a) => push_i64(out, a.value(row)),
            Column::Float32(a) => push_float(out, a.value(row).is_finite(), || {
                ember_kernels::java::float_to_string(a.value(row))
            }),
            Column::Float64(a) => push_float(out, a.value(row).is_finite(), || {
                ember_kernels::java::double_to_string(a.value(row))
            }),
            Column::Decimal(a, scale) => push_decimal(
                out,
                a.value(row),
                i32::from(*scale),
                self.options.decimal_as_plain_number,
            ),
            Column::Utf8(a) => push_string(out, a.value(row).as_bytes()),
            Column::Date(a) => {
                out.push(b'"');
                push_date(out, i64::from(a.value(row)));
                out.push(b'"');
            }
            Column::TimestampMillis(a, utc) => {
                let v = a.value(row);
                let (seconds, nanos) = (v.div_euclid(1000), v.rem_euclid(1000) * 1_000_000);
                self.push_timestamp(out, seconds, nanos, *utc);
            }
            Column::TimestampMicros(a, utc) => {
                let v = a.value(row);
                let (seconds, nanos) = (v.div_euclid(1_000_000), v.rem_euclid(1_000_000) * 1000);
                self.push_timestamp(out, seconds, nanos, *utc);
            }
            Column::Struct(_, children) => {
                let Kind::Struct(members) = &member.kind else {
                    unreachable!("bound from the same plan")
                };
                self.write_object(members, children, row, out);
            }
        }
    }

    fn push_timestamp(&self, out: &mut Vec<u8>, seconds: i64, nanos: i64, utc: bool) {
        out.push(b'"');
        push_date(out, seconds.div_euclid(86_400));
        out.push(match self.options.timestamp_format {
            TimestampFormat::Sql => b' ',
            TimestampFormat::Iso8601 => b'T',
        });
        let second_of_day = seconds.rem_euclid(86_400);
        push_2(out, second_of_day / 3600);
        out.push(b':');
        push_2(out, second_of_day / 60 % 60);
        out.push(b':');
        push_2(out, second_of_day % 60);
        if nanos != 0 {
            // appendFraction(NANO_OF_SECOND, 0, 9, true): the digits without trailing zeros.
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
        out.push(b'"');
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
            Column::Struct(a, _) => a.is_null(row),
        }
    }
}

fn plan<'a>(fields: impl Iterator<Item = &'a Field>) -> Result<Vec<Member>> {
    fields
        .map(|field| {
            let mut key = Vec::with_capacity(field.name().len() + 3);
            push_string(&mut key, field.name().as_bytes());
            key.push(b':');
            Ok(Member {
                key,
                kind: kind(field)?,
            })
        })
        .collect()
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
        DataType::Struct(fields) if !fields.is_empty() => {
            Kind::Struct(plan(fields.iter().map(|f| f.as_ref()))?)
        }
        other => {
            return Err(EmberError::Unsupported(format!(
                "JSON field `{}` of type {other} is not encoded natively",
                field.name()
            )));
        }
    })
}

/// No zone: TIMESTAMP; "UTC": TIMESTAMP_LTZ (Ember's Arrow form); any other zone is not Flink's.
pub(crate) fn utc(tz: &Option<std::sync::Arc<str>>) -> Result<bool> {
    match tz.as_deref() {
        None => Ok(false),
        Some("UTC") => Ok(true),
        Some(other) => Err(EmberError::Unsupported(format!(
            "timestamps in zone {other} are not encoded natively"
        ))),
    }
}

fn bind<'a>(members: &[Member], arrays: &'a [ArrayRef]) -> Result<Vec<Column<'a>>> {
    if members.len() != arrays.len() {
        return Err(mismatch(format!(
            "{} columns for {} fields",
            arrays.len(),
            members.len()
        )));
    }
    members
        .iter()
        .zip(arrays)
        .map(|(member, array)| column(member, array.as_ref()))
        .collect()
}

fn column<'a>(member: &Member, array: &'a dyn Array) -> Result<Column<'a>> {
    let expected = || {
        mismatch(format!(
            "column of type {} for {:?}",
            array.data_type(),
            member.kind
        ))
    };
    Ok(match (&member.kind, array.data_type()) {
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
            Column::TimestampMillis(array.as_primitive::<TimestampMillisecondType>(), *utc)
        }
        (Kind::TimestampMicros { utc }, DataType::Timestamp(TimeUnit::Microsecond, _)) => {
            Column::TimestampMicros(array.as_primitive::<TimestampMicrosecondType>(), *utc)
        }
        (Kind::Struct(members), DataType::Struct(_)) => {
            let array = array.as_struct();
            Column::Struct(array, bind(members, array.columns())?)
        }
        _ => return Err(expected()),
    })
}

fn mismatch(message: String) -> EmberError {
    EmberError::Execution(format!(
        "JSON encoder: batch does not match the schema: {message}"
    ))
}

/// `Long.toString`.
pub(crate) fn push_i64(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    push_u64(out, v.unsigned_abs());
}

/// "00" to "99".
const DIGIT_PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Decimal digits of `v`, two at a time (no 128-bit division).
fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while v >= 100 {
        let pair = (v % 100) as usize * 2;
        v /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if v >= 10 {
        let pair = v as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + v as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

/// Decimal digits of `v` (up to 39).
fn push_u128(out: &mut Vec<u8>, v: u128) {
    const TEN_19: u128 = 10_000_000_000_000_000_000;
    if let Ok(small) = u64::try_from(v) {
        return push_u64(out, small);
    }
    // High part, then the low 19 digits zero-padded.
    push_u128(out, v / TEN_19);
    let low = (v % TEN_19) as u64;
    let start = out.len();
    push_u64(out, low);
    let written = out.len() - start;
    if written < 19 {
        out.splice(start..start, std::iter::repeat_n(b'0', 19 - written));
    }
}

/// Two digits, zero-padded (`v` in 0..100).
pub(crate) fn push_2(out: &mut Vec<u8>, v: i64) {
    let pair = v as usize * 2;
    out.extend_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
}

/// Jackson's `writeNumber(float/double)`: the Java text, quoted when not finite.
fn push_float(out: &mut Vec<u8>, finite: bool, text: impl FnOnce() -> String) {
    let text = text();
    if finite {
        out.extend_from_slice(text.as_bytes());
    } else {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    }
}

/// Flink's DECIMAL converter + Jackson: `stripTrailingZeros().toString()`, or the value's own
/// `toPlainString()` when `plain`.
pub(crate) fn push_decimal(out: &mut Vec<u8>, unscaled: i128, scale: i32, plain: bool) {
    if unscaled < 0 {
        out.push(b'-');
    }
    let mut magnitude = unscaled.unsigned_abs();
    let mut scale = scale;
    if !plain {
        if magnitude == 0 {
            // BigDecimal.ZERO (stripTrailingZeros of any zero, and Jackson's DecimalNode.ZERO).
            out.push(b'0');
            return;
        }
        while magnitude.is_multiple_of(10) {
            magnitude /= 10;
            scale -= 1;
        }
    }
    let start = out.len();
    push_u128(out, magnitude);
    let len = (out.len() - start) as i32;
    if scale == 0 {
        return;
    }
    let adjusted = -scale + (len - 1);
    if scale > 0 && (plain || adjusted >= -6) {
        // Plain notation: the point `scale` digits from the right, zeros in front if needed.
        if scale >= len {
            let zeros = (scale - len) as usize;
            let digits = out.split_off(start);
            out.extend_from_slice(b"0.");
            out.resize(out.len() + zeros, b'0');
            out.extend_from_slice(&digits);
        } else {
            out.insert(start + (len - scale) as usize, b'.');
        }
        return;
    }
    // Scientific notation (BigDecimal.toString): d[.ddd]E±n.
    if len > 1 {
        out.insert(start + 1, b'.');
    }
    out.push(b'E');
    if adjusted > 0 {
        out.push(b'+');
    }
    let exponent = i64::from(adjusted);
    push_i64(out, exponent);
}

/// `ISO_LOCAL_DATE` of an epoch day: `yyyy-MM-dd`, years beyond 9999 with `+`, negative with `-`.
pub(crate) fn push_date(out: &mut Vec<u8>, epoch_day: i64) {
    let (year, month, day) = civil_from_days(epoch_day);
    if year > 9999 {
        out.push(b'+');
        push_i64(out, year);
    } else {
        if year < 0 {
            out.push(b'-');
        }
        let y = year.unsigned_abs();
        if y < 1000 {
            out.resize(out.len() + 4 - digit_count(y), b'0');
        }
        push_u128(out, u128::from(y));
    }
    out.push(b'-');
    push_2(out, month);
    out.push(b'-');
    push_2(out, day);
}

fn digit_count(v: u64) -> usize {
    if v == 0 { 1 } else { v.ilog10() as usize + 1 }
}

/// Proleptic Gregorian (year, month, day) of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Escape of each ASCII byte: 0 = raw, `b'u'` = `\u00XX`, else the character after the backslash.
const ESCAPES: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut c = 0;
    while c < 0x20 {
        table[c] = b'u';
        c += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// A JSON string of valid UTF-8 `s`, quoted and escaped as Jackson's UTF-8 generator does.
fn push_string(out: &mut Vec<u8>, s: &[u8]) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut run = 0; // start of the bytes not yet copied
    let mut i = 0;
    while i < s.len() {
        // Skip 8 plain bytes at a time.
        while let Some(word) = s.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            if needs_attention(word) {
                break;
            }
            i += 8;
        }
        let Some(&b) = s.get(i) else {
            break;
        };
        if b < 0x80 {
            let escape = ESCAPES[b as usize];
            if escape == 0 {
                i += 1;
                continue;
            }
            out.extend_from_slice(&s[run..i]);
            out.push(b'\\');
            if escape == b'u' {
                out.extend_from_slice(b"u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xF) as usize]);
            } else {
                out.push(escape);
            }
            i += 1;
            run = i;
        } else if b >= 0xF0 {
            // A 4-byte sequence: a character beyond the BMP, written as its escaped surrogate pair.
            i = push_supplementary(out, s, i, &mut run);
        } else {
            i += 1;
        }
    }
    out.extend_from_slice(&s[run..]);
    out.push(b'"');
}

/// Whether any byte of `word` is a control character, `"`, `\\` or the lead byte of a 4-byte sequence
/// (`>= 0xF0`). Exact, no false negatives (false positives only cost the byte-wise path).
#[inline]
fn needs_attention(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    let four_byte_lead = has_zero((word & (ONES * 0xF0)) ^ (ONES * 0xF0));
    below_space
        || has_zero(word ^ (ONES * b'"' as u64))
        || has_zero(word ^ (ONES * b'\\' as u64))
        || four_byte_lead
}

/// Writes the pending raw run and the 4-byte character at `s[i..i + 4]` as `\uHHHH\uLLLL`; returns the
/// index after it.
fn push_supplementary(out: &mut Vec<u8>, s: &[u8], i: usize, run: &mut usize) -> usize {
    out.extend_from_slice(&s[*run..i]);
    let end = (i + 4).min(s.len());
    let code = s[i..end]
        .iter()
        .skip(1)
        .fold(u32::from(s[i] & 0x07), |acc, &b| {
            (acc << 6) | u32::from(b & 0x3F)
        });
    let v = code.wrapping_sub(0x10000);
    for unit in [0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)] {
        out.extend_from_slice(b"\\u");
        for shift in [12, 8, 4, 0] {
            out.push(HEX[((unit >> shift) & 0xF) as usize]);
        }
    }
    *run = end;
    end
}

#[cfg(test)]
mod tests;
