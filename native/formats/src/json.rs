//! JSON lines -> Arrow, with exactly the rows Flink 2.3's `json` format produces, or a fallback.
//!
//! Flink's file source splits a file into lines and hands each one to
//! `JsonParserRowDataDeserializationSchema` (Jackson's streaming parser + `JsonParserToRowDataConverters`).
//! [`JsonLinesDecoder`] decodes a batch of such lines in one pass over the bytes. It accepts a line
//! only when the row is certainly identical to Flink's; on the first line it cannot vouch for, it
//! returns [`Decoded::Fallback`] and the caller runs Flink's own deserializer on the whole batch, which
//! produces Flink's rows or Flink's error. Leniency here would be a correctness bug, strictness only
//! costs speed, so the accepted language is deliberately small:
//!
//! - an empty line is no row (as in Flink); otherwise optional whitespace, one object, optional
//!   whitespace (Flink also reads top-level arrays as several rows and ignores trailing bytes);
//! - strict RFC 8259 everywhere, valid UTF-8, no raw control characters in strings, paired surrogate
//!   escapes, strings up to 1 MiB, keys up to 50,000 bytes (Jackson rejects longer names), numbers up
//!   to 100 characters, nesting up to 64 levels;
//! - keys matched byte for byte (after unescaping) against the schema's field names; unknown keys
//!   skipped (their values still validated); a schema key twice is left to Flink (it counts
//!   duplicates towards the arity and then ignores later fields);
//! - `null` and missing keys are NULL (missing keys fall back with `fail_on_missing_field`);
//! - per column type, the tokens listed on [`JsonLinesDecoder`]; a ROW (Arrow `Struct`) column takes
//!   an object whose members follow the same rules as the line's, recursively.
//!
//! Layout: `scan` is the lexer (tokens and validated skipping), `values` the token -> value
//! conversions with Java's semantics, `object` the members of one object into one row, `columns`
//! the typed builders.

mod columns;
pub(crate) mod encode;
mod object;
pub(crate) mod scan;
pub(crate) mod values;

use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::{RecordBatch, RecordBatchOptions};
use ember_common::{EmberError, Result};

pub use encode::{JsonEncodeOptions, JsonLinesEncoder};
use object::Object;
use scan::Cursor;

const BLANK_LINE: &str = "line of whitespace only";
const TOP_LEVEL_ARRAY: &str = "top-level array";
const NOT_OBJECT: &str = "line is not a JSON object";
const TRAILING: &str = "characters after the object";

/// The options of Flink's `json` format that change accepted rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonOptions {
    /// `json.fail-on-missing-field`: a line without one of the schema's keys is an error in Flink, so
    /// it falls back here.
    pub fail_on_missing_field: bool,
    /// `json.timestamp-format.standard`: the text form of TIMESTAMP and TIMESTAMP_LTZ values.
    pub timestamp_format: TimestampFormat,
}

/// `json.timestamp-format.standard`: which of Flink's `TimeFormats` formatters parse TIMESTAMP and
/// TIMESTAMP_LTZ strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `'SQL'` (Flink's default): `2020-12-30 12:13:14.123` (`SQL_TIMESTAMP_FORMAT`), TIMESTAMP_LTZ
    /// `2020-12-30 12:13:14.123Z` (`SQL_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT`).
    #[default]
    Sql,
    /// `'ISO-8601'`: `2020-12-30T12:13:14.123` (`ISO8601_TIMESTAMP_FORMAT`), TIMESTAMP_LTZ
    /// `2020-12-30T12:13:14.123Z` (`ISO8601_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT`).
    Iso8601,
}

/// The result of decoding one batch of lines.
#[derive(Debug)]
pub enum Decoded {
    /// One row per non-empty line, in line order, with exactly the decoder's schema.
    Batch(RecordBatch),
    /// Line `line` (0-based index into the batch) is outside the fast path; the caller decodes the whole
    /// batch with Flink's own deserializer instead. `reason` is short and static, for debug logs.
    Fallback { line: usize, reason: &'static str },
}

/// Decodes batches of JSON lines into Arrow batches of one schema.
///
/// | Arrow type (Flink type) | accepted value tokens (besides `null`) |
/// |---|---|
/// | Boolean (BOOLEAN) | `true`, `false`; a string: `Boolean.parseBoolean(s.trim())` |
/// | Int8..Int64 (TINYINT..BIGINT) | an integer number token in range; a string `[+-]?d+` in range after `trim()` (= `Integer.parseInt` etc.) |
/// | Float32 (FLOAT) | a number token or a string as for DOUBLE, parsed correctly rounded to a float (= `Float.parseFloat`; Jackson's `getFloatValue` parses float tokens so too, not through a double) |
/// | Float64 (DOUBLE) | a number token, parsed correctly rounded (= `Double.parseDouble`); a string `[+-]?(d+(.d*)?\|.d+)([eE][+-]?d+)?` after `trim()`, likewise |
/// | Decimal128(p, s) (DECIMAL) | a number token or a string as for DOUBLE (= `new BigDecimal`), rounded HALF_UP to `s` digits; NULL if it needs more than `p` digits |
/// | Date32 (DATE) | a string `YYYY-MM-DD` |
/// | Timestamp(ms, None) (TIMESTAMP(0..3)) | a string in the timestamp standard's form (below) with at most 3 fraction digits |
/// | Timestamp(us, None) (TIMESTAMP(4..6)) | the same with at most 6 fraction digits |
/// | Timestamp(ms or us, "UTC") (TIMESTAMP_LTZ(p)) | the same as TIMESTAMP(p) followed by `Z`, read as UTC (the value is the instant) |
/// | Utf8 (CHAR/VARCHAR/STRING) | a string (decoded), a number (its text as written), `true`/`false` |
/// | Struct(fields) (ROW), non-empty | an object: its members into the children like the line's into the columns (unknown keys skipped, missing keys NULL), recursively |
///
/// Timestamp strings, per [`TimestampFormat`] (`json.timestamp-format.standard`): SQL
/// `YYYY-MM-DD HH:MM:SS[.f]`, ISO-8601 `YYYY-MM-DDTHH:MM[:SS[.f]]`; a valid date (years 0000-9999),
/// hours 00-23, minutes and seconds 00-59, and 1 to 3 or 6 fraction digits after a `.`.
///
/// Digits are ASCII `0-9` and numbers in strings have at most 100 characters after `trim()` and no
/// escapes. Anything else in a known field falls back. A NULL for a non-nullable field falls back
/// too (Flink produces the row with a null; what happens next is Flink's business); the children
/// of a NULL struct are NULL, whatever their nullability.
#[derive(Debug)]
pub struct JsonLinesDecoder {
    schema: SchemaRef,
    /// The line's object: the schema's fields and their builders (struct fields nest their own).
    object: Object,
    /// Decoded escaped keys and strings that are parsed rather than copied (dates, booleans).
    scratch: Vec<u8>,
}

impl JsonLinesDecoder {
    /// A decoder producing rows of `schema`; field names are the JSON keys (case-sensitive, exact).
    ///
    /// # Errors
    /// `EmberError::Unsupported` for a field type outside the table above, a field name that occurs
    /// twice in the schema or in a struct, or rows nested more than 64 levels deep (the line's
    /// object is level 1; the input's nesting limit).
    pub fn try_new(schema: SchemaRef, options: JsonOptions) -> Result<Self> {
        let object = Object::try_new(schema.fields(), options, 1)?;
        Ok(JsonLinesDecoder {
            schema,
            object,
            scratch: Vec::new(),
        })
    }

    /// The schema of the produced batches.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Decodes lines `data[offsets[i] as usize..offsets[i + 1] as usize]` for `i` in
    /// `0..offsets.len() - 1`.
    ///
    /// # Errors
    /// `EmberError::Execution` for corrupt offsets (empty, negative, decreasing, or past `data`).
    pub fn decode(&mut self, data: &[u8], offsets: &[i32]) -> Result<Decoded> {
        check_offsets(data.len(), offsets)?;
        let lines = offsets.len() - 1;
        self.object.start(lines);
        let mut rows = 0;
        for (i, w) in offsets.windows(2).enumerate() {
            // In range and ordered: checked above.
            let line = &data[w[0] as usize..w[1] as usize];
            if line.is_empty() {
                continue; // Flink emits nothing for an empty message
            }
            if let Err(reason) = self.line(line) {
                self.object.clear();
                return Ok(Decoded::Fallback { line: i, reason });
            }
            rows += 1;
        }
        let columns = self.object.finish().inspect_err(|_| self.object.clear())?;
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        let batch = RecordBatch::try_new_with_options(Arc::clone(&self.schema), columns, &options)?;
        Ok(Decoded::Batch(batch))
    }

    /// Decodes one non-empty line into one row (one value or NULL appended to every column).
    fn line(&mut self, line: &[u8]) -> scan::Scan<()> {
        let mut cur = Cursor::new(line);
        cur.skip_ws();
        match cur.peek() {
            b'{' => cur.pos += 1,
            _ if cur.at_end() => return Err(BLANK_LINE),
            b'[' => return Err(TOP_LEVEL_ARRAY),
            _ => return Err(NOT_OBJECT),
        }
        self.object.members(&mut cur, &mut self.scratch, 1)?;
        cur.skip_ws();
        if !cur.at_end() {
            return Err(TRAILING);
        }
        Ok(())
    }
}

/// Offsets must be non-empty, non-negative, non-decreasing and within `data`.
pub(crate) fn check_offsets(len: usize, offsets: &[i32]) -> Result<()> {
    let invalid = |msg: String| Err(EmberError::Execution(format!("invalid JSON lines: {msg}")));
    let Some(&last) = offsets.last() else {
        return invalid("no offsets (a batch of n lines has n + 1)".into());
    };
    if offsets[0] < 0 {
        return invalid(format!("negative offset {}", offsets[0]));
    }
    if let Some(i) = offsets.windows(2).position(|w| w[0] > w[1]) {
        return invalid(format!(
            "offsets decrease at line {i} ({} > {})",
            offsets[i],
            offsets[i + 1]
        ));
    }
    if last as usize > len {
        return invalid(format!("offset {last} past the end of {len} bytes"));
    }
    Ok(())
}
