//! The line parsers a Calc fed by a fused scan can run, and the `csv.*` table options as the native CSV
//! decoder's options.

use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use ember_common::EmberError;
use ember_formats::{CsvDecoder, CsvOptions, Decoded, JsonLinesDecoder};

/// Raw records of a fused scan -> the Calc's input rows.
#[derive(Debug)]
pub enum LineParser {
    Json(JsonLinesDecoder),
    Csv(CsvDecoder),
}

impl LineParser {
    pub fn decode(&mut self, data: &[u8], offsets: &[i32]) -> Result<Decoded, EmberError> {
        match self {
            LineParser::Json(d) => d.decode(data, offsets),
            LineParser::Csv(d) => d.decode(data, offsets),
        }
    }
}

/// Synthetic options the planner adds: the table's physical column count and, per decoded column, its
/// physical index (comma-separated).
const PHYSICAL_COLUMNS: &str = "ember.physical-columns";
const PROJECTION: &str = "ember.projection";

/// A CSV decoder for `schema` from the `csv.*` table options (prefix removed) plus the planner's synthetic
/// options. Options that change the rows are applied or refused; an unknown option is refused, so none is
/// ever silently ignored.
pub fn csv_decoder(
    schema: SchemaRef,
    options: &[(String, String)],
) -> Result<CsvDecoder, EmberError> {
    let unsupported = |key: &str, value: &str| {
        EmberError::Unsupported(format!(
            "csv option '{key}' = '{value}' is not decoded natively"
        ))
    };
    let mut csv = CsvOptions::default();
    let mut physical: Option<usize> = None;
    let mut projection: Option<Vec<usize>> = None;
    let mut quote_disabled = false;
    for (key, value) in options {
        let flag = || -> Result<bool, EmberError> {
            match value.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(unsupported(key, value)),
            }
        };
        let ascii = || match value.as_bytes() {
            [b] if b.is_ascii() => Ok(*b),
            _ => Err(unsupported(key, value)),
        };
        match key.as_str() {
            // The planner passes the delimiter unescaped (Flink applies `unescapeJava`).
            "field-delimiter" => csv.field_delimiter = ascii()?,
            "quote-character" => csv.quote = Some(ascii()?),
            "disable-quote-character" => quote_disabled = flag()?,
            "allow-comments" => csv.allow_comments = flag()?,
            "escape-character" => csv.escape = Some(ascii()?),
            "null-literal" if !value.is_empty() => {
                csv.null_literal = Some(value.as_bytes().to_vec())
            }
            // Only records that parse without error are decoded natively; errors are Flink's business.
            "ignore-parse-errors" => {
                flag()?;
            }
            // ARRAY and ROW columns (the only readers of the element delimiter) are not decoded natively.
            "array-element-delimiter" => {}
            // Writing options.
            "write-bigdecimal-in-scientific-notation" => {}
            "allow-trailing-comma" => csv.allow_trailing_comma = flag()?,
            // Jackson features at their defaults change nothing.
            "trim-spaces"
            | "ignore-trailing-unmappable"
            | "fail-on-missing-columns"
            | "empty-string-as-null"
                if !flag()? => {}
            PHYSICAL_COLUMNS => {
                physical = Some(value.parse().map_err(|_| unsupported(key, value))?);
            }
            PROJECTION => {
                let indices = if value.is_empty() {
                    Vec::new()
                } else {
                    value
                        .split(',')
                        .map(|i| i.parse::<usize>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| unsupported(key, value))?
                };
                projection = Some(indices);
            }
            _ => return Err(unsupported(key, value)),
        }
    }
    if quote_disabled {
        csv.quote = None;
    }
    let (Some(physical), Some(projection)) = (physical, projection) else {
        return Err(EmberError::Unsupported(format!(
            "csv scan without '{PHYSICAL_COLUMNS}' and '{PROJECTION}'"
        )));
    };
    CsvDecoder::try_new(Arc::clone(&schema), physical, &projection, csv)
}
