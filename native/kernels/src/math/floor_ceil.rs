//! Numeric FLOOR / CEIL (the temporal `FLOOR(ts TO unit)` is not handled here): `Math.floor/ceil` for
//! FLOAT/DOUBLE (FLOAT through double, which is exact), the operand itself for integers
//! (`FloorCeilCallGen`), `DecimalDataUtils.floor/ceil` (`setScale(0, FLOOR/CEILING)`) for DECIMAL.

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{DataType, FieldRef, Float32Type, Float64Type};
use datafusion_common::DataFusionError;
use datafusion_physical_expr::PhysicalExpr;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::decimal;
use crate::numeric::{decimal_array, to_big};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// Builds `floor(x)` (`ceil = false`) or `ceil(x)`.
pub fn build(ceil: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(1)?;
    let t = &args.arg_types[0];
    let name = if ceil { "ceil" } else { "floor" };
    if !t.is_numeric() {
        return Err(args.unsupported("only the numeric form runs natively"));
    }
    if let FlinkKind::Decimal(p, s) = args.output.kind {
        if !matches!(t.kind, FlinkKind::Decimal(..)) || s != 0 {
            return Err(args.unsupported("unexpected result type"));
        }
        let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
            let (vals, vs) = to_big(&a[0])?;
            let unit = decimal::pow10(u32::try_from(vs).unwrap_or(0));
            let out = vals
                .iter()
                .map(|v| {
                    v.as_ref()
                        .and_then(|v| decimal::fit(&floor_ceil_div(v, &unit, ceil), p))
                })
                .collect();
            decimal_array(out, p, s)
        });
        return Ok(args.kernel(name, kernel));
    }
    super::expect_same_numeric(args)?;
    if t.is_integer() {
        return Ok(Arc::clone(&args.args[0]));
    }
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let x = &a[0];
        let out: ArrayRef = match x.data_type() {
            DataType::Float32 => Arc::new(
                x.as_primitive::<Float32Type>()
                    .unary::<_, Float32Type>(move |v| if ceil { v.ceil() } else { v.floor() }),
            ),
            DataType::Float64 => Arc::new(
                x.as_primitive::<Float64Type>()
                    .unary::<_, Float64Type>(move |v| if ceil { v.ceil() } else { v.floor() }),
            ),
            other => return Err(DataFusionError::Internal(format!("floor/ceil on {other}"))),
        };
        Ok(out)
    });
    Ok(args.kernel(name, kernel))
}

/// `v / unit` rounded toward -infinity (FLOOR) or +infinity (CEILING); `unit` is positive.
fn floor_ceil_div(v: &BigInt, unit: &BigInt, ceil: bool) -> BigInt {
    let q = v / unit; // truncates toward zero
    let r = v - &q * unit;
    if r.is_zero() {
        q
    } else if ceil && r.is_positive() {
        q + 1u32
    } else if !ceil && r.is_negative() {
        q - 1u32
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::floor_ceil_div;
    use num_bigint::BigInt;

    #[test]
    fn java_floor_ceil() {
        assert!((-0.5f64).ceil().is_sign_negative()); // Math.ceil(-0.5) = -0.0
        assert!((-0.0f64).floor().is_sign_negative());
        assert!(f64::NAN.floor().is_nan());
        assert_eq!(f64::NEG_INFINITY.ceil(), f64::NEG_INFINITY);
        // DECIMAL -1.50 -> floor -2, ceil -1
        let (v, unit) = (BigInt::from(-150), BigInt::from(100));
        assert_eq!(floor_ceil_div(&v, &unit, false), BigInt::from(-2));
        assert_eq!(floor_ceil_div(&v, &unit, true), BigInt::from(-1));
        let w = BigInt::from(150);
        assert_eq!(floor_ceil_div(&w, &unit, false), BigInt::from(1));
        assert_eq!(floor_ceil_div(&w, &unit, true), BigInt::from(2));
        assert_eq!(
            floor_ceil_div(&BigInt::from(-200), &unit, true),
            BigInt::from(-2)
        );
    }
}
