//! The output side of a Calc whose results a fused sink writes as they are: each result batch becomes one
//! chunk of encoded lines, handed to Java as a single `BinaryRowData` of type `ROW<data BYTES>` (the
//! `EncodedChunks` type of the Java side) in the usual output buffers, so the operator's row loop is unchanged.
//!
//! A chunk holds the batch's lines separated by `\n`, without the last one: Flink's
//! `SerializationSchemaAdapter` writes the chunk as one record and appends `\n`, so the file gets exactly one
//! `\n` after every line, as on stock Flink. A batch without rows produces no chunk.

use arrow::datatypes::{DataType, Field, Fields, Schema};
use arrow::record_batch::RecordBatch;
use ember_common::EmberError;
use ember_formats::{
    CsvEncodeOptions, CsvLinesEncoder, JsonEncodeOptions, JsonLinesEncoder, TimestampFormat,
};
use ember_rows::Encoded;

/// The encoder of the sink's format and the reused buffer of the last chunk.
pub struct LineSink {
    encoder: LineEncoder,
    chunk: Vec<u8>,
}

/// The encoder of one of the sink formats.
enum LineEncoder {
    Json(JsonLinesEncoder),
    Csv(CsvLinesEncoder),
}

/// Bytes of the chunk row before the data: the header with the row kind and the null bits (8 bytes for one
/// field), then the field's offset-and-length word.
const CHUNK_ROW_HEADER: usize = 16;

impl LineSink {
    /// A sink encoder for `schema` (the Calc's output) in `format`, with the JSON keys `field_names` (the
    /// sink table's names, in pre-order: each field, then its nested fields) and the table's format
    /// `options` without the format prefix.
    pub fn try_new(
        schema: &Schema,
        format: &str,
        options: &[(String, String)],
        field_names: &[String],
    ) -> Result<Self, EmberError> {
        if format == "csv" {
            // No header: the names do not matter, only the number of fields.
            if field_names.len() != schema.fields().len() {
                return Err(EmberError::Unsupported(
                    "the sink does not have the Calc's number of fields".into(),
                ));
            }
            return Ok(Self {
                encoder: LineEncoder::Csv(CsvLinesEncoder::try_new(
                    schema,
                    csv_encode_options(options)?,
                )?),
                chunk: Vec::new(),
            });
        }
        if format != "json" {
            return Err(EmberError::Unsupported(format!(
                "format `{format}` is not encoded natively"
            )));
        }
        let mut names = field_names.iter();
        let fields = rename(schema.fields(), &mut names)?;
        if names.next().is_some() {
            return Err(EmberError::Unsupported(
                "the sink has more fields than the Calc's output".into(),
            ));
        }
        let encoder = LineEncoder::Json(JsonLinesEncoder::try_new(
            &Schema::new(fields),
            json_encode_options(options)?,
        )?);
        Ok(Self {
            encoder,
            chunk: Vec::new(),
        })
    }

    /// Encodes `batch` as one chunk row into the output buffers: `Rows(1)`, `Rows(0)` for an empty batch, or
    /// `NeedBytes` (nothing written) if `out_rows` is too small.
    pub fn write(
        &mut self,
        batch: &RecordBatch,
        out_rows: &mut [u8],
        out_offsets: &mut [i32],
    ) -> Result<Encoded, EmberError> {
        if batch.num_rows() == 0 {
            return Ok(Encoded::Rows(0));
        }
        self.chunk.clear();
        match &self.encoder {
            LineEncoder::Json(encoder) => encoder.encode(batch, &mut self.chunk)?,
            LineEncoder::Csv(encoder) => encoder.encode(batch, &mut self.chunk)?,
        };
        self.chunk.pop(); // the adapter writes the last `\n`
        let len = self.chunk.len();
        let row_bytes = CHUNK_ROW_HEADER + len.div_ceil(8) * 8;
        if out_rows.len() < row_bytes {
            return Ok(Encoded::NeedBytes(row_bytes));
        }
        let too_large = || {
            EmberError::Execution(format!(
                "a chunk of {len} encoded bytes exceeds 2 GiB; lower ember.batch-size"
            ))
        };
        let end = i32::try_from(row_bytes).map_err(|_| too_large())?;
        let len32 = u64::try_from(len).map_err(|_| too_large())?;
        if out_offsets.len() < 2 {
            return Err(EmberError::Execution(
                "offsets buffer holds fewer than 2 entries".into(),
            ));
        }
        // Row kind INSERT, no nulls; the BYTES field: (offset from the row start << 32) | length.
        out_rows[..8].fill(0);
        out_rows[8..16].copy_from_slice(&(((CHUNK_ROW_HEADER as u64) << 32) | len32).to_le_bytes());
        out_rows[CHUNK_ROW_HEADER..CHUNK_ROW_HEADER + len].copy_from_slice(&self.chunk);
        out_rows[CHUNK_ROW_HEADER + len..row_bytes].fill(0);
        out_offsets[0] = 0;
        out_offsets[1] = end;
        Ok(Encoded::Rows(1))
    }
}

/// `fields` with the names taken from `names` in pre-order (types unchanged).
fn rename<'a>(
    fields: &Fields,
    names: &mut impl Iterator<Item = &'a String>,
) -> Result<Vec<Field>, EmberError> {
    fields
        .iter()
        .map(|field| {
            let name = names.next().ok_or_else(|| {
                EmberError::Unsupported("the sink has fewer fields than the Calc's output".into())
            })?;
            let data_type = match field.data_type() {
                DataType::Struct(children) => {
                    DataType::Struct(Fields::from(rename(children, names)?))
                }
                other => other.clone(),
            };
            Ok(Field::new(name.clone(), data_type, true))
        })
        .collect()
}

/// The `json.*` table options (prefix removed) that change written bytes; options that only matter for
/// reading or for MAP columns (never encoded natively) are ignored; an unknown option is refused.
fn json_encode_options(options: &[(String, String)]) -> Result<JsonEncodeOptions, EmberError> {
    let mut json = JsonEncodeOptions::default();
    for (key, value) in options {
        let flag = || value.eq_ignore_ascii_case("true");
        match (key.as_str(), value.as_str()) {
            ("encode.ignore-null-fields", _) => json.ignore_null_fields = flag(),
            ("encode.decimal-as-plain-number", _) => json.decimal_as_plain_number = flag(),
            ("timestamp-format.standard", "SQL") => json.timestamp_format = TimestampFormat::Sql,
            ("timestamp-format.standard", "ISO-8601") => {
                json.timestamp_format = TimestampFormat::Iso8601
            }
            (
                "fail-on-missing-field"
                | "ignore-parse-errors"
                | "decode.json-parser.enabled"
                | "map-null-key.mode"
                | "map-null-key.literal",
                _,
            ) => {}
            _ => {
                return Err(EmberError::Unsupported(format!(
                    "json option '{key}' = '{value}' is not encoded natively"
                )));
            }
        }
    }
    Ok(json)
}

/// The `csv.*` table options (prefix removed) that change written bytes (see `CsvLinesEncoder`);
/// options that only matter for reading or for ARRAY columns are ignored, and so is
/// `write-bigdecimal-in-scientific-notation` (the file sink's bulk writer never reads it); anything
/// else (unknown options, non-ASCII characters) is refused.
fn csv_encode_options(options: &[(String, String)]) -> Result<CsvEncodeOptions, EmberError> {
    let mut csv = CsvEncodeOptions::default();
    let mut disable_quote = false;
    let refused = |key: &str, value: &str| {
        EmberError::Unsupported(format!(
            "csv option '{key}' = '{value}' is not encoded natively"
        ))
    };
    for (key, value) in options {
        match key.as_str() {
            "field-delimiter" => {
                csv.field_delimiter = java_unescaped_first(value)
                    .filter(u8::is_ascii)
                    .ok_or_else(|| refused(key, value))?
            }
            "quote-character" => {
                // `s.charAt(0)`, no unescaping.
                csv.quote_character = Some(
                    value
                        .bytes()
                        .next()
                        .filter(u8::is_ascii)
                        .ok_or_else(|| refused(key, value))?,
                )
            }
            "disable-quote-character" => disable_quote = value.eq_ignore_ascii_case("true"),
            "null-literal" => csv.null_literal = value.as_bytes().to_vec(),
            "escape-character" => {
                // `s.charAt(0)`, no unescaping.
                csv.escape_character = Some(
                    value
                        .bytes()
                        .next()
                        .filter(|b| b.is_ascii() && *b != 0)
                        .ok_or_else(|| refused(key, value))?,
                )
            }
            "write-bigdecimal-in-scientific-notation"
            | "allow-comments"
            | "ignore-parse-errors"
            | "array-element-delimiter"
            | "trim-spaces"
            | "ignore-trailing-unmappable"
            | "allow-trailing-comma"
            | "fail-on-missing-columns"
            | "empty-string-as-null" => {}
            _ => return Err(refused(key, value)),
        }
    }
    if disable_quote {
        csv.quote_character = None;
    }
    Ok(csv)
}

/// The first character of `StringEscapeUtils.unescapeJava(s)` for the plain ASCII and the common
/// backslash forms; `None` for anything else (the sink stays stock).
fn java_unescaped_first(s: &str) -> Option<u8> {
    let bytes = s.as_bytes();
    match bytes {
        [b'\\', c, ..] => match c {
            b't' => Some(b'\t'),
            b'\\' => Some(b'\\'),
            b'\'' => Some(b'\''),
            b'"' => Some(b'"'),
            b'f' => Some(0x0C),
            b'b' => Some(0x08),
            _ => None,
        },
        [c, ..] => Some(*c),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{ArrayRef, Int32Array, StringArray, StructArray};
    use arrow::datatypes::{DataType, Field, Fields, Schema};
    use arrow::record_batch::RecordBatch;
    use ember_rows::Encoded;

    use super::LineSink;

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// Calc output `(EXPR$0 INT, r ROW<f0 STRING>)` written to a sink `(id INT, info ROW<city STRING>)`.
    fn batch(rows: usize) -> RecordBatch {
        let inner = Fields::from(vec![Field::new("f0", DataType::Utf8, true)]);
        let schema = Schema::new(vec![
            Field::new("EXPR$0", DataType::Int32, false),
            Field::new("r", DataType::Struct(inner.clone()), true),
        ]);
        let ids: Vec<i32> = (0..rows as i32).collect();
        let cities: Vec<&str> = (0..rows).map(|_| "Zürich").collect();
        let info = StructArray::new(
            inner,
            vec![Arc::new(StringArray::from(cities)) as ArrayRef],
            None,
        );
        RecordBatch::try_new(
            Arc::new(schema),
            vec![Arc::new(Int32Array::from(ids)), Arc::new(info)],
        )
        .expect("batch")
    }

    #[test]
    fn one_chunk_row_with_the_sink_names_and_no_trailing_newline() {
        let batch = batch(2);
        let mut sink = LineSink::try_new(
            &batch.schema(),
            "json",
            &[],
            &names(&["id", "info", "city"]),
        )
        .expect("sink");
        let mut rows = vec![0xAAu8; 256];
        let mut offsets = vec![-1i32; 3];
        let written = sink.write(&batch, &mut rows, &mut offsets).expect("write");
        assert!(matches!(written, Encoded::Rows(1)));
        let text =
            "{\"id\":0,\"info\":{\"city\":\"Zürich\"}}\n{\"id\":1,\"info\":{\"city\":\"Zürich\"}}";
        let len = text.len();
        let row_bytes = 16 + len.div_ceil(8) * 8;
        assert_eq!(offsets[..2], [0, row_bytes as i32]);
        assert_eq!(rows[..8], [0u8; 8], "row kind INSERT, no nulls");
        assert_eq!(
            rows[8..16],
            ((16u64 << 32) | len as u64).to_le_bytes(),
            "offset and length"
        );
        assert_eq!(&rows[16..16 + len], text.as_bytes());
        assert!(rows[16 + len..row_bytes].iter().all(|&b| b == 0), "padding");
    }

    #[test]
    fn small_buffers_and_empty_batches() {
        let batch = batch(3);
        let mut sink = LineSink::try_new(
            &batch.schema(),
            "json",
            &[],
            &names(&["id", "info", "city"]),
        )
        .expect("sink");
        let mut offsets = vec![0i32; 2];
        let Encoded::NeedBytes(needed) = sink
            .write(&batch, &mut [0u8; 16], &mut offsets)
            .expect("write")
        else {
            panic!("the chunk cannot fit 16 bytes");
        };
        let mut rows = vec![0u8; needed];
        assert!(matches!(
            sink.write(&batch, &mut rows, &mut offsets).expect("write"),
            Encoded::Rows(1)
        ));
        assert_eq!(offsets[1] as usize, needed);
        assert!(matches!(
            sink.write(&batch.slice(0, 0), &mut rows, &mut offsets)
                .expect("write"),
            Encoded::Rows(0)
        ));
    }

    #[test]
    fn csv_chunks_and_options() {
        let schema = Schema::new(vec![
            Field::new("EXPR$0", DataType::Int32, false),
            Field::new("s", DataType::Utf8, true),
        ]);
        let batch = RecordBatch::try_new(
            Arc::new(schema.clone()),
            vec![
                Arc::new(Int32Array::from(vec![1, 2])),
                Arc::new(StringArray::from(vec![Some("a b"), None])),
            ],
        )
        .expect("batch");
        let option = |k: &str, v: &str| (k.to_string(), v.to_string());
        let names = names(&["id", "s"]);
        let mut sink = LineSink::try_new(
            &schema,
            "csv",
            &[
                option("field-delimiter", "\\t"),
                option("null-literal", "N"),
                option("write-bigdecimal-in-scientific-notation", "false"),
            ],
            &names,
        )
        .expect("sink");
        let mut rows = vec![0u8; 256];
        let mut offsets = vec![0i32; 2];
        assert!(matches!(
            sink.write(&batch, &mut rows, &mut offsets).expect("write"),
            Encoded::Rows(1)
        ));
        let text = "1\t\"a b\"\n2\tN";
        assert_eq!(&rows[16..16 + text.len()], text.as_bytes());
        for ok in [
            vec![option("disable-quote-character", "true")],
            vec![option("quote-character", "'")],
            vec![
                option("field-delimiter", "|"),
                option("allow-comments", "true"),
            ],
        ] {
            assert!(
                LineSink::try_new(&schema, "csv", &ok, &names).is_ok(),
                "{ok:?}"
            );
        }
        for refused in [
            vec![option("escape-character", "é")],
            vec![option("field-delimiter", "\\n")],
            vec![option("field-delimiter", "¦")],
            vec![option("quote-character", "")],
            vec![option("something-new", "x")],
        ] {
            assert!(
                LineSink::try_new(&schema, "csv", &refused, &names).is_err(),
                "{refused:?}"
            );
        }
        assert!(LineSink::try_new(&schema, "csv", &[], &names[..1]).is_err());
    }

    #[test]
    fn names_options_and_formats_are_checked() {
        let schema = batch(1).schema();
        for wrong in [
            names(&["id", "info"]),
            names(&["id", "info", "city", "extra"]),
        ] {
            assert!(
                LineSink::try_new(&schema, "json", &[], &wrong).is_err(),
                "{wrong:?}"
            );
        }
        let names = names(&["id", "info", "city"]);
        assert!(LineSink::try_new(&schema, "csv", &[], &names).is_err());
        let option = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        for ok in [
            option("encode.ignore-null-fields", "true"),
            option("encode.decimal-as-plain-number", "TRUE"),
            option("timestamp-format.standard", "ISO-8601"),
            option("map-null-key.mode", "DROP"),
            option("ignore-parse-errors", "true"),
        ] {
            assert!(
                LineSink::try_new(&schema, "json", &ok, &names).is_ok(),
                "{ok:?}"
            );
        }
        for refused in [
            option("timestamp-format.standard", "RFC-3339"),
            option("encode.something-new", "x"),
        ] {
            let error = LineSink::try_new(&schema, "json", &refused, &names)
                .err()
                .expect("refused");
            assert!(
                error.to_string().contains("not encoded natively"),
                "{error}"
            );
        }
    }
}
