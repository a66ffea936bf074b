//! [`Projection`]: which parts of each input column the decoder reads.

use arrow::datatypes::{DataType, Schema};

use crate::error::{Result, invalid};

/// What [`crate::RowDecoder`] reads of one column (or of one field of a nested row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Projection {
    /// Not read: an all-NULL array of the field's type.
    Skip,
    /// Read completely.
    All,
    /// A ROW read only in part: one entry per nested field.
    Fields(Vec<Projection>),
}

impl Projection {
    /// Merges field paths into one projection per column of `schema`: `[i]` reads all of column `i`,
    /// `[i, j, ...]` only nested field `j` (and so on down) of ROW column `i`.
    pub fn from_paths(schema: &Schema, paths: &[Vec<usize>]) -> Result<Vec<Projection>> {
        let mut columns = vec![Projection::Skip; schema.fields().len()];
        for path in paths {
            let (&first, rest) = path
                .split_first()
                .ok_or_else(|| invalid("empty field path"))?;
            let (column, field) = columns
                .get_mut(first)
                .zip(schema.fields().get(first))
                .ok_or_else(|| invalid(format!("field path {path:?} outside the schema")))?;
            column.add(field.data_type(), rest)?;
        }
        Ok(columns)
    }

    fn add(&mut self, data_type: &DataType, rest: &[usize]) -> Result<()> {
        let Some((&first, rest)) = rest.split_first() else {
            *self = Projection::All;
            return Ok(());
        };
        let DataType::Struct(fields) = data_type else {
            return Err(invalid(format!("field path into non-ROW type {data_type}")));
        };
        if *self == Projection::Skip {
            *self = Projection::Fields(vec![Projection::Skip; fields.len()]);
        }
        match self {
            Projection::Fields(children) => {
                let (child, field) = children
                    .get_mut(first)
                    .zip(fields.get(first))
                    .ok_or_else(|| invalid(format!("nested field {first} outside the ROW")))?;
                child.add(field.data_type(), rest)
            }
            // Already read completely.
            _ => Ok(()),
        }
    }

    /// The projection of nested field `i` (everything for `All`).
    pub(crate) fn child(&self, i: usize) -> &Projection {
        match self {
            Projection::Fields(children) => children.get(i).unwrap_or(&Projection::Skip),
            _ => &Projection::All,
        }
    }
}
