//! Conversions between Flink numeric types with Java's widening rules (JLS 5.1.2 / 5.6.2), used by
//! arithmetic and comparison kernels whose operands have different types.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Decimal128Array, Float32Array, Float64Array, Int64Array,
};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Decimal128Type, Float32Type, Float64Type, Int64Type};
use datafusion_common::{DataFusionError, Result as DfResult};
use num_bigint::BigInt;

use crate::decimal;
use crate::types::{FlinkKind, FlinkType};

/// Integer operand widened to `long` (exact).
pub fn to_i64(a: &ArrayRef) -> DfResult<Int64Array> {
    Ok(cast(a, &DataType::Int64)?
        .as_primitive::<Int64Type>()
        .clone())
}

/// Operand converted to `double` like Java: integers and floats exactly or rounded to nearest,
/// DECIMAL with Flink's `DecimalDataUtils.doubleValue`.
pub fn to_f64(a: &ArrayRef) -> DfResult<Float64Array> {
    match a.data_type() {
        DataType::Decimal128(p, s) => {
            let (p, s) = (*p, *s);
            Ok(a.as_primitive::<Decimal128Type>()
                .unary::<_, Float64Type>(|v| decimal::to_f64(v, p, s)))
        }
        _ => Ok(cast(a, &DataType::Float64)?
            .as_primitive::<Float64Type>()
            .clone()),
    }
}

/// Operand converted to `float` like Java (`(float)` of an int/long rounds to nearest); a DECIMAL goes
/// through `doubleValue` first.
pub fn to_f32(a: &ArrayRef) -> DfResult<Float32Array> {
    match a.data_type() {
        DataType::Decimal128(..) | DataType::Float64 => {
            let d = to_f64(a)?;
            Ok(d.unary::<_, Float32Type>(|v| v as f32))
        }
        _ => Ok(cast(a, &DataType::Float32)?
            .as_primitive::<Float32Type>()
            .clone()),
    }
}

/// Exact operand (integer or DECIMAL) as (unscaled big integers, scale).
pub fn to_big(a: &ArrayRef) -> DfResult<(Vec<Option<BigInt>>, i32)> {
    let (values, scale) = to_unscaled(a)?;
    Ok((
        values.into_iter().map(|v| v.map(BigInt::from)).collect(),
        scale,
    ))
}

/// An exact numeric array (integers or DECIMAL) as unscaled `i128` values and their scale.
pub fn to_unscaled(a: &ArrayRef) -> DfResult<(Vec<Option<i128>>, i32)> {
    match a.data_type() {
        DataType::Decimal128(_, s) => {
            let arr: &Decimal128Array = a.as_primitive::<Decimal128Type>();
            Ok((arr.iter().collect(), *s as i32))
        }
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => {
            let arr = to_i64(a)?;
            Ok((arr.iter().map(|v| v.map(i128::from)).collect(), 0))
        }
        other => Err(DataFusionError::Internal(format!(
            "exact numeric operand expected, got {other}"
        ))),
    }
}

/// Builds a Decimal128(p, s) array from optional unscaled values.
pub fn decimal_array(values: Vec<Option<i128>>, precision: u8, scale: i8) -> DfResult<ArrayRef> {
    Ok(Arc::new(
        Decimal128Array::from(values).with_precision_and_scale(precision, scale)?,
    ))
}

/// The domain Java evaluates a binary numeric operation in (binary numeric promotion), extended
/// with Flink's DECIMAL handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// `long` arithmetic (all integer types).
    Long,
    /// `float` arithmetic.
    Float,
    /// `double` arithmetic.
    Double,
    /// Exact arithmetic (integers and DECIMAL).
    Exact,
}

/// Java's binary numeric promotion of two Flink numeric types, or `None` if one is not numeric.
pub fn promote(l: &FlinkType, r: &FlinkType) -> Option<Domain> {
    if !l.is_numeric() || !r.is_numeric() {
        return None;
    }
    let is =
        |t: &FlinkType, k: &FlinkKind| std::mem::discriminant(&t.kind) == std::mem::discriminant(k);
    let dec = |t: &FlinkType| matches!(t.kind, FlinkKind::Decimal(..));
    Some(if is(l, &FlinkKind::Double) || is(r, &FlinkKind::Double) {
        Domain::Double
    } else if is(l, &FlinkKind::Float) || is(r, &FlinkKind::Float) {
        Domain::Float
    } else if dec(l) || dec(r) {
        Domain::Exact
    } else {
        Domain::Long
    })
}
