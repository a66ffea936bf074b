//! ASCII(s) and CHR(n) as `StringCallGen` / `SqlFunctionUtils.chr` define them.
//!
//! ASCII is the first UTF-8 *byte* as a signed Java byte (so 'ü' gives -61), 0 for ''.
//! CHR(n) is '' for n < 0, else the Latin-1 character `n & 0xFF` (U+0000 for a multiple of 256).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion_physical_expr::PhysicalExpr;

use super::{expect_string, int_result, row_wise};
use crate::registry::BuildArgs;
use ember_common::Result;

/// `ASCII(s)`.
pub fn ascii(s: &str) -> i32 {
    s.as_bytes().first().map_or(0, |b| *b as i8 as i32)
}

/// `SqlFunctionUtils.chr(n)`.
pub fn chr(n: i64) -> String {
    if n < 0 {
        String::new()
    } else {
        char::from((n & 0xFF) as u8).to_string()
    }
}

/// Builds `ascii(s)`.
pub fn build_ascii(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_string(args, 0)?;
    row_wise(args, |v| Ok(Some(ascii(v[0].str()))), int_result)
}

/// Builds `chr(n)` for any integer type (`chr(long)`).
pub fn build_chr(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    if !args.arg_types[0].is_integer() {
        return Err(args.unsupported("argument must be an integer"));
    }
    let kernel = Arc::new(|a: &[ArrayRef], _f: &FieldRef| {
        let n = cast(&a[0], &DataType::Int64)?;
        let n = n.as_primitive::<Int64Type>();
        let out: StringArray = (0..n.len())
            .map(|i| n.is_valid(i).then(|| chr(n.value(i))))
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("chr", kernel))
}

#[cfg(test)]
mod tests {
    use super::{ascii, chr};

    #[test]
    fn ascii_is_the_first_signed_byte() {
        assert_eq!(ascii("abc"), 97);
        assert_eq!(ascii(""), 0);
        assert_eq!(ascii("ümlaut"), -61);
        assert_eq!(ascii("😀"), -16);
    }

    #[test]
    fn chr_is_latin1_of_the_low_byte() {
        assert_eq!(chr(65), "A");
        assert_eq!(chr(321), "A");
        assert_eq!(chr(256), "\u{0}");
        assert_eq!(chr(0), "\u{0}");
        assert_eq!(chr(-1), "");
        assert_eq!(chr(233), "é");
        assert_eq!(chr(i64::MAX), "ÿ");
        assert_eq!(chr(i64::MIN), "");
    }
}
