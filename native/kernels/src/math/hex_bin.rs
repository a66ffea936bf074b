//! HEX(x) / BIN(x) on integers: `Long.toHexString(x).toUpperCase()` / `Long.toBinaryString(x)` of the
//! operand widened to BIGINT (negative values print their 64-bit two's complement); HEX(s) on strings:
//! the upper-case hex of the UTF-8 bytes (`SqlFunctionUtils.hex(String)`).

use std::sync::Arc;

use arrow::array::{ArrayRef, StringArray};
use arrow::datatypes::FieldRef;
use datafusion_physical_expr::PhysicalExpr;

use crate::numeric::to_i64;
use crate::registry::BuildArgs;
use crate::string::strings;
use ember_common::Result;

/// Builds `hex(x)` (`hex = true`) or `bin(x)`.
pub fn build(hex: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    let t = &args.arg_types[0];
    let name = if hex { "hex" } else { "bin" };
    let kernel: Arc<crate::udf::KernelFn> = if t.is_integer() {
        Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
            let x = to_i64(&a[0])?;
            let out: StringArray = x
                .iter()
                .map(|v| {
                    v.map(|v| {
                        if hex {
                            format!("{v:X}")
                        } else {
                            format!("{v:b}")
                        }
                    })
                })
                .collect();
            Ok(Arc::new(out) as ArrayRef)
        })
    } else if hex && t.is_string() {
        Arc::new(|a: &[ArrayRef], _f: &FieldRef| {
            let out: StringArray = strings(&a[0])?
                .iter()
                .map(|v| v.map(|v| v.bytes().map(|b| format!("{b:02X}")).collect::<String>()))
                .collect();
            Ok(Arc::new(out) as ArrayRef)
        })
    } else {
        return Err(args.unsupported("only integer (and for HEX string) arguments run natively"));
    };
    Ok(args.kernel(name, kernel))
}

#[cfg(test)]
mod tests {
    #[test]
    fn java_long_to_text() {
        // Rust formats signed integers in hex/binary as their two's complement, like Java.
        assert_eq!(format!("{:X}", -1i64), "FFFFFFFFFFFFFFFF");
        assert_eq!(format!("{:b}", 5i64), "101");
        assert_eq!(format!("{:b}", 0i64), "0");
        assert_eq!(format!("{:X}", i64::MIN), "8000000000000000");
    }
}
