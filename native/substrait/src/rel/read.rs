//! `ReadRel` of the named table `calc_input`: provides the input row type.

use substrait::proto::ReadRel;
use substrait::proto::read_rel::ReadType;

use crate::types::from_named_struct;
use ember_common::{EmberError, Result};
use ember_kernels::types::FlinkType;

/// The input columns (name, Flink type) of the Calc.
pub fn consume(read: &ReadRel) -> Result<Vec<(String, FlinkType)>> {
    match &read.read_type {
        Some(ReadType::NamedTable(_)) => {}
        _ => {
            return Err(EmberError::Unsupported(
                "only a named-table ReadRel is supported natively".into(),
            ));
        }
    }
    if read.filter.is_some() || read.best_effort_filter.is_some() || read.projection.is_some() {
        return Err(EmberError::Unsupported(
            "ReadRel with filter or projection is not supported natively".into(),
        ));
    }
    let schema = read
        .base_schema
        .as_ref()
        .ok_or_else(|| EmberError::Plan("ReadRel without base_schema".into()))?;
    from_named_struct(schema)
}
