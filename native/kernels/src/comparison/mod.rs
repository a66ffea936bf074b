//! `= <> < <= > >=` and IS [NOT] DISTINCT FROM with Flink's generated-code semantics.
//!
//! - numerics of different types compare after Java's binary numeric promotion (`int < float`
//!   converts the int to float); FLOAT/DOUBLE use IEEE comparisons (NaN is unequal to everything,
//!   -0.0 = 0.0) because Flink emits Java's primitive operators;
//! - integers and DECIMAL compare exactly (`DecimalDataUtils.compare`);
//! - strings compare by UTF-8 bytes (`BinaryStringData.compareTo`), booleans false < true, DATE and
//!   TIMESTAMP chronologically.
//!
//! - DECIMAL against FLOAT/DOUBLE: `DecimalDataUtils.compare(decimal, double)` =
//!   `Double.compare(doubleValue(decimal), double)` (so NaN is greater than everything and equal to
//!   itself, -0.0 < 0.0).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray};
use arrow::compute::cast;
use arrow::compute::kernels::cmp;
use arrow::datatypes::{DataType, TimeUnit};
use datafusion_common::Result as DfResult;
use datafusion_physical_expr::PhysicalExpr;
use num_bigint::BigInt;

use crate::numeric::{Domain, promote, to_f32, to_f64, to_unscaled};
use crate::registry::BuildArgs;
use crate::types::{FlinkKind, FlinkType};
use ember_common::Result;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `<>`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtEq,
    /// `>`
    Gt,
    /// `>=`
    GtEq,
}

impl CmpOp {
    fn name(self) -> &'static str {
        match self {
            CmpOp::Eq => "equal",
            CmpOp::NotEq => "not_equal",
            CmpOp::Lt => "lt",
            CmpOp::LtEq => "lte",
            CmpOp::Gt => "gt",
            CmpOp::GtEq => "gte",
        }
    }

    fn test<T: PartialOrd>(self, l: T, r: T) -> bool {
        match self {
            CmpOp::Eq => l == r,
            CmpOp::NotEq => l != r,
            CmpOp::Lt => l < r,
            CmpOp::LtEq => l <= r,
            CmpOp::Gt => l > r,
            CmpOp::GtEq => l >= r,
        }
    }
}

/// How two operands are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Arrow's comparison kernels after casting both sides to this type (exact for these types).
    Arrow(Cast),
    /// Primitive `double` comparison (IEEE).
    Double,
    /// Primitive `float` comparison (IEEE).
    Float,
    /// Exact comparison of integers/DECIMAL.
    Exact,
    /// `Double.compare` of DECIMAL (as `doubleValue`) and FLOAT/DOUBLE.
    DecimalDouble,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cast {
    None,
    Int64,
    TimestampMicros,
}

fn mode(l: &FlinkType, r: &FlinkType) -> Option<Mode> {
    use FlinkKind as K;
    match (&l.kind, &r.kind) {
        (a, b) if l.is_string() && r.is_string() => {
            let _ = (a, b);
            Some(Mode::Arrow(Cast::None))
        }
        (K::Boolean, K::Boolean) | (K::Date, K::Date) => Some(Mode::Arrow(Cast::None)),
        (K::Binary(_) | K::VarBinary, K::Binary(_) | K::VarBinary) => Some(Mode::Arrow(Cast::None)),
        (K::Timestamp(_), K::Timestamp(_)) | (K::TimestampLtz(_), K::TimestampLtz(_)) => {
            Some(Mode::Arrow(Cast::TimestampMicros))
        }
        _ => match promote(l, r)? {
            Domain::Long => Some(Mode::Arrow(Cast::Int64)),
            Domain::Exact => Some(Mode::Exact),
            Domain::Double | Domain::Float
                if matches!(l.kind, K::Decimal(..)) || matches!(r.kind, K::Decimal(..)) =>
            {
                Some(Mode::DecimalDouble)
            }
            Domain::Double => Some(Mode::Double),
            Domain::Float => Some(Mode::Float),
        },
    }
}

/// Builds `op(args[0], args[1])`.
pub fn build(op: CmpOp, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    let m = mode(&args.arg_types[0], &args.arg_types[1])
        .ok_or_else(|| args.unsupported("operand types"))?;
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        compare(op, m, &a[0], &a[1])
    });
    Ok(args.kernel(op.name(), kernel))
}

/// Builds IS DISTINCT FROM (`distinct = true`) or IS NOT DISTINCT FROM.
pub fn build_distinct(distinct: bool, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    args.expect_arity(2)?;
    let m = mode(&args.arg_types[0], &args.arg_types[1])
        .ok_or_else(|| args.unsupported("operand types"))?;
    let name = if distinct {
        "is_distinct_from"
    } else {
        "is_not_distinct_from"
    };
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &arrow::datatypes::FieldRef| {
        let eq = compare(CmpOp::Eq, m, &a[0], &a[1])?;
        let eq = eq.as_boolean();
        let out: BooleanArray = (0..eq.len())
            .map(|i| {
                let same = match (a[0].is_null(i), a[1].is_null(i)) {
                    (true, true) => true,
                    (false, false) => eq.value(i),
                    _ => false,
                };
                Some(same != distinct)
            })
            .collect();
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel(name, kernel))
}

fn compare(op: CmpOp, m: Mode, l: &ArrayRef, r: &ArrayRef) -> DfResult<ArrayRef> {
    let out: BooleanArray = match m {
        Mode::Arrow(c) => {
            let (l, r) = match c {
                Cast::None => (Arc::clone(l), Arc::clone(r)),
                Cast::Int64 => (cast(l, &DataType::Int64)?, cast(r, &DataType::Int64)?),
                Cast::TimestampMicros => {
                    let tz = match l.data_type() {
                        DataType::Timestamp(_, tz) => tz.clone(),
                        _ => None,
                    };
                    let t = DataType::Timestamp(TimeUnit::Microsecond, tz);
                    (cast(l, &t)?, cast(r, &t)?)
                }
            };
            match op {
                CmpOp::Eq => cmp::eq(&l, &r)?,
                CmpOp::NotEq => cmp::neq(&l, &r)?,
                CmpOp::Lt => cmp::lt(&l, &r)?,
                CmpOp::LtEq => cmp::lt_eq(&l, &r)?,
                CmpOp::Gt => cmp::gt(&l, &r)?,
                CmpOp::GtEq => cmp::gt_eq(&l, &r)?,
            }
        }
        Mode::Double => {
            let (l, r) = (to_f64(l)?, to_f64(r)?);
            l.iter()
                .zip(r.iter())
                .map(|(x, y)| Some(op.test(x?, y?)))
                .collect()
        }
        Mode::Float => {
            let (l, r) = (to_f32(l)?, to_f32(r)?);
            l.iter()
                .zip(r.iter())
                .map(|(x, y)| Some(op.test(x?, y?)))
                .collect()
        }
        Mode::DecimalDouble => {
            let (l, r) = (to_f64(l)?, to_f64(r)?);
            l.iter()
                .zip(r.iter())
                .map(|(x, y)| Some(op.test(java_double_compare(x?, y?), 0)))
                .collect()
        }
        Mode::Exact => {
            let (l, ls) = to_unscaled(l)?;
            let (r, rs) = to_unscaled(r)?;
            let s = ls.max(rs);
            let up = |v: i128, vs: i32| crate::decimal::rescale_i128(v, vs, s);
            let up_big =
                |v: i128, vs: i32| BigInt::from(v) * crate::decimal::pow10((s - vs) as u32);
            l.into_iter()
                .zip(r)
                .map(|(x, y)| {
                    let (x, y) = (x?, y?);
                    Some(match (up(x, ls), up(y, rs)) {
                        (Some(a), Some(b)) => op.test(a, b),
                        _ => op.test(up_big(x, ls), up_big(y, rs)),
                    })
                })
                .collect()
        }
    };
    Ok(Arc::new(out))
}

/// Java's `Double.compare`: numeric order, except -0.0 < 0.0 and NaN (any payload) is equal to
/// itself and greater than everything else.
pub fn java_double_compare(a: f64, b: f64) -> i32 {
    if a < b {
        return -1;
    }
    if a > b {
        return 1;
    }
    // doubleToLongBits canonicalizes NaN.
    let bits = |v: f64| {
        if v.is_nan() {
            0x7ff8_0000_0000_0000_i64
        } else {
            v.to_bits() as i64
        }
    };
    bits(a).cmp(&bits(b)) as i32
}

#[cfg(test)]
mod tests {
    use super::java_double_compare;

    #[test]
    fn double_compare_like_java() {
        assert_eq!(java_double_compare(1.0, 2.0), -1);
        assert_eq!(java_double_compare(0.0, -0.0), 1);
        assert_eq!(java_double_compare(f64::NAN, f64::NAN), 0);
        assert_eq!(java_double_compare(f64::NAN, f64::INFINITY), 1);
        assert_eq!(java_double_compare(f64::NEG_INFINITY, f64::NAN), -1);
        assert_eq!(java_double_compare(1.5, 1.5), 0);
    }
}
