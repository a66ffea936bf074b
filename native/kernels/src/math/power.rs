//! POWER(x, y) (and SQRT(x), which Calcite rewrites to `POWER(x, 0.5)`) for the literal exponents 2 and
//! 0.5 only: Flink calls `Math.pow((double) x, y)`, and HotSpot's `pow` returns exactly `x * x` for 2.0
//! and the correctly rounded `sqrt(x)` for 0.5 (with `pow`'s special cases: `pow(-0.0, 0.5) = 0.0`,
//! `pow(-Infinity, 0.5) = Infinity`). Other exponents are not correctly rounded and stay stock Flink.

use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::{FieldRef, Float64Type};
use datafusion_common::ScalarValue;
use datafusion_physical_expr::PhysicalExpr;

use crate::numeric::to_f64;
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// Builds `power(x, y)` for a literal `y` of 2 or 0.5.
pub fn build(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    if !args.arg_types[0].is_numeric() || args.output.kind != FlinkKind::Double {
        return Err(args.unsupported("the base must be numeric and the result DOUBLE"));
    }
    let square = match args.literal(1).and_then(literal_f64) {
        Some(2.0) => true,
        Some(0.5) => false,
        _ => {
            return Err(args.unsupported(
                "only the literal exponents 2 and 0.5 (SQRT) are bit-identical to Java's Math.pow",
            ));
        }
    };
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let x = to_f64(&a[0])?;
        let f = if square { |v: f64| v * v } else { pow_half };
        Ok(Arc::new(x.unary::<_, Float64Type>(f)) as ArrayRef)
    });
    Ok(args.kernel("power", kernel))
}

/// `Math.pow(v, 0.5)`.
fn pow_half(v: f64) -> f64 {
    if v == 0.0 {
        0.0
    } else if v == f64::NEG_INFINITY {
        f64::INFINITY
    } else {
        v.sqrt()
    }
}

/// The value of a numeric literal as a double (exact for the exponents we accept).
fn literal_f64(v: &ScalarValue) -> Option<f64> {
    match v {
        ScalarValue::Int8(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Int16(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Int32(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Int64(Some(v)) => Some(*v as f64),
        ScalarValue::Float32(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Float64(Some(v)) => Some(*v),
        ScalarValue::Decimal128(Some(v), _, s) => Some(crate::decimal::to_f64(*v, 38, *s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::pow_half;

    #[test]
    fn pow_half_special_cases() {
        assert!(pow_half(-0.0).is_sign_positive());
        assert_eq!(pow_half(f64::NEG_INFINITY), f64::INFINITY);
        assert!(pow_half(-1.0).is_nan());
        assert!(pow_half(f64::NAN).is_nan());
        assert_eq!(pow_half(4.0), 2.0);
        assert_eq!(pow_half(1e308), 1e154);
        assert_eq!(pow_half(4.9e-324), 2.2227587494850775e-162);
    }
}
