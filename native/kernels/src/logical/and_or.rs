//! Lazy three-valued AND / OR over any number of operands.

use std::fmt;
use std::hash::Hash;
use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray, BooleanArray};
use arrow::compute::kernels::boolean::{and_kleene, not, or_kleene};
use arrow::datatypes::{DataType, Schema};
use arrow::record_batch::RecordBatch;
use datafusion_common::{DataFusionError, Result as DfResult};
use datafusion_expr::ColumnarValue;
use datafusion_physical_expr::PhysicalExpr;

use crate::selection::{Narrowed, is_true};

/// `a AND b AND ...` (or OR) evaluating each operand only on rows whose result is still open.
#[derive(Debug)]
pub struct AndOrExpr {
    is_and: bool,
    operands: Vec<Arc<dyn PhysicalExpr>>,
    /// The operands reading only their own columns (see [`Narrowed`]).
    narrowed: Vec<Narrowed>,
}

impl PartialEq for AndOrExpr {
    fn eq(&self, other: &Self) -> bool {
        self.is_and == other.is_and && self.operands == other.operands
    }
}

impl Eq for AndOrExpr {}

impl Hash for AndOrExpr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.is_and.hash(state);
        self.operands.hash(state);
    }
}

impl AndOrExpr {
    /// AND when `is_and`, else OR.
    pub fn new(is_and: bool, operands: Vec<Arc<dyn PhysicalExpr>>) -> DfResult<Self> {
        let narrowed = operands
            .iter()
            .map(Narrowed::new)
            .collect::<DfResult<_>>()?;
        Ok(AndOrExpr {
            is_and,
            operands,
            narrowed,
        })
    }
}

impl fmt::Display for AndOrExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = if self.is_and { " AND " } else { " OR " };
        let parts: Vec<String> = self.operands.iter().map(|o| o.to_string()).collect();
        write!(f, "({})", parts.join(op))
    }
}

fn to_bool(v: ColumnarValue, n: usize) -> DfResult<BooleanArray> {
    let a = v.into_array(n)?;
    a.as_boolean_opt()
        .cloned()
        .ok_or_else(|| DataFusionError::Internal("boolean operand expected".into()))
}

impl PhysicalExpr for AndOrExpr {
    fn data_type(&self, _input_schema: &Schema) -> DfResult<DataType> {
        Ok(DataType::Boolean)
    }

    fn nullable(&self, input_schema: &Schema) -> DfResult<bool> {
        for o in &self.operands {
            if o.nullable(input_schema)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn evaluate(&self, batch: &RecordBatch) -> DfResult<ColumnarValue> {
        let n = batch.num_rows();
        let mut acc: Option<BooleanArray> = None;
        for o in &self.narrowed {
            let next = match &acc {
                None => to_bool(o.evaluate(batch, None)?, n)?,
                Some(cur) => {
                    // Rows still open: AND -> not FALSE (TRUE or NULL); OR -> not TRUE.
                    let decided = if self.is_and { not(cur)? } else { cur.clone() };
                    // decided is NULL where cur is NULL: those rows are open too.
                    let open = not(&is_true(&decided))?;
                    if open.true_count() == 0 {
                        break;
                    }
                    to_bool(o.evaluate(batch, Some(&open))?, n)?
                }
            };
            acc = Some(match acc {
                None => next,
                Some(cur) if self.is_and => and_kleene(&cur, &next)?,
                Some(cur) => or_kleene(&cur, &next)?,
            });
        }
        let out = acc.ok_or_else(|| DataFusionError::Internal("no operands".into()))?;
        Ok(ColumnarValue::Array(Arc::new(out) as ArrayRef))
    }

    fn children(&self) -> Vec<&Arc<dyn PhysicalExpr>> {
        self.operands.iter().collect()
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn PhysicalExpr>>,
    ) -> DfResult<Arc<dyn PhysicalExpr>> {
        Ok(Arc::new(AndOrExpr::new(self.is_and, children)?))
    }

    fn fmt_sql(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
