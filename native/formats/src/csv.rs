//! CSV records -> Arrow, with exactly the rows Flink 2.3's `csv` format produces, or a fallback.
//!
//! Flink's file source reads a `csv` table with `CsvReaderFormat`: Jackson's `CsvParser` (a schema of
//! all the table's physical columns, by position) turns each record into a `JsonNode` object, and
//! `CsvToRowDataConverters` converts the projected columns. The caller (the fused scan's reader)
//! splits the file into records exactly where Jackson's tokenizer ends them (quote-aware, so a
//! record may span lines) and hands each record's raw bytes, line terminator included.
//! [`CsvDecoder`] decodes a batch of such records in one pass. It accepts a record only when the row
//! is certainly identical to Flink's; on the first record it cannot vouch for it returns
//! [`Decoded::Fallback`], and the caller runs Flink's own reader on the batch.
//!
//! Layout: `record` splits one record into field texts (quotes, escapes, comments, terminators),
//! `columns` converts texts to typed values (Java's parsers, shared with the JSON module) and builds
//! the Arrow columns.

mod columns;
mod encode;
mod record;

use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::{RecordBatch, RecordBatchOptions};
use ember_common::{EmberError, Result};

use crate::Decoded;
use columns::Column;
use record::{FieldText, Fields};

pub use encode::{CsvEncodeOptions, CsvLinesEncoder};

const BAD_UTF8: &str = "invalid UTF-8";
const TOO_MANY: &str = "more fields than the table has columns";
const TOO_FEW: &str = "fewer fields than the projected columns";

/// The options of Flink's `csv` format that change the rows read (Jackson's `CsvSchema` and
/// `CsvParser` features as Flink configures them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// `csv.field-delimiter` (an ASCII byte; default `,`).
    pub field_delimiter: u8,
    /// `csv.quote-character` (default `"`), `None` with `csv.disable-quote-character`.
    pub quote: Option<u8>,
    /// `csv.escape-character` (none by default).
    pub escape: Option<u8>,
    /// `csv.allow-comments`: lines starting with `#` (after spaces) and blank lines are skipped.
    pub allow_comments: bool,
    /// `csv.null-literal`: a field whose text equals it is NULL.
    pub null_literal: Option<Vec<u8>>,
    /// `csv.allow-trailing-comma` (Jackson's `ALLOW_TRAILING_COMMA`, default true): one extra
    /// blank field at the end of a record is ignored.
    pub allow_trailing_comma: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            field_delimiter: b',',
            quote: Some(b'"'),
            escape: None,
            allow_comments: false,
            null_literal: None,
            allow_trailing_comma: true,
        }
    }
}

/// Decodes batches of CSV records into Arrow batches of one schema.
///
/// The table has `physical_columns` columns; the produced schema's field `i` is physical column
/// `projection[i]` (Flink's projection push-down). Field texts convert as Flink's
/// `CsvToRowDataConverters` do:
///
/// | Arrow type (Flink type) | accepted text → value |
/// |---|---|
/// | Boolean | any: `Boolean.parseBoolean(text.trim())` |
/// | Int8..Int64 | `[+-]?d+` in range after `trim()` (`Byte.parseByte` .. `Long.parseLong`) |
/// | Float32, Float64 | `[+-]?(d+(.d*)?\|.d+)([eE][+-]?d+)?` after `trim()`, correctly rounded |
/// | Decimal128(p, s) | the same numeral, untrimmed (`new BigDecimal(text)`), HALF_UP to `s`; NULL over `p` digits |
/// | Date32 | `YYYY-MM-DD`, a valid date, year 1600-9999 (`Date.valueOf(text)`, untrimmed) |
/// | Timestamp(ms/us, None) | `YYYY-MM-DD HH:MM:SS[.f]` after `trim()`, at most 3/6 fraction digits |
/// | Timestamp(ms/us, "UTC") | the same followed by `Z` |
/// | Utf8 | the text |
///
/// A field equal to the null literal is NULL; columns past the record's last field are NULL.
#[derive(Debug)]
pub struct CsvDecoder {
    schema: SchemaRef,
    options: CsvOptions,
    physical_columns: usize,
    /// Per physical column, the output column it feeds.
    slots: Vec<Option<usize>>,
    columns: Vec<Column>,
    fields: Fields,
}

impl CsvDecoder {
    /// # Errors
    /// `EmberError::Unsupported` for a column type outside the table above, or options Flink's
    /// parser would treat specially (delimiter, quote and escape must be distinct ASCII characters
    /// other than CR, LF and space; the delimiter also not `#` with comments).
    pub fn try_new(
        schema: SchemaRef,
        physical_columns: usize,
        projection: &[usize],
        options: CsvOptions,
    ) -> Result<Self> {
        if projection.len() != schema.fields().len() {
            return Err(EmberError::Unsupported(format!(
                "CSV projection of {} columns for a schema of {}",
                projection.len(),
                schema.fields().len()
            )));
        }
        check_options(&options)?;
        let mut slots = vec![None; physical_columns];
        for (i, &p) in projection.iter().enumerate() {
            match slots.get_mut(p) {
                Some(slot @ None) => *slot = Some(i),
                _ => {
                    return Err(EmberError::Unsupported(format!(
                        "CSV projection {projection:?} of {physical_columns} columns"
                    )));
                }
            }
        }
        let columns = schema
            .fields()
            .iter()
            .map(|f| Column::try_new(f))
            .collect::<Result<Vec<_>>>()?;
        Ok(CsvDecoder {
            schema,
            options,
            physical_columns,
            slots,
            columns,
            fields: Fields::default(),
        })
    }

    /// The schema of the produced batches.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Decodes records `data[offsets[i]..offsets[i + 1]]` (each with its line terminator, if any).
    ///
    /// # Errors
    /// `EmberError::Execution` for corrupt offsets.
    pub fn decode(&mut self, data: &[u8], offsets: &[i32]) -> Result<Decoded> {
        crate::json::check_offsets(data.len(), offsets)?;
        let records = offsets.len() - 1;
        for c in &mut self.columns {
            c.start(records);
        }
        for (i, w) in offsets.windows(2).enumerate() {
            let record = &data[w[0] as usize..w[1] as usize];
            if let Err(reason) = self.record(record) {
                for c in &mut self.columns {
                    c.clear();
                }
                return Ok(Decoded::Fallback { line: i, reason });
            }
        }
        let columns = self
            .columns
            .iter_mut()
            .map(Column::finish)
            .collect::<Result<Vec<_>>>()?;
        let options = RecordBatchOptions::new().with_row_count(Some(records));
        let batch = RecordBatch::try_new_with_options(Arc::clone(&self.schema), columns, &options)?;
        Ok(Decoded::Batch(batch))
    }

    /// One record into one row (a value or NULL appended to every column).
    fn record(&mut self, record: &[u8]) -> std::result::Result<(), &'static str> {
        // Jackson decodes the whole stream; invalid UTF-8 anywhere is its error.
        if !record.is_ascii() && std::str::from_utf8(record).is_err() {
            return Err(BAD_UTF8);
        }
        self.fields.split(record, &self.options)?;
        let mut present = self.fields.len();
        if present > self.physical_columns {
            // Jackson's ALLOW_TRAILING_COMMA: exactly one extra field, blank after `trim()`.
            let blank = present == self.physical_columns + 1
                && self.options.allow_trailing_comma
                && self
                    .fields
                    .text(record, present - 1)
                    .iter()
                    .all(|&b| b <= b' ');
            if !blank {
                return Err(TOO_MANY);
            }
            present -= 1;
        }
        // Flink's row converter: fewer fields than *projected* columns is an error.
        if self.columns.len() > present {
            return Err(TOO_FEW);
        }
        for (p, slot) in self.slots.iter().enumerate() {
            let Some(c) = *slot else { continue };
            let column = &mut self.columns[c];
            if p >= present {
                column.null();
                continue;
            }
            let text: FieldText<'_> = self.fields.get(record, p);
            if self.options.null_literal.as_deref() == Some(text.bytes) {
                column.null();
            } else {
                column.value(text.bytes)?;
            }
        }
        Ok(())
    }
}

fn check_options(options: &CsvOptions) -> Result<()> {
    let special = |b: u8| b == b'\r' || b == b'\n' || b == b' ' || !b.is_ascii();
    let mut chars = vec![options.field_delimiter];
    chars.extend(options.quote);
    chars.extend(options.escape);
    let distinct = chars
        .iter()
        .enumerate()
        .all(|(i, c)| !chars[..i].contains(c));
    if !distinct
        || chars.iter().any(|&b| special(b))
        || (options.allow_comments && chars.contains(&b'#'))
    {
        return Err(EmberError::Unsupported(format!(
            "CSV characters {chars:?} are not decoded natively"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
