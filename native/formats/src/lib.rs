//! Native decoders for Flink source formats, with Flink's exact semantics.
//!
//! A decoder turns a batch of raw records into an Arrow [`arrow::record_batch::RecordBatch`] of the
//! source's schema, or tells the caller to decode the batch with Flink's own deserializer instead: it
//! only accepts input for which its rows are certainly identical to Flink's.
//!
//! - [`csv`]: CSV records (Flink's `csv` format, `CsvReaderFormat` + `CsvToRowDataConverters`).
//!   [`CsvLinesEncoder`] writes Arrow batches as the CSV lines Flink's `csv` file sink writes (`CsvBulkWriter`).
//! - [`json`]: JSON lines (Flink's `json` format, `JsonParserRowDataDeserializationSchema`).
//!   [`JsonLinesEncoder`] writes Arrow batches as the JSON lines Flink's `json` format writes (`JsonRowDataSerializationSchema`).

pub mod csv;
pub mod json;

pub use csv::{CsvDecoder, CsvEncodeOptions, CsvLinesEncoder, CsvOptions};
pub use ember_common::{EmberError, Result};
pub use json::{
    Decoded, JsonEncodeOptions, JsonLinesDecoder, JsonLinesEncoder, JsonOptions, TimestampFormat,
};
