//! Evaluating an expression on some rows only, for the lazy operators (CASE, AND, OR).
//!
//! DataFusion's `evaluate_selection` filters *every* column of the batch before evaluating. A Calc's input
//! is often wide (a Nexmark bid carries three string columns) while a CASE branch reads one INT column, so a
//! six-branch CASE filtered the strings twelve times per batch. [`Narrowed`] remembers which columns its
//! expression reads and filters only those.

use std::sync::Arc;

use arrow::array::{Array, BooleanArray};
use arrow::buffer::BooleanBuffer;
use arrow::record_batch::{RecordBatch, RecordBatchOptions};
use datafusion_common::Result as DfResult;
use datafusion_common::tree_node::{Transformed, TreeNode};
use datafusion_expr::ColumnarValue;
use datafusion_physical_expr::PhysicalExpr;
use datafusion_physical_expr::expressions::Column;
use datafusion_physical_expr::utils::collect_columns;

/// An expression rewritten to read a batch projected to the columns it references.
#[derive(Debug)]
pub struct Narrowed {
    /// The expression with column indices into the projected batch.
    expr: Arc<dyn PhysicalExpr>,
    /// Indices of the referenced columns in the full batch, ascending.
    columns: Vec<usize>,
}

impl Narrowed {
    /// Rewrites `expr`'s column references to positions in the projection of the columns it reads.
    pub fn new(expr: &Arc<dyn PhysicalExpr>) -> DfResult<Self> {
        let mut columns: Vec<usize> = collect_columns(expr).iter().map(Column::index).collect();
        columns.sort_unstable();
        columns.dedup();
        let narrowed = Arc::clone(expr)
            .transform(|e| {
                Ok(match e.downcast_ref::<Column>() {
                    Some(c) => {
                        let at = columns.binary_search(&c.index()).unwrap_or_default();
                        Transformed::yes(
                            Arc::new(Column::new(c.name(), at)) as Arc<dyn PhysicalExpr>
                        )
                    }
                    None => Transformed::no(e),
                })
            })?
            .data;
        Ok(Narrowed {
            expr: narrowed,
            columns,
        })
    }

    /// Evaluates on the rows where `rows` is set (all rows when `rows` is `None`); the result has the
    /// batch's length, NULL (or unspecified) on unselected rows, or is a scalar.
    pub fn evaluate(
        &self,
        batch: &RecordBatch,
        rows: Option<&BooleanArray>,
    ) -> DfResult<ColumnarValue> {
        let projected = RecordBatch::try_new_with_options(
            Arc::new(batch.schema().project(&self.columns)?),
            self.columns
                .iter()
                .map(|&i| Arc::clone(batch.column(i)))
                .collect(),
            &RecordBatchOptions::new().with_row_count(Some(batch.num_rows())),
        )?;
        match rows {
            Some(rows) if rows.true_count() < batch.num_rows() => {
                self.expr.evaluate_selection(&projected, rows)
            }
            _ => self.expr.evaluate(&projected),
        }
    }
}

/// A selection of all `n` rows.
pub fn all_rows(n: usize) -> BooleanArray {
    BooleanArray::new(BooleanBuffer::new_set(n), None)
}

/// The rows where `b` is TRUE (NULL counts as not TRUE), as a selection without nulls.
pub fn is_true(b: &BooleanArray) -> BooleanArray {
    match b.nulls() {
        Some(nulls) if nulls.null_count() > 0 => {
            BooleanArray::new(b.values() & nulls.inner(), None)
        }
        _ => BooleanArray::new(b.values().clone(), None),
    }
}
