//! Lazy multi-branch conditional: CASE.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, new_null_array};
use arrow::compute::and_not;
use arrow::compute::kernels::boolean::and;
use arrow::compute::kernels::interleave::interleave;
use arrow::datatypes::{DataType, Schema};
use arrow::record_batch::RecordBatch;
use datafusion_common::{DataFusionError, Result as DfResult};
use datafusion_expr::ColumnarValue;
use datafusion_physical_expr::PhysicalExpr;

use crate::selection::{Narrowed, all_rows, is_true};

/// `CASE WHEN c1 THEN v1 ... ELSE e END` evaluated lazily. A branch is taken where its BOOLEAN condition
/// is TRUE (NULL counts as not taken).
#[derive(Debug)]
pub struct IfThenExpr {
    branches: Vec<(Arc<dyn PhysicalExpr>, Arc<dyn PhysicalExpr>)>,
    otherwise: Arc<dyn PhysicalExpr>,
    data_type: DataType,
    /// The same expressions, reading only their own columns (see [`Narrowed`]).
    narrowed: Vec<(Narrowed, Narrowed)>,
    narrowed_otherwise: Narrowed,
}

impl Eq for IfThenExpr {}

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
    ) -> DfResult<Self> {
        let narrowed = branches
            .iter()
            .map(|(c, v)| Ok((Narrowed::new(c)?, Narrowed::new(v)?)))
            .collect::<DfResult<_>>()?;
        Ok(IfThenExpr {
            narrowed_otherwise: Narrowed::new(&otherwise)?,
            narrowed,
            branches,
            otherwise,
            data_type,
        })
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

/// A branch's values: an array of the batch's length, or a scalar as a one-row array.
fn values(v: ColumnarValue) -> DfResult<(ArrayRef, bool)> {
    Ok(match v {
        ColumnarValue::Array(a) => (a, false),
        ColumnarValue::Scalar(s) => (s.to_array_of_size(1)?, true),
    })
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
        let mut remaining = all_rows(n);
        // Per row, the (values, index) it takes its result from: one `interleave` builds the output.
        let mut sources: Vec<ArrayRef> = Vec::with_capacity(self.narrowed.len() + 1);
        let mut pick: Vec<(usize, usize)> = vec![(0, 0); n];
        for (c, value) in &self.narrowed {
            if remaining.true_count() == 0 {
                break;
            }
            let cond = c.evaluate(batch, Some(&remaining))?.into_array(n)?;
            let cond = cond.as_boolean_opt().ok_or_else(|| {
                DataFusionError::Internal("CASE condition must be BOOLEAN".into())
            })?;
            let taken = and(&remaining, &is_true(cond))?;
            if taken.true_count() == 0 {
                continue;
            }
            let (array, scalar) = values(value.evaluate(batch, Some(&taken))?)?;
            let source = sources.len();
            for i in taken.values().set_indices() {
                pick[i] = (source, if scalar { 0 } else { i });
            }
            sources.push(array);
            remaining = and_not(&remaining, &taken)?;
        }
        // Rows no branch took read ELSE, the last source.
        let otherwise = if remaining.true_count() > 0 {
            let (array, scalar) =
                values(self.narrowed_otherwise.evaluate(batch, Some(&remaining))?)?;
            if scalar {
                for i in remaining.values().set_indices() {
                    pick[i] = (sources.len(), 0);
                }
            } else {
                for i in remaining.values().set_indices() {
                    pick[i] = (sources.len(), i);
                }
            }
            array
        } else {
            new_null_array(&self.data_type, 1)
        };
        sources.push(otherwise);
        if let [only] = sources.as_slice()
            && only.len() == n
        {
            return Ok(ColumnarValue::Array(Arc::clone(only)));
        }
        let refs: Vec<&dyn Array> = sources.iter().map(|a| a.as_ref()).collect();
        Ok(ColumnarValue::Array(interleave(&refs, &pick)?))
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
        Ok(Arc::new(IfThenExpr::case(
            branches,
            otherwise,
            self.data_type.clone(),
        )?))
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
        )
        .expect("test");
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
