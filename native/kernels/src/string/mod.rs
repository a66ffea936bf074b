//! Flink string functions. Strings are Arrow `Utf8`; positions and lengths count code points like
//! `BinaryStringData` (not UTF-16 units).

pub mod case;
pub mod char_length;
pub mod concat;
pub mod like;
pub mod substring;
pub mod trim;

use arrow::array::{ArrayRef, AsArray, StringArray};
use datafusion_common::{DataFusionError, Result as DfResult};

use crate::registry::BuildArgs;
use ember_common::Result;

/// The argument as a `StringArray` (the contract maps CHAR/VARCHAR to Utf8).
pub fn strings(a: &ArrayRef) -> DfResult<&StringArray> {
    a.as_string_opt::<i32>()
        .ok_or_else(|| DataFusionError::Internal(format!("Utf8 expected, got {}", a.data_type())))
}

/// Fails unless argument `i` is CHAR/VARCHAR.
pub fn expect_string(args: &BuildArgs, i: usize) -> Result<()> {
    if !args.arg_types[i].is_string() {
        return Err(args.unsupported(format!("argument {} must be a character string", i + 1)));
    }
    Ok(())
}
