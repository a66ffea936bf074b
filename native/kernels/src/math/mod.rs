//! Flink math functions (ABS, SIGN, ROUND, FLOOR/CEIL, POWER/SQRT, DEGREES/RADIANS, HEX/BIN) with the
//! results of Flink 2.3.0 generated code (`SqlFunctionUtils`, `DecimalDataUtils`, `java.lang.Math`).
//!
//! Transcendental functions (LN, LOG, LOG10, LOG2, EXP, SIN, ...) and POWER with other exponents are not
//! here on purpose: Flink calls `java.lang.Math`, whose HotSpot intrinsics are not correctly rounded and
//! may differ from the platform libm in the last ulp, so they stay stock Flink.

pub mod abs;
pub mod floor_ceil;
pub mod hex_bin;
pub mod power;
pub mod round;
pub mod sign;

use crate::registry::BuildArgs;
use ember_common::Result;

/// Fails unless the call has one numeric argument whose Arrow type is the result's.
pub fn expect_same_numeric(args: &BuildArgs) -> Result<()> {
    if !args.arg_types[0].is_numeric() {
        return Err(args.unsupported("the argument must be numeric"));
    }
    if args.arg_types[0].to_arrow() != args.output.to_arrow() {
        return Err(args.unsupported(format!(
            "result type {} differs from the argument type",
            args.output.sql_name()
        )));
    }
    Ok(())
}
