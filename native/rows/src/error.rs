//! Errors of the codec, as the shared [`EmberError`].
//!
//! - a type outside the contract's type table: [`EmberError::Unsupported`] (the Calc falls back);
//! - malformed rows or a batch that does not match the schema: [`EmberError::Execution`] with a
//!   message starting with "invalid row data:" (a bug on one side of the boundary; Java sees an
//!   `EmberNativeException`).

use arrow::error::ArrowError;
pub use ember_common::{EmberError, Result};

/// Malformed input or a broken invariant.
pub(crate) fn invalid(msg: impl AsRef<str>) -> EmberError {
    EmberError::Execution(format!("invalid row data: {}", msg.as_ref()))
}

/// Arrow refused the decoded buffers (invalid UTF-8, NULL in a non-nullable field, ...).
pub(crate) fn arrow_invalid(e: ArrowError) -> EmberError {
    invalid(e.to_string())
}
