//! Flink JSON functions with the semantics of Flink 2.3.0 (`SqlJsonUtils`: Jackson parsing into Java
//! objects, Jayway JsonPath evaluation).
//!
//! [`parse`] reproduces `ObjectMapper.readValue(text, Object.class)` with Flink's mapper: strict JSON,
//! only the first value is read (trailing text after an object/array is ignored; a root scalar must be
//! followed by whitespace), floats keep their decimal digits (`USE_BIG_DECIMAL_FOR_FLOATS`), duplicate keys
//! keep the last value, and Jackson's default limits (numbers of at most 1000 characters, nesting depth
//! 1000) apply.

pub mod is_json;
pub mod json_value;
mod parse;
mod path;

pub use parse::{Value, parse};
pub use path::JsonPath;
