//! Lazy multi-branch conditional: CASE.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, new_null_array};
use arrow::compute::kernels::zip::zip;
use arrow::datatypes::{DataType, Schema};
use arrow::record_batch::RecordBatch;
use datafusion_common::{DataFusionError, Result as DfResult};
use datafusion_expr::ColumnarValue;
use datafusion_physical_expr::PhysicalExpr;

/// `CASE WHEN c1 THEN v1 ... ELSE e END` evaluated lazily. A branch is taken where its BOOLEAN condition
/// is TRUE (NULL counts as not taken).
#[derive(Debug, Eq)]
pub struct IfThenExpr {
    branches: Vec<(Arc<dyn PhysicalExpr>, Arc<dyn PhysicalExpr>)>,
    otherwise: Arc<dyn PhysicalExpr>,
    data_type: DataType,
}

// Not derived: the derive cannot compare a trailing `Arc<dyn PhysicalExpr>` field.
impl PartialEq for IfThenExpr {
    fn eq(&self, other: &Self) -> bool {
        self.branches == other.branches
            && self.otherwise.eq(&other.otherwise)
            && self.data_type == other.data_type
    }
}

impl Hash for IfThenExpr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.branches.hash(state);
        self.otherwise.hash(state);
        self.data_type.hash(state);
    }
}

impl IfThenExpr {
    /// CASE with `(condition, value)` branches and an ELSE value, all values of `data_type`.
    pub fn case(
        branches: Vec<(Arc<dyn PhysicalExpr>, Arc<dyn PhysicalExpr>)>,
        otherwise: Arc<dyn PhysicalExpr>,
        data_type: DataType,
    ) -> Self {
        IfThenExpr {
            branches,
            otherwise,
            data_type,
        }
    }
}

impl fmt::Display for IfThenExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CASE")?;
        for (c, v) in &self.branches {
            write!(f, " WHEN {c} THEN {v}")?;
        }
        write!(f, " ELSE {} END", self.otherwise)
    }
}

fn to_array(v: ColumnarValue, n: usize) -> DfResult<ArrayRef> {
    v.into_array(n)
}

/// Evaluates `e` on the rows of `rows` only (all rows if every row is selected).
fn eval_on(
    e: &Arc<dyn PhysicalExpr>,
    batch: &RecordBatch,
    rows: &BooleanArray,
) -> DfResult<ArrayRef> {
    let n = batch.num_rows();
    if rows.true_count() == n {
        to_array(e.evaluate(batch)?, n)
    } else {
        to_array(e.evaluate_selection(batch, rows)?, n)
    }
}

impl PhysicalExpr for IfThenExpr {
    fn data_type(&self, _input_schema: &Schema) -> DfResult<DataType> {
        Ok(self.data_type.clone())
    }

    fn nullable(&self, input_schema: &Schema) -> DfResult<bool> {
        for (_, v) in &self.branches {
            if v.nullable(input_schema)? {
                return Ok(true);
            }
        }
        self.otherwise.nullable(input_schema)
    }

    fn evaluate(&self, batch: &RecordBatch) -> DfResult<ColumnarValue> {
        let n = batch.num_rows();
        // Rows that have not taken a branch yet.
        let mut remaining = BooleanArray::from(vec![true; n]);
        // (taken mask, values) per branch; masks are disjoint.
        let mut taken: Vec<(BooleanArray, ArrayRef)> = Vec::with_capacity(self.branches.len());
        for (c, value) in &self.branches {
            if remaining.true_count() == 0 {
                break;
            }
            let cond = eval_on(c, batch, &remaining)?;
            let cond = cond.as_boolean_opt().ok_or_else(|| {
                DataFusionError::Internal("CASE condition must be BOOLEAN".into())
            })?;
            let mask: BooleanArray = (0..n)
                .map(|i| Some(remaining.value(i) && cond.is_valid(i) && cond.value(i)))
                .collect();
            if mask.true_count() == 0 {
                continue;
            }
            let values = eval_on(value, batch, &mask)?;
            remaining = (0..n)
                .map(|i| Some(remaining.value(i) && !mask.value(i)))
                .collect();
            taken.push((mask, values));
        }
        let mut acc: ArrayRef = if remaining.true_count() > 0 {
            eval_on(&self.otherwise, batch, &remaining)?
        } else {
            new_null_array(&self.data_type, n)
        };
        for (mask, values) in taken.iter().rev() {
            acc = zip(mask, values, &acc)?;
        }
        Ok(ColumnarValue::Array(acc))
    }

    fn children(&self) -> Vec<&Arc<dyn PhysicalExpr>> {
        let mut out = Vec::new();
        for (c, v) in &self.branches {
            out.push(c);
            out.push(v);
        }
        out.push(&self.otherwise);
        out
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn PhysicalExpr>>,
    ) -> DfResult<Arc<dyn PhysicalExpr>> {
        let mut it = children.into_iter();
        let mut next = || {
            it.next()
                .ok_or_else(|| DataFusionError::Internal("missing child".into()))
        };
        let mut branches = Vec::with_capacity(self.branches.len());
        for _ in &self.branches {
            branches.push((next()?, next()?));
        }
        let otherwise = next()?;
        Ok(Arc::new(IfThenExpr {
            branches,
            otherwise,
            data_type: self.data_type.clone(),
        }))
    }

    fn fmt_sql(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Int32Array;
    use arrow::datatypes::{Field, FieldRef};
    use datafusion_physical_expr::expressions::col;

    use crate::udf::kernel_expr;

    /// An INT expression that fails on any non-empty input, like `a / 0`.
    fn failing(schema: &Schema) -> Arc<dyn PhysicalExpr> {
        let kernel = Arc::new(|a: &[ArrayRef], _: &FieldRef| {
            if a[0].is_empty() {
                Ok(Arc::clone(&a[0]))
            } else {
                Err(DataFusionError::Execution("/ by zero".into()))
            }
        });
        let field: FieldRef = Arc::new(Field::new("f", DataType::Int32, true));
        kernel_expr("fail", kernel, vec![col("a", schema).expect("test")], field)
    }

    #[test]
    fn case_skips_branches_no_row_takes() {
        let schema = Schema::new(vec![Field::new("a", DataType::Int32, true)]);
        let batch = RecordBatch::try_new(
            Arc::new(schema.clone()),
            vec![Arc::new(Int32Array::from(vec![Some(1), None]))],
        )
        .expect("test");
        let always = Arc::new(datafusion_physical_expr::expressions::Literal::new(
            datafusion_common::ScalarValue::Boolean(Some(true)),
        ));
        let e = IfThenExpr::case(
            vec![(always, col("a", &schema).expect("test"))],
            failing(&schema),
            DataType::Int32,
        );
        let out = e
            .evaluate(&batch)
            .expect("test")
            .into_array(2)
            .expect("test");
        assert_eq!(
            out.as_primitive::<arrow::datatypes::Int32Type>().value(0),
            1
        );
    }
}
