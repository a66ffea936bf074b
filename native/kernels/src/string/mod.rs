//! Flink string functions. Strings are Arrow `Utf8`; positions and lengths count code points like
//! `BinaryStringData` (not UTF-16 units).

pub mod ascii;
pub mod case;
pub mod char_length;
pub mod concat;
pub mod java_regex;
pub mod left_right;
pub mod like;
pub mod pad;
pub mod position;
pub mod regexp;
pub mod replace;
pub mod split_index;
pub mod substring;
pub mod trim;

use arrow::array::{Array, ArrayRef, AsArray, Int32Array, StringArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Int32Type};
use datafusion_common::{DataFusionError, Result as DfResult, ScalarValue};

use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// The argument as a `StringArray` (the contract maps CHAR/VARCHAR to Utf8).
pub fn strings(a: &ArrayRef) -> DfResult<&StringArray> {
    a.as_string_opt::<i32>()
        .ok_or_else(|| DataFusionError::Internal(format!("Utf8 expected, got {}", a.data_type())))
}

/// Every argument as a `StringArray`.
pub fn all_strings(a: &[ArrayRef]) -> DfResult<Vec<&StringArray>> {
    a.iter().map(strings).collect()
}

/// Fails unless every argument is CHAR/VARCHAR.
pub fn expect_all_strings(args: &BuildArgs) -> Result<()> {
    (0..args.args.len()).try_for_each(|i| expect_string(args, i))
}

/// Fails unless argument `i` is CHAR/VARCHAR.
pub fn expect_string(args: &BuildArgs, i: usize) -> Result<()> {
    if !args.arg_types[i].is_string() {
        return Err(args.unsupported(format!("argument {} must be a character string", i + 1)));
    }
    Ok(())
}

/// Fails unless argument `i` is TINYINT, SMALLINT or INT (Flink calls the `int` overload).
pub fn expect_int(args: &BuildArgs, i: usize) -> Result<()> {
    if !matches!(
        args.arg_types[i].kind,
        FlinkKind::TinyInt | FlinkKind::SmallInt | FlinkKind::Int
    ) {
        return Err(args.unsupported(format!("argument {} must be an INT", i + 1)));
    }
    Ok(())
}

/// A TINYINT/SMALLINT/INT argument widened to INT.
pub fn ints(a: &ArrayRef) -> DfResult<Int32Array> {
    Ok(cast(a, &DataType::Int32)?
        .as_primitive::<Int32Type>()
        .clone())
}

/// The value of string argument `i` if it is a literal: `Some(None)` for a NULL literal.
pub fn literal_string(args: &BuildArgs, i: usize) -> Option<Option<String>> {
    match args.literal(i)? {
        ScalarValue::Utf8(s) | ScalarValue::LargeUtf8(s) | ScalarValue::Utf8View(s) => {
            Some(s.clone())
        }
        _ => None,
    }
}

/// A Java `String` (UTF-16 units) as Flink stores it (`StringUtf8Utils.encodeUTF8`): every unpaired
/// surrogate becomes '?'.
pub fn from_java_utf16(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or('?'))
        .collect()
}

/// One non-NULL argument value of a row-wise function.
#[derive(Clone, Copy)]
pub enum Val<'a> {
    /// CHAR/VARCHAR
    Str(&'a str),
    /// TINYINT/SMALLINT/INT
    Int(i32),
}

impl<'a> Val<'a> {
    /// The string value (the builder checked the argument type).
    pub fn str(self) -> &'a str {
        match self {
            Val::Str(s) => s,
            Val::Int(_) => "",
        }
    }

    /// The INT value (the builder checked the argument type).
    pub fn int(self) -> i32 {
        match self {
            Val::Int(i) => i,
            Val::Str(_) => 0,
        }
    }
}

enum Col {
    Str(StringArray),
    Int(Int32Array),
}

/// A function that is NULL when any argument is NULL (`generate*CallIfArgsNotNull`) and otherwise
/// maps the argument values of a row to a result or to an error. Arguments must be strings or
/// INT-like (checked here).
pub fn row_wise<O: 'static>(
    args: &BuildArgs,
    f: impl Fn(&[Val]) -> DfResult<Option<O>> + Send + Sync + 'static,
    finish: fn(Vec<Option<O>>) -> ArrayRef,
) -> Result<std::sync::Arc<dyn datafusion_physical_expr::PhysicalExpr>> {
    let is_str: Vec<bool> = (0..args.args.len())
        .map(|i| {
            if args.arg_types[i].is_string() {
                Ok(true)
            } else {
                expect_int(args, i).map(|_| false)
            }
        })
        .collect::<Result<_>>()?;
    let kernel = std::sync::Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let cols = a
            .iter()
            .zip(&is_str)
            .map(|(c, s)| {
                Ok(if *s {
                    Col::Str(strings(c)?.clone())
                } else {
                    Col::Int(ints(c)?)
                })
            })
            .collect::<DfResult<Vec<Col>>>()?;
        let n = a.first().map_or(0, |c| c.len());
        let mut out = Vec::with_capacity(n);
        let mut row = Vec::with_capacity(cols.len());
        for i in 0..n {
            row.clear();
            for c in &cols {
                match c {
                    Col::Str(s) if s.is_valid(i) => row.push(Val::Str(s.value(i))),
                    Col::Int(v) if v.is_valid(i) => row.push(Val::Int(v.value(i))),
                    _ => break,
                }
            }
            out.push(if row.len() == cols.len() {
                f(&row)?
            } else {
                None
            });
        }
        Ok(finish(out))
    });
    Ok(args.kernel(&args.name, kernel))
}

/// `finish` for string results.
pub fn string_result(v: Vec<Option<String>>) -> ArrayRef {
    std::sync::Arc::new(StringArray::from(v))
}

/// `finish` for INT results.
pub fn int_result(v: Vec<Option<i32>>) -> ArrayRef {
    std::sync::Arc::new(Int32Array::from(v))
}

/// Fails if a Java `char[]`/`String` of `units` UTF-16 units would be built: Java runs out of
/// memory long before; we refuse to allocate it.
pub fn check_java_length(units: usize) -> DfResult<()> {
    if units > (1 << 26) {
        return Err(DataFusionError::Execution(format!(
            "result of {units} UTF-16 units is too large (Java fails with OutOfMemoryError)"
        )));
    }
    Ok(())
}
