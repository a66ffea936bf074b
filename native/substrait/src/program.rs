//! [`CalcProgram`]: a compiled Calc (condition + projection) and its evaluation.

use std::sync::Arc;

use arrow::array::{Array, AsArray, BooleanArray};
use arrow::compute::{cast, filter_record_batch, prep_null_mask_filter};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::{RecordBatch, RecordBatchOptions};
use datafusion_physical_expr::PhysicalExpr;
use datafusion_physical_expr::expressions::Column;
use prost::Message;
use substrait::proto::Plan;
use substrait::proto::plan_rel::RelType as PlanRelType;
use substrait::proto::rel::RelType;

use crate::context::Context;
use crate::expr::field_ref::StructFieldExpr;
use crate::rel;
use ember_common::{EmberError, Result};

/// A Calc compiled once per operator instance; immutable, so `Send + Sync`.
#[derive(Debug)]
pub struct CalcProgram {
    input_schema: SchemaRef,
    output_schema: SchemaRef,
    condition: Option<Arc<dyn PhysicalExpr>>,
    projections: Vec<Arc<dyn PhysicalExpr>>,
}

/// Result of evaluating one batch.
#[derive(Debug)]
pub struct CalcOutput {
    /// Rows kept by the condition (`None` = all rows kept); never contains nulls.
    pub selection: Option<BooleanArray>,
    /// The projection of the kept rows only; schema == `output_schema`.
    pub batch: RecordBatch,
}

impl CalcProgram {
    /// Compiles a Substrait plan in protobuf binary form.
    pub fn try_new(plan_protobuf: &[u8]) -> Result<Self> {
        let plan = Plan::decode(plan_protobuf)
            .map_err(|e| EmberError::Plan(format!("cannot decode Substrait plan: {e}")))?;
        Self::from_plan(&plan)
    }

    /// Compiles a Substrait plan in protobuf JSON form (as in `substrait-plans/cases/*/plan.json`).
    pub fn from_json(plan_json: &str) -> Result<Self> {
        let plan: Plan = serde_json::from_str(plan_json)
            .map_err(|e| EmberError::Plan(format!("cannot parse Substrait JSON plan: {e}")))?;
        Self::from_plan(&plan)
    }

    /// Compiles a decoded plan.
    pub fn from_plan(plan: &Plan) -> Result<Self> {
        if plan.relations.len() != 1 {
            return Err(EmberError::Plan(format!(
                "expected exactly one relation, got {}",
                plan.relations.len()
            )));
        }
        let root = match &plan.relations[0].rel_type {
            Some(PlanRelType::Root(root)) => root,
            _ => return Err(EmberError::Plan("relation must be a RelRoot".into())),
        };
        let project = match root.input.as_ref().and_then(|r| r.rel_type.as_ref()) {
            Some(RelType::Project(p)) => p,
            _ => {
                return Err(EmberError::Unsupported(
                    "the root relation must be a ProjectRel".into(),
                ));
            }
        };
        let below = project
            .input
            .as_deref()
            .ok_or_else(|| EmberError::Plan("ProjectRel without input".into()))?;
        let (filter, read) = match &below.rel_type {
            Some(RelType::Filter(f)) => {
                let read = f
                    .input
                    .as_deref()
                    .ok_or_else(|| EmberError::Plan("FilterRel without input".into()))?;
                (Some(f.as_ref()), read)
            }
            _ => (None, below),
        };
        let read = match &read.rel_type {
            Some(RelType::Read(r)) => r,
            other => {
                return Err(EmberError::Unsupported(format!(
                    "relation {} is not supported natively",
                    rel_name(other)
                )));
            }
        };
        let mut ctx = Context::new(plan)?;
        let columns = rel::read::consume(read)?;
        ctx.input_types = columns.iter().map(|(_, t)| t.clone()).collect();
        let input_schema = Arc::new(Schema::new(
            columns
                .iter()
                .map(|(n, t)| top_field(n, t))
                .collect::<Vec<Field>>(),
        ));
        let condition = filter.map(|f| rel::filter::consume(f, &ctx)).transpose()?;
        let projections = rel::project::consume(project, &ctx)?;
        let names = top_level_names(&root.names, &projections)?;
        let output_schema = Arc::new(Schema::new(
            projections
                .iter()
                .zip(names)
                // Nullable whatever Flink's type says: Flink's Calc writes a NULL even into a NOT NULL column
                // (e.g. an overflowing CAST typed NOT NULL) and leaves it to the sink's NOT NULL enforcer.
                .map(|((_, t), n)| top_field(&n, t).with_nullable(true))
                .collect::<Vec<Field>>(),
        ));
        Ok(CalcProgram {
            input_schema,
            output_schema,
            condition,
            projections: projections.into_iter().map(|(e, _)| e).collect(),
        })
    }

    /// The Arrow schema of input batches (from `ReadRel.base_schema`).
    pub fn input_schema(&self) -> &SchemaRef {
        &self.input_schema
    }

    /// The Arrow schema of output batches (from `RelRoot.names` and the expression types).
    pub fn output_schema(&self) -> &SchemaRef {
        &self.output_schema
    }

    /// Makes every projection that copies a ROW input column unchanged (exactly `$i`) read that column as raw
    /// bytes instead: the `k`-th returned column `i` is expected as BINARY column `input_schema.len() + k` of the
    /// batches passed to [`CalcProgram::evaluate`] (see `RowDecoder::try_new_with_raw_rows`), and the output
    /// column becomes BINARY holding the same nested row bytes (encoded like a ROW: `offset << 32 | size`).
    /// Passing Nexmark's `person`, `auction` and `bid` through then costs a copy, not a decode and an encode.
    pub fn pass_rows_through_raw(&mut self) -> Vec<usize> {
        let inputs = self.input_schema.fields().len();
        let mut raw: Vec<usize> = Vec::new();
        let mut fields: Vec<Field> = self
            .output_schema
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        for (projection, field) in self.projections.iter_mut().zip(fields.iter_mut()) {
            let Some(column) = projection.downcast_ref::<Column>() else {
                continue;
            };
            let i = column.index();
            if !matches!(
                self.input_schema.fields().get(i).map(|f| f.data_type()),
                Some(DataType::Struct(_))
            ) {
                continue;
            }
            let k = raw.iter().position(|&r| r == i).unwrap_or_else(|| {
                raw.push(i);
                raw.len() - 1
            });
            *projection = Arc::new(Column::new(&format!("{}#raw", column.name()), inputs + k));
            *field = field.clone().with_data_type(DataType::Binary);
        }
        if !raw.is_empty() {
            self.output_schema = Arc::new(Schema::new(fields));
        }
        raw
    }

    /// Which input columns the condition or a projection reads (`true` at their index).
    pub fn referenced_columns(&self) -> Vec<bool> {
        let mut used = vec![false; self.input_schema.fields().len()];
        for path in self.referenced_paths() {
            if let Some(slot) = path.first().and_then(|&i| used.get_mut(i)) {
                *slot = true;
            }
        }
        used
    }

    /// The input fields the condition and the projections read, as paths: `[i]` is all of column `i`,
    /// `[i, j]` only nested field `j` of ROW column `i`, and so on. The row decoder reads nothing else:
    /// a Calc reading two fields of a wide (or nested) row never pays for decoding the rest.
    pub fn referenced_paths(&self) -> Vec<Vec<usize>> {
        fn collect(expr: &Arc<dyn PhysicalExpr>, out: &mut Vec<Vec<usize>>) {
            match field_path(expr) {
                Some(path) => out.push(path),
                None => expr.children().into_iter().for_each(|c| collect(c, out)),
            }
        }
        let mut paths = Vec::new();
        for expr in self.condition.iter().chain(self.projections.iter()) {
            collect(expr, &mut paths);
        }
        paths
    }

    /// Evaluates the Calc on one input batch.
    ///
    /// The condition runs first (NULL = not kept); the projection runs on the kept rows only.
    pub fn evaluate(&self, batch: &RecordBatch) -> Result<CalcOutput> {
        let n = batch.num_rows();
        let (selection, kept) = match &self.condition {
            None => (None, batch.clone()),
            Some(cond) => {
                let v = cond.evaluate(batch)?.into_array(n)?;
                let mask = v.as_boolean_opt().ok_or_else(|| {
                    EmberError::Execution("condition did not produce BOOLEAN".into())
                })?;
                let mask = if mask.null_count() > 0 {
                    prep_null_mask_filter(mask)
                } else {
                    mask.clone()
                };
                if mask.true_count() == n {
                    (None, batch.clone())
                } else {
                    let kept = filter_record_batch(batch, &mask)?;
                    (Some(mask), kept)
                }
            }
        };
        let rows = kept.num_rows();
        let mut columns = Vec::with_capacity(self.projections.len());
        for (p, field) in self.projections.iter().zip(self.output_schema.fields()) {
            let mut col = p.evaluate(&kept)?.into_array(rows)?;
            if col.data_type() != field.data_type() {
                // Only equivalent representations (e.g. Utf8View -> Utf8) may differ here.
                col = cast(&col, field.data_type())?;
            }
            columns.push(col);
        }
        let out = RecordBatch::try_new_with_options(
            Arc::clone(&self.output_schema),
            columns,
            &RecordBatchOptions::new().with_row_count(Some(rows)),
        )?;
        Ok(CalcOutput {
            selection,
            batch: out,
        })
    }
}

/// The path of a (possibly nested) field reference; `None` for any other expression.
fn field_path(expr: &Arc<dyn PhysicalExpr>) -> Option<Vec<usize>> {
    if let Some(column) = expr.downcast_ref::<Column>() {
        return Some(vec![column.index()]);
    }
    let field = expr.downcast_ref::<StructFieldExpr>()?;
    let mut path = field_path(field.parent())?;
    path.push(field.index());
    Some(path)
}

/// Metadata key of top-level fields holding the Flink type (e.g. `TIMESTAMP(0)`, `CHAR(3) NOT NULL`),
/// which Arrow types alone do not carry.
pub const FLINK_TYPE_METADATA_KEY: &str = "ember.flink_type";

fn top_field(name: &str, t: &ember_kernels::types::FlinkType) -> Field {
    let meta =
        std::collections::HashMap::from([(FLINK_TYPE_METADATA_KEY.to_string(), t.sql_name())]);
    t.to_field(name).with_metadata(meta)
}

fn rel_name(r: &Option<RelType>) -> String {
    match r {
        None => "<none>".into(),
        Some(r) => {
            let dbg = format!("{r:?}");
            dbg.split('(').next().unwrap_or("unknown").to_string()
        }
    }
}

/// Picks the top-level column names out of the depth-first flattened `RelRoot.names`.
fn top_level_names(
    names: &[String],
    projections: &[(Arc<dyn PhysicalExpr>, ember_kernels::types::FlinkType)],
) -> Result<Vec<String>> {
    fn count(t: &ember_kernels::types::FlinkType) -> usize {
        match &t.kind {
            ember_kernels::types::FlinkKind::Row(fields) => {
                1 + fields.iter().map(|(_, f)| count(f)).sum::<usize>()
            }
            _ => 1,
        }
    }
    let mut out = Vec::with_capacity(projections.len());
    let mut i = 0;
    for (_, t) in projections {
        let name = names.get(i).ok_or_else(|| {
            EmberError::Plan("RelRoot.names has fewer names than output columns".into())
        })?;
        out.push(name.clone());
        i += count(t);
    }
    if i != names.len() {
        return Err(EmberError::Plan(format!(
            "RelRoot.names has {} names, the output needs {i}",
            names.len()
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CalcProgram>();
    }
}
