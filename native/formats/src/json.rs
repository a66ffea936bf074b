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
//! - per column type, the tokens listed on [`JsonLinesDecoder`].
//!
//! Layout: `scan` is the lexer (tokens and validated skipping), `values` the token -> value
//! conversions with Java's semantics, `columns` the typed builders.

mod columns;
mod scan;
mod values;

use std::collections::HashMap;
use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::{RecordBatch, RecordBatchOptions};
use ember_common::{EmberError, Result};

use columns::Column;
use scan::{Cursor, MAX_KEY_BYTES, SYNTAX, Scan, unescape};

const BLANK_LINE: &str = "line of whitespace only";
const TOP_LEVEL_ARRAY: &str = "top-level array";
const NOT_OBJECT: &str = "line is not a JSON object";
const TRAILING: &str = "characters after the object";
const DUPLICATE_KEY: &str = "key occurs twice";
const MISSING_FIELD: &str = "missing field with fail-on-missing-field";

/// Up to this many fields, keys are looked up by a linear scan (cheaper than hashing).
const LINEAR_LOOKUP_FIELDS: usize = 16;

/// The options of Flink's `json` format that change accepted rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonOptions {
    /// `json.fail-on-missing-field`: a line without one of the schema's keys is an error in Flink, so
    /// it falls back here.
    pub fail_on_missing_field: bool,
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
/// | Float64 (DOUBLE) | a number token, parsed correctly rounded (= `Double.parseDouble`); a string `[+-]?(d+(.d*)?\|.d+)([eE][+-]?d+)?` after `trim()`, likewise |
/// | Decimal128(p, s) (DECIMAL) | a number token or a string as for DOUBLE (= `new BigDecimal`), rounded HALF_UP to `s` digits; NULL if it needs more than `p` digits |
/// | Date32 (DATE) | a string `YYYY-MM-DD` |
/// | Timestamp(ms, None) (TIMESTAMP(0..3)) | a string `YYYY-MM-DD HH:MM:SS[.f{1,3}]` |
/// | Timestamp(us, None) (TIMESTAMP(4..6)) | a string `YYYY-MM-DD HH:MM:SS[.f{1,6}]` |
/// | Utf8 (CHAR/VARCHAR/STRING) | a string (decoded), a number (its text as written), `true`/`false` |
///
/// Digits are ASCII `0-9` and numbers in strings have at most 100 characters after `trim()` and no
/// escapes. Anything else in a known field falls back. A NULL for a non-nullable field falls back
/// too (Flink produces the row with a null; what happens next is Flink's business).
#[derive(Debug)]
pub struct JsonLinesDecoder {
    schema: SchemaRef,
    options: JsonOptions,
    /// Field names as bytes, in schema order.
    names: Vec<Box<[u8]>>,
    /// Per field, `name"` as it appears raw in a line when the name needs no escaping (else empty):
    /// the key expected next is compared in place, without scanning it as a string first.
    raw_keys: Vec<Box<[u8]>>,
    /// Name -> column, for schemas wider than [`LINEAR_LOOKUP_FIELDS`].
    index: HashMap<Box<[u8]>, usize>,
    columns: Vec<Column>,
    /// `seen[c] == stamp`: column `c` already has a value in the current line.
    seen: Vec<u64>,
    /// Incremented per line, so `seen` never needs clearing.
    stamp: u64,
    /// Decoded escaped keys and strings that are parsed rather than copied (dates, booleans).
    scratch: Vec<u8>,
}

impl JsonLinesDecoder {
    /// A decoder producing rows of `schema`; field names are the JSON keys (case-sensitive, exact).
    ///
    /// # Errors
    /// `EmberError::Unsupported` for a field type outside the table above or a field name that occurs
    /// twice in the schema.
    pub fn try_new(schema: SchemaRef, options: JsonOptions) -> Result<Self> {
        let columns = schema
            .fields()
            .iter()
            .map(|f| Column::try_new(f))
            .collect::<Result<Vec<_>>>()?;
        let names: Vec<Box<[u8]>> = schema
            .fields()
            .iter()
            .map(|f| Box::from(f.name().as_bytes()))
            .collect();
        let mut index = HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if index.insert(name.clone(), i).is_some() {
                return Err(EmberError::Unsupported(format!(
                    "JSON field `{}` occurs twice in the schema",
                    schema.field(i).name()
                )));
            }
        }
        if names.len() <= LINEAR_LOOKUP_FIELDS {
            index = HashMap::new();
        }
        let raw_keys = names
            .iter()
            .map(|name| {
                let plain = !name.iter().any(|&b| b == b'"' || b == b'\\' || b < 0x20);
                if !plain || name.len() > MAX_KEY_BYTES {
                    Box::default()
                } else {
                    [name, &b"\""[..]].concat().into_boxed_slice()
                }
            })
            .collect();
        Ok(JsonLinesDecoder {
            seen: vec![0; columns.len()],
            schema,
            options,
            names,
            raw_keys,
            index,
            columns,
            stamp: 0,
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
        for column in &mut self.columns {
            column.start(lines);
        }
        let mut rows = 0;
        for (i, w) in offsets.windows(2).enumerate() {
            // In range and ordered: checked above.
            let line = &data[w[0] as usize..w[1] as usize];
            if line.is_empty() {
                continue; // Flink emits nothing for an empty message
            }
            if let Err(reason) = self.line(line) {
                self.clear();
                return Ok(Decoded::Fallback { line: i, reason });
            }
            rows += 1;
        }
        let columns = self
            .columns
            .iter_mut()
            .map(Column::finish)
            .collect::<Result<Vec<_>>>();
        let columns = columns.inspect_err(|_| self.clear())?;
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        let batch = RecordBatch::try_new_with_options(Arc::clone(&self.schema), columns, &options)?;
        Ok(Decoded::Batch(batch))
    }

    fn clear(&mut self) {
        for column in &mut self.columns {
            column.clear();
        }
    }

    /// Decodes one non-empty line into one row (one value or NULL appended to every column).
    fn line(&mut self, line: &[u8]) -> Scan<()> {
        let mut cur = Cursor::new(line);
        cur.skip_ws();
        match cur.peek() {
            b'{' => cur.pos += 1,
            _ if cur.at_end() => return Err(BLANK_LINE),
            b'[' => return Err(TOP_LEVEL_ARRAY),
            _ => return Err(NOT_OBJECT),
        }
        self.stamp += 1;
        let stamp = self.stamp;
        let mut found = 0;
        // Lines usually repeat one key order: try the field after the previous key first.
        let mut hint = 0;
        cur.skip_ws();
        if cur.peek() == b'}' {
            cur.pos += 1;
        } else {
            loop {
                if cur.peek() != b'"' {
                    return Err(SYNTAX);
                }
                let column = match self.raw_keys.get(hint) {
                    // The expected key, as raw bytes up to its closing quote: valid UTF-8 (it is a
                    // Rust string), no escapes and no control characters, so it needs no scanning.
                    Some(raw_key)
                        if !raw_key.is_empty()
                            && line
                                .get(cur.pos + 1..cur.pos + 1 + raw_key.len())
                                .is_some_and(|at| short_eq(at, raw_key)) =>
                    {
                        cur.pos += 1 + raw_key.len();
                        Some(hint)
                    }
                    _ => {
                        let key = cur.key()?;
                        let raw = &line[key.start..key.end];
                        if key.escaped {
                            self.scratch.clear();
                            unescape(raw, &mut self.scratch)?;
                            self.lookup(&self.scratch)
                        } else {
                            self.lookup(raw)
                        }
                    }
                };
                cur.skip_ws();
                cur.expect(b':')?;
                cur.skip_ws();
                match column {
                    Some(c) => {
                        if self.seen[c] == stamp {
                            return Err(DUPLICATE_KEY);
                        }
                        self.seen[c] = stamp;
                        found += 1;
                        hint = c + 1;
                        self.columns[c].value(&mut cur, &mut self.scratch)?;
                    }
                    None => cur.skip_value(1)?,
                }
                cur.skip_ws();
                match cur.peek() {
                    b',' => {
                        cur.pos += 1;
                        cur.skip_ws();
                    }
                    b'}' => {
                        cur.pos += 1;
                        break;
                    }
                    _ => return Err(SYNTAX),
                }
            }
        }
        cur.skip_ws();
        if !cur.at_end() {
            return Err(TRAILING);
        }
        if found < self.columns.len() {
            if self.options.fail_on_missing_field {
                return Err(MISSING_FIELD);
            }
            for (column, &seen) in self.columns.iter_mut().zip(&self.seen) {
                if seen != stamp {
                    column.null()?;
                }
            }
        }
        Ok(())
    }

    /// The column named `key`.
    #[inline]
    fn lookup(&self, key: &[u8]) -> Option<usize> {
        if self.names.len() <= LINEAR_LOOKUP_FIELDS {
            self.names.iter().position(|name| **name == *key)
        } else {
            self.index.get(key).copied()
        }
    }
}

/// `a == b` for slices of equal length, without a libc call for the usual short keys: two
/// overlapping word compares cover 8..=16 bytes, two 4-byte compares 4..=7.
#[inline(always)]
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(s: &[u8], at: usize) -> Option<&[u8; N]> {
        s.get(at..).and_then(<[u8]>::first_chunk::<N>)
    }
    let n = a.len();
    match n {
        8..=16 => word::<8>(a, 0) == word(b, 0) && word::<8>(a, n - 8) == word(b, n - 8),
        4..=7 => word::<4>(a, 0) == word(b, 0) && word::<4>(a, n - 4) == word(b, n - 4),
        _ => a == b,
    }
}

/// Offsets must be non-empty, non-negative, non-decreasing and within `data`.
fn check_offsets(len: usize, offsets: &[i32]) -> Result<()> {
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
