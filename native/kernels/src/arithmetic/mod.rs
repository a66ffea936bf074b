//! `+ - * / %` and unary `-` with Flink's generated-code semantics.
//!
//! Operands are first converted to the call's result type (Flink's `numericCasting` to the Calcite
//! result type), then the operation runs in that type:
//! - integers wrap on overflow like Java, `/` truncates, `/` and `%` by zero throw
//!   `ArithmeticException("/ by zero")`;
//! - FLOAT/DOUBLE are IEEE 754;
//! - DECIMAL is exact (`BigDecimal`), rounded HALF_UP to the result scale and NULL when the result
//!   needs more digits than the result precision (`DecimalDataUtils.add/subtract/multiply/divide/mod`).

pub mod negate;

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, ArrowPrimitiveType, Int64Array, PrimitiveArray};
use arrow::buffer::NullBuffer;
use arrow::compute::{binary, cast};
use datafusion_common::Result as DfResult;
use datafusion_physical_expr::PhysicalExpr;
use num_bigint::BigInt;
use num_traits::Zero;

use crate::decimal;
use crate::numeric::{decimal_array, to_f32, to_f64, to_i64, to_unscaled};
use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::{EmberError, Result};

/// A binary arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `%` / MOD
    Modulus,
}

impl ArithOp {
    fn name(self) -> &'static str {
        match self {
            ArithOp::Add => "add",
            ArithOp::Subtract => "subtract",
            ArithOp::Multiply => "multiply",
            ArithOp::Divide => "divide",
            ArithOp::Modulus => "modulus",
        }
    }
}

fn div_by_zero() -> datafusion_common::DataFusionError {
    EmberError::Arithmetic("/ by zero".into()).into_datafusion()
}

/// Builds `op(args[0], args[1])` returning `args.output`.
pub fn build(op: ArithOp, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    let out = args.output.clone();
    for t in &args.arg_types {
        if !t.is_numeric() {
            return Err(EmberError::Unsupported(format!(
                "function {} on {} is not supported natively",
                op.name(),
                t.sql_name()
            )));
        }
    }
    let any_approx = args.arg_types.iter().any(|t| t.is_approximate());
    let kernel: Arc<crate::udf::KernelFn> = match out.kind {
        FlinkKind::TinyInt | FlinkKind::SmallInt | FlinkKind::Int | FlinkKind::BigInt
            if args.arg_types.iter().all(|t| t.is_integer()) =>
        {
            Arc::new(move |a: &[ArrayRef], f| {
                let r = long_op(op, &to_i64(&a[0])?, &to_i64(&a[1])?)?;
                // Java narrows the long/int result with a wrapping cast.
                wrap_to(&r, f.data_type())
            })
        }
        FlinkKind::Double => Arc::new(move |a: &[ArrayRef], _| {
            let (l, r) = (to_f64(&a[0])?, to_f64(&a[1])?);
            Ok(Arc::new(float_op(op, &l, &r)?) as ArrayRef)
        }),
        // FLOAT op DOUBLE is FLOAT in Flink: the DOUBLE operand is narrowed with Java's `(float)` first.
        FlinkKind::Float
            if !args
                .arg_types
                .iter()
                .any(|t| matches!(t.kind, FlinkKind::Decimal(..))) =>
        {
            Arc::new(move |a: &[ArrayRef], _| {
                let (l, r) = (to_f32(&a[0])?, to_f32(&a[1])?);
                Ok(Arc::new(float_op(op, &l, &r)?) as ArrayRef)
            })
        }
        FlinkKind::Decimal(p, s) if !any_approx => Arc::new(move |a: &[ArrayRef], _| {
            let (l, ls) = to_unscaled(&a[0])?;
            let (r, rs) = to_unscaled(&a[1])?;
            let mut out = Vec::with_capacity(l.len());
            for (x, y) in l.into_iter().zip(r) {
                out.push(match (x, y) {
                    (Some(x), Some(y)) => decimal_op(op, x, ls, y, rs, p, s)?,
                    _ => None,
                });
            }
            decimal_array(out, p, s)
        }),
        _ => {
            return Err(EmberError::Unsupported(format!(
                "function {} with operands ({}) and result {} is not supported natively",
                op.name(),
                args.arg_types
                    .iter()
                    .map(|t| t.sql_name())
                    .collect::<Vec<_>>()
                    .join(", "),
                out.sql_name()
            )));
        }
    };
    Ok(args.kernel(op.name(), kernel))
}

/// Java `long` arithmetic; the caller narrows to the result type. Vectorized over the value buffers (NULL rows
/// compute garbage that the union of the null masks hides); a zero divisor in a non-NULL row throws like Java.
fn long_op(op: ArithOp, l: &Int64Array, r: &Int64Array) -> DfResult<Int64Array> {
    if matches!(op, ArithOp::Divide | ArithOp::Modulus) {
        let nulls = NullBuffer::union(l.nulls(), r.nulls());
        let zero_divisor = r
            .values()
            .iter()
            .enumerate()
            .any(|(i, &y)| y == 0 && nulls.as_ref().is_none_or(|n| n.is_valid(i)));
        if zero_divisor {
            return Err(div_by_zero());
        }
    }
    // One call per operator so each closure is inlined into its own loop.
    Ok(match op {
        ArithOp::Add => binary(l, r, i64::wrapping_add)?,
        ArithOp::Subtract => binary(l, r, i64::wrapping_sub)?,
        ArithOp::Multiply => binary(l, r, i64::wrapping_mul)?,
        // Zero divisors left are in NULL rows only: any value will do there.
        ArithOp::Divide => binary(l, r, |x, y| if y == 0 { 0 } else { x.wrapping_div(y) })?,
        ArithOp::Modulus => binary(l, r, |x, y| if y == 0 { 0 } else { x.wrapping_rem(y) })?,
    })
}

/// Narrowing integer conversion with Java's wrap-around (keeps the low bits).
pub fn wrap_to(a: &Int64Array, to: &arrow::datatypes::DataType) -> DfResult<ArrayRef> {
    use arrow::datatypes::{DataType, Int8Type, Int16Type, Int32Type};
    Ok(match to {
        DataType::Int64 => Arc::new(a.clone()),
        DataType::Int32 => Arc::new(a.unary::<_, Int32Type>(|v| v as i32)),
        DataType::Int16 => Arc::new(a.unary::<_, Int16Type>(|v| v as i16)),
        DataType::Int8 => Arc::new(a.unary::<_, Int8Type>(|v| v as i8)),
        other => cast(a, other)?,
    })
}

/// IEEE arithmetic on FLOAT or DOUBLE, as Java computes it (no exceptions: x / 0.0 is +-Infinity or NaN).
fn float_op<T>(
    op: ArithOp,
    l: &PrimitiveArray<T>,
    r: &PrimitiveArray<T>,
) -> DfResult<PrimitiveArray<T>>
where
    T: ArrowPrimitiveType,
    T::Native: num_traits::Float,
{
    Ok(match op {
        ArithOp::Add => binary(l, r, |x, y| x + y)?,
        ArithOp::Subtract => binary(l, r, |x, y| x - y)?,
        ArithOp::Multiply => binary(l, r, |x, y| x * y)?,
        ArithOp::Divide => binary(l, r, |x, y| x / y)?,
        // Rust's % on floats is C fmod, like Java's (sign of the dividend).
        ArithOp::Modulus => binary(l, r, |x, y| x % y)?,
    })
}

/// One DECIMAL operation on exact operands `x * 10^-xs`, `y * 10^-ys` with result DECIMAL(p, s).
fn decimal_op(
    op: ArithOp,
    x: i128,
    xs: i32,
    y: i128,
    ys: i32,
    p: u8,
    s: i8,
) -> DfResult<Option<i128>> {
    match decimal_op_i128(op, x, xs, y, ys, p, s) {
        Some(r) => Ok(r),
        None => decimal_op_big(op, &BigInt::from(x), xs, &BigInt::from(y), ys, p, s),
    }
}

/// [`decimal_op`] in `i128` arithmetic, or `None` where an intermediate leaves `i128` (and for division, whose
/// 38-digit quotient needs the `BigInt` path).
fn decimal_op_i128(
    op: ArithOp,
    x: i128,
    xs: i32,
    y: i128,
    ys: i32,
    p: u8,
    s: i8,
) -> Option<Option<i128>> {
    let m = xs.max(ys);
    let aligned = || {
        Some((
            decimal::rescale_i128(x, xs, m)?,
            decimal::rescale_i128(y, ys, m)?,
        ))
    };
    let (exact, scale) = match op {
        ArithOp::Add => aligned()
            .and_then(|(a, b)| a.checked_add(b))
            .map(|v| (v, m))?,
        ArithOp::Subtract => aligned()
            .and_then(|(a, b)| a.checked_sub(b))
            .map(|v| (v, m))?,
        ArithOp::Multiply => (x.checked_mul(y)?, xs + ys),
        ArithOp::Modulus if y != 0 => aligned()
            .and_then(|(a, b)| a.checked_rem(b))
            .map(|v| (v, m))?,
        ArithOp::Modulus | ArithOp::Divide => return None,
    };
    decimal::from_i128(exact, scale, p, s)
}

/// [`decimal_op`] on big integers.
fn decimal_op_big(
    op: ArithOp,
    x: &BigInt,
    xs: i32,
    y: &BigInt,
    ys: i32,
    p: u8,
    s: i8,
) -> DfResult<Option<i128>> {
    let m = xs.max(ys);
    let align = |v: &BigInt, vs: i32| v * decimal::pow10((m - vs) as u32);
    Ok(match op {
        ArithOp::Add => decimal::from_big(&(align(x, xs) + align(y, ys)), m, p, s),
        ArithOp::Subtract => decimal::from_big(&(align(x, xs) - align(y, ys)), m, p, s),
        ArithOp::Multiply => decimal::from_big(&(x * y), xs + ys, p, s),
        ArithOp::Divide => {
            if y.is_zero() {
                return Err(bigdecimal_div_zero(x));
            }
            let (q, qs) = decimal::divide_mc38(x, xs, y, ys);
            decimal::from_big(&q, qs, p, s)
        }
        ArithOp::Modulus => {
            if y.is_zero() {
                return Err(bigdecimal_div_zero(x));
            }
            // BigDecimal.remainder: x - trunc(x / y) * y, exact, sign of the dividend.
            let r = align(x, xs) % align(y, ys);
            decimal::from_big(&r, m, p, s)
        }
    })
}

/// `BigDecimal.divide/remainder` by zero.
fn bigdecimal_div_zero(dividend: &BigInt) -> datafusion_common::DataFusionError {
    let msg = if dividend.is_zero() {
        "Division undefined"
    } else {
        "Division by zero"
    };
    EmberError::Arithmetic(msg.into()).into_datafusion()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Float64Array;

    fn long(op: ArithOp, x: i64, y: i64) -> Option<i64> {
        long_op(op, &Int64Array::from(vec![x]), &Int64Array::from(vec![y]))
            .ok()
            .map(|a| a.value(0))
    }

    #[test]
    fn integers_behave_like_java() {
        assert_eq!(long(ArithOp::Add, i64::MAX, 1), Some(i64::MIN));
        assert_eq!(long(ArithOp::Multiply, i64::MIN, -1), Some(i64::MIN));
        assert_eq!(long(ArithOp::Divide, i64::MIN, -1), Some(i64::MIN));
        assert_eq!(long(ArithOp::Modulus, i64::MIN, -1), Some(0));
        assert_eq!(long(ArithOp::Modulus, i64::MIN, 3), Some(-2));
        assert_eq!(long(ArithOp::Divide, -7, 2), Some(-3));
        assert_eq!(long(ArithOp::Modulus, 7, -2), Some(1));
        assert_eq!(long(ArithOp::Divide, 1, 0), None);
        assert_eq!(long(ArithOp::Modulus, 1, 0), None);
        // INT results wrap like Java's int arithmetic.
        let r = long_op(
            ArithOp::Add,
            &Int64Array::from(vec![i32::MAX as i64]),
            &Int64Array::from(vec![1]),
        )
        .ok()
        .and_then(|r| wrap_to(&r, &arrow::datatypes::DataType::Int32).ok());
        let r = r.map(|a| {
            a.as_any()
                .downcast_ref::<arrow::array::Int32Array>()
                .map(|a| a.value(0))
        });
        assert_eq!(r, Some(Some(i32::MIN)));
    }

    #[test]
    fn floats_are_ieee() {
        let f = |op, x: f64, y: f64| {
            float_op(
                op,
                &Float64Array::from(vec![x]),
                &Float64Array::from(vec![y]),
            )
            .expect("same length")
            .value(0)
        };
        assert_eq!(f(ArithOp::Divide, 1.0, 0.0), f64::INFINITY);
        assert!(f(ArithOp::Divide, 0.0, 0.0).is_nan());
        assert_eq!(f(ArithOp::Modulus, -5.5, 2.0), -1.5);
        assert!(f(ArithOp::Add, f64::INFINITY, f64::NEG_INFINITY).is_nan());
        assert!(f(ArithOp::Multiply, -0.0, 1.0).is_sign_negative());
    }

    #[test]
    fn decimals_are_exact_half_up_null_on_overflow() {
        let d = |op, x: i64, xs, y: i64, ys, p, s| {
            decimal_op(op, i128::from(x), xs, i128::from(y), ys, p, s)
                .ok()
                .flatten()
        };
        // 1.5 + 2.25 = 3.75 -> DECIMAL(3, 1) = 3.8
        assert_eq!(d(ArithOp::Add, 15, 1, 225, 2, 3, 1), Some(38));
        // -1.5 - 2.25 = -3.75 -> -3.8 (HALF_UP is away from zero)
        assert_eq!(d(ArithOp::Subtract, -15, 1, 225, 2, 3, 1), Some(-38));
        // 99.9 * 99.9 = 9980.01 does not fit DECIMAL(5, 2)
        assert_eq!(d(ArithOp::Multiply, 999, 1, 999, 1, 5, 2), None);
        // 38-digit extremes
        let max38 = 10i128.pow(38) - 1;
        let r = decimal_op(ArithOp::Add, max38, 0, 1, 0, 38, 0)
            .ok()
            .flatten();
        assert_eq!(r, None);
        // 7 % -2.5 = 2.0 (sign of the dividend), -7 % 2.5 = -2.0
        assert_eq!(d(ArithOp::Modulus, 7, 0, -25, 1, 3, 1), Some(20));
        assert_eq!(d(ArithOp::Modulus, -7, 0, 25, 1, 3, 1), Some(-20));
        // 2 / 3 -> DECIMAL(38, 6) = 0.666667
        assert_eq!(d(ArithOp::Divide, 2, 0, 3, 0, 38, 6), Some(666_667));
        assert!(decimal_op(ArithOp::Divide, 1, 0, 0, 0, 10, 0).is_err());
    }

    #[test]
    fn decimal_i128_path_agrees_with_bigint() {
        let edges: Vec<i128> = [
            0i128,
            1,
            5,
            9,
            10,
            15,
            25,
            99,
            12_345,
            999_999_999_999_999_999,
        ]
        .into_iter()
        .chain([
            10i128.pow(18),
            10i128.pow(37) + 5,
            10i128.pow(38) - 1,
            i64::MAX as i128,
        ])
        .flat_map(|v| [v, -v])
        .collect();
        let ops = [
            ArithOp::Add,
            ArithOp::Subtract,
            ArithOp::Multiply,
            ArithOp::Modulus,
        ];
        let mut checked = 0;
        for &x in &edges {
            for &y in &edges {
                for (xs, ys) in [(0, 0), (2, 0), (0, 3), (18, 2), (38, 0), (5, 37)] {
                    for (p, s) in [(38, 0), (38, 18), (19, 2), (10, 4), (38, 38), (5, 0)] {
                        for op in ops {
                            let (bx, by) = (BigInt::from(x), BigInt::from(y));
                            let big = decimal_op_big(op, &bx, xs, &by, ys, p, s).ok().flatten();
                            if let Some(fast) = decimal_op_i128(op, x, xs, y, ys, p, s) {
                                assert_eq!(
                                    fast,
                                    big,
                                    "{x}e-{xs} {} {y}e-{ys} as ({p}, {s})",
                                    op.name()
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(
            checked > 10_000,
            "the i128 path decided only {checked} cases"
        );
    }
}
