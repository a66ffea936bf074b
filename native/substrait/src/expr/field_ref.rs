//! Field references: `$i` and nested ROW field access `$i.f.g` (child struct_field per level).

use std::fmt;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, make_array};
use arrow::buffer::NullBuffer;
use arrow::datatypes::{DataType, Schema};
use arrow::record_batch::RecordBatch;
use datafusion_common::{DataFusionError, Result as DfResult};
use datafusion_expr::ColumnarValue;
use datafusion_physical_expr::PhysicalExpr;
use datafusion_physical_expr::expressions::Column;
use substrait::proto::expression::FieldReference;
use substrait::proto::expression::ReferenceSegment;
use substrait::proto::expression::field_reference::{ReferenceType, RootType};
use substrait::proto::expression::reference_segment;

use crate::context::Context;
use ember_common::{EmberError, Result};
use ember_kernels::types::{FlinkKind, FlinkType};

/// Compiles a direct struct-field reference rooted at the input row.
pub fn consume(r: &FieldReference, ctx: &Context) -> Result<(Arc<dyn PhysicalExpr>, FlinkType)> {
    if !matches!(r.root_type, Some(RootType::RootReference(_)) | None) {
        return Err(EmberError::Unsupported(
            "outer/expression-rooted field references are not supported natively".into(),
        ));
    }
    let seg = match &r.reference_type {
        Some(ReferenceType::DirectReference(seg)) => seg,
        _ => {
            return Err(EmberError::Unsupported(
                "masked field references are not supported natively".into(),
            ));
        }
    };
    let mut expr: Option<Arc<dyn PhysicalExpr>> = None;
    let mut ty: Option<FlinkType> = None;
    let mut cur: Option<&ReferenceSegment> = Some(seg);
    while let Some(s) = cur {
        let sf = match &s.reference_type {
            Some(reference_segment::ReferenceType::StructField(sf)) => sf,
            _ => {
                return Err(EmberError::Unsupported(
                    "list/map element references are not supported natively".into(),
                ));
            }
        };
        let idx = usize::try_from(sf.field)
            .map_err(|_| EmberError::Plan(format!("negative field index {}", sf.field)))?;
        match (&expr, &ty) {
            (None, _) => {
                let t = ctx
                    .input_types
                    .get(idx)
                    .ok_or_else(|| EmberError::Plan(format!("field {idx} out of range")))?;
                expr = Some(Arc::new(Column::new(&format!("f{idx}"), idx)));
                ty = Some(t.clone());
            }
            (Some(parent), Some(pt)) => {
                let FlinkKind::Row(fields) = &pt.kind else {
                    return Err(EmberError::Plan(format!(
                        "field access on non-ROW type {}",
                        pt.sql_name()
                    )));
                };
                let (_, ft) = fields
                    .get(idx)
                    .ok_or_else(|| EmberError::Plan(format!("nested field {idx} out of range")))?;
                // A field of a nullable row is NULL when the row is NULL.
                let t = FlinkType::new(ft.kind.clone(), ft.nullable || pt.nullable);
                expr = Some(Arc::new(StructFieldExpr {
                    parent: Arc::clone(parent),
                    index: idx,
                    data_type: t.to_arrow(),
                }));
                ty = Some(t);
            }
            _ => return Err(EmberError::Plan("bad field reference".into())),
        }
        cur = sf.child.as_deref();
    }
    match (expr, ty) {
        (Some(e), Some(t)) => Ok((e, t)),
        _ => Err(EmberError::Plan("empty field reference".into())),
    }
}

/// Field `index` of a struct-valued expression; NULL where the struct is NULL.
#[derive(Debug, Eq)]
pub struct StructFieldExpr {
    parent: Arc<dyn PhysicalExpr>,
    index: usize,
    data_type: DataType,
}

impl StructFieldExpr {
    /// The struct-valued expression whose field this is.
    pub fn parent(&self) -> &Arc<dyn PhysicalExpr> {
        &self.parent
    }

    /// Index of the field in the struct.
    pub fn index(&self) -> usize {
        self.index
    }
}

impl PartialEq for StructFieldExpr {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && self.data_type == other.data_type
            && self.parent.as_ref() == other.parent.as_ref()
    }
}

impl std::hash::Hash for StructFieldExpr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parent.hash(state);
        self.index.hash(state);
        self.data_type.hash(state);
    }
}

impl fmt::Display for StructFieldExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.parent, self.index)
    }
}

impl PhysicalExpr for StructFieldExpr {
    fn data_type(&self, _input_schema: &Schema) -> DfResult<DataType> {
        Ok(self.data_type.clone())
    }

    fn nullable(&self, _input_schema: &Schema) -> DfResult<bool> {
        Ok(true)
    }

    fn evaluate(&self, batch: &RecordBatch) -> DfResult<ColumnarValue> {
        let parent = self.parent.evaluate(batch)?.into_array(batch.num_rows())?;
        let st = parent
            .as_struct_opt()
            .ok_or_else(|| DataFusionError::Internal("field access on non-struct".into()))?;
        let child: &ArrayRef = st.column(self.index);
        let nulls = NullBuffer::union(st.nulls(), child.logical_nulls().as_ref());
        let data = child.to_data().into_builder().nulls(nulls).build()?;
        Ok(ColumnarValue::Array(make_array(data)))
    }

    fn children(&self) -> Vec<&Arc<dyn PhysicalExpr>> {
        vec![&self.parent]
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn PhysicalExpr>>,
    ) -> DfResult<Arc<dyn PhysicalExpr>> {
        let parent = children
            .into_iter()
            .next()
            .ok_or_else(|| DataFusionError::Internal("missing child".into()))?;
        Ok(Arc::new(StructFieldExpr {
            parent,
            index: self.index,
            data_type: self.data_type.clone(),
        }))
    }

    fn fmt_sql(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
