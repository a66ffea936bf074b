//! SIGN: `Integer.signum` / `Long.signum` for INT/BIGINT, `Math.signum` for FLOAT/DOUBLE (keeps ±0.0
//! and NaN), `DecimalDataUtils.sign` for DECIMAL (±1 or 0 at the argument's scale, e.g. `1.00`).
//! TINYINT/SMALLINT are refused: stock Flink fails to compile them (`Math.signum(float)` into a byte).

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{
    DataType, Decimal128Type, FieldRef, Float32Type, Float64Type, Int32Type, Int64Type,
};
use datafusion_common::DataFusionError;
use datafusion_physical_expr::PhysicalExpr;

use super::expect_same_numeric;
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// Builds `sign(x)`; the result type is the argument type.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    expect_same_numeric(args)?;
    match args.arg_types[0].kind {
        FlinkKind::TinyInt | FlinkKind::SmallInt => {
            return Err(args.unsupported("stock Flink cannot compile SIGN on TINYINT/SMALLINT"));
        }
        // 1 needs an integer digit.
        FlinkKind::Decimal(p, s) if i16::from(p) <= i16::from(s) => {
            return Err(args.unsupported("DECIMAL without integer digits"));
        }
        _ => {}
    }
    let kernel = Arc::new(|a: &[ArrayRef], _f: &FieldRef| {
        let x = &a[0];
        let out: ArrayRef = match x.data_type() {
            DataType::Int32 => Arc::new(
                x.as_primitive::<Int32Type>()
                    .unary::<_, Int32Type>(i32::signum),
            ),
            DataType::Int64 => Arc::new(
                x.as_primitive::<Int64Type>()
                    .unary::<_, Int64Type>(i64::signum),
            ),
            DataType::Float32 => Arc::new(
                x.as_primitive::<Float32Type>()
                    .unary::<_, Float32Type>(java_signum),
            ),
            DataType::Float64 => Arc::new(
                x.as_primitive::<Float64Type>()
                    .unary::<_, Float64Type>(java_signum),
            ),
            DataType::Decimal128(p, s) => {
                let one = 10i128.pow(u32::try_from(*s).unwrap_or(0));
                Arc::new(
                    x.as_primitive::<Decimal128Type>()
                        .unary::<_, Decimal128Type>(move |v| v.signum() * one)
                        .with_precision_and_scale(*p, *s)?,
                )
            }
            other => return Err(DataFusionError::Internal(format!("sign on {other}"))),
        };
        Ok(out)
    });
    Ok(args.kernel("sign", kernel))
}

/// `Math.signum`: the argument itself for ±0.0 and NaN, else ±1.0 (Rust's `signum` maps 0.0 to 1.0).
fn java_signum<F: num_traits::Float>(v: F) -> F {
    if v.is_zero() || v.is_nan() {
        v
    } else {
        v.signum()
    }
}

#[cfg(test)]
mod tests {
    use super::java_signum;

    #[test]
    fn signum_like_java() {
        assert!(java_signum(-0.0f64).is_sign_negative() && java_signum(-0.0f64) == 0.0);
        assert_eq!(java_signum(0.0f64), 0.0);
        assert!(java_signum(f64::NAN).is_nan());
        assert_eq!(java_signum(f64::NEG_INFINITY), -1.0);
        assert_eq!(java_signum(1e-320f64), 1.0);
        assert_eq!(java_signum(-2.5f32), -1.0);
    }
}
