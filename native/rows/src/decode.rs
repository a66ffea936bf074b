//! `BinaryRowData` rows -> Arrow columns.
//!
//! Decoding is column at a time: the rows are validated once (offsets in range, each row at least as
//! long as its fixed part), then every column runs one tight loop over all rows reading its slot at
//! `row_start + slot_offset`. Fixed-width columns collect straight into an exactly sized `Vec`
//! (moved into the Arrow buffer without copying); validity bitmaps are packed 64 rows at a time.
//! Variable-length data is range-checked against its own row, so a corrupt slot is an error, never
//! an out-of-bounds read.

use std::sync::Arc;

use arrow::array::new_null_array;
use arrow::array::{
    ArrayRef, BinaryArray, BooleanArray, Date32Array, Decimal128Array, Float32Array, Float64Array,
    Int8Array, Int16Array, Int32Array, Int64Array, StringArray, StructArray,
    TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow::datatypes::{ArrowNativeType, DataType, Field, FieldRef, Schema, SchemaRef};
use arrow::record_batch::{RecordBatch, RecordBatchOptions};

use crate::Projection;
use crate::error::{Result, arrow_invalid, invalid};
use crate::layout::{
    ABSENT, FieldPos, INLINE_MARK, Kind, MAX_INLINE, MAX_NANO_OF_MILLI, WIDE_DECIMAL_BYTES,
    fixed_part_size, kind_of, read_u64,
};

/// A row inside the input buffer: `start` is absolute, `len` bounds every access made through it.
/// `start == ABSENT` marks a nested row whose enclosing row or field is NULL.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    len: usize,
}

impl Span {
    const ABSENT: Span = Span {
        start: ABSENT,
        len: 0,
    };

    /// True if the row exists and field `pos` is NULL in it. Callers checked `len >= fixed part`.
    #[inline(always)]
    fn field_is_null(self, rows: &[u8], pos: FieldPos) -> bool {
        rows.get(self.start.wrapping_add(pos.null_byte))
            .is_some_and(|b| b & pos.null_mask != 0)
    }

    /// True if the row exists and field `pos` is not NULL.
    #[inline(always)]
    fn field_is_valid(self, rows: &[u8], pos: FieldPos) -> bool {
        self.start != ABSENT && !self.field_is_null(rows, pos)
    }

    /// The `len` bytes at `offset` (relative to the row start) of the variable-length part.
    #[inline]
    fn var_bytes(self, rows: &[u8], offset: usize, len: usize) -> Result<&[u8]> {
        match offset.checked_add(len) {
            Some(end) if end <= self.len => rows
                .get(self.start + offset..self.start + end)
                .ok_or_else(|| invalid("variable-length data outside the buffer")),
            _ => Err(invalid(format!(
                "variable-length data at {offset}+{len} outside its row of {} bytes",
                self.len
            ))),
        }
    }
}

/// Decodes one field (and, for nested rows, its children).
#[derive(Debug)]
struct ColumnDecoder {
    field: FieldRef,
    kind: Kind,
    pos: FieldPos,
    /// Nested rows: one decoder per nested field, `None` for a field that is not read (all NULL).
    children: Vec<Option<ColumnDecoder>>,
    /// Nested rows: the nested row of each parent row (reused across batches).
    child_spans: Vec<Span>,
    /// Nested rows: fixed-part size of the nested row.
    child_fixed: usize,
    /// Strings/binaries: bytes of the previous batch, to size the next values buffer in one go.
    values_hint: usize,
}

impl ColumnDecoder {
    /// A decoder for the part `projection` (not `Skip`) of `field`, with the field as decoded: a nested field
    /// that is not read becomes nullable, as its all-NULL column requires.
    fn try_new(
        field: &FieldRef,
        projection: &Projection,
        arity: usize,
        index: usize,
    ) -> Result<Self> {
        let mut kind = kind_of(field)?;
        let mut field = Arc::clone(field);
        let (children, child_fixed) = match &mut kind {
            Kind::Struct(fields) => {
                let children = fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| match projection.child(i) {
                        Projection::Skip => {
                            kind_of(f)?; // still reject types outside the type table
                            Ok(None)
                        }
                        p => ColumnDecoder::try_new(f, p, fields.len(), i).map(Some),
                    })
                    .collect::<Result<Vec<_>>>()?;
                *fields = children
                    .iter()
                    .zip(fields.iter())
                    .map(|(c, f)| match c {
                        Some(c) => Arc::clone(&c.field),
                        None => Arc::new(f.as_ref().clone().with_nullable(true)),
                    })
                    .collect();
                field = Arc::new(
                    field
                        .as_ref()
                        .clone()
                        .with_data_type(DataType::Struct(fields.clone())),
                );
                (children, fixed_part_size(fields.len()))
            }
            _ => (Vec::new(), 0),
        };
        Ok(ColumnDecoder {
            field,
            kind,
            pos: FieldPos::new(arity, index),
            children,
            child_spans: Vec::new(),
            child_fixed,
            values_hint: 0,
        })
    }

    fn decode(&mut self, rows: &[u8], spans: &[Span]) -> Result<ArrayRef> {
        let pos = self.pos;
        let nulls = validity(rows, spans, pos);
        let array: ArrayRef = match &self.kind {
            Kind::Boolean => {
                let values = BooleanBuffer::collect_bool(spans.len(), |i| {
                    let s = spans[i];
                    s.start != ABSENT && rows.get(s.start + pos.slot).is_some_and(|b| *b != 0)
                });
                // Both buffers have one entry per span, so `new` cannot panic.
                Arc::new(BooleanArray::new(values, nulls))
            }
            Kind::Int8 => Arc::new(
                Int8Array::try_new(fixed(rows, spans, pos, |w| w as i8), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::Int16 => Arc::new(
                Int16Array::try_new(fixed(rows, spans, pos, |w| w as i16), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::Int32 => Arc::new(
                Int32Array::try_new(fixed(rows, spans, pos, |w| w as i32), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::Date32 => Arc::new(
                Date32Array::try_new(fixed(rows, spans, pos, |w| w as i32), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::Int64 => Arc::new(
                Int64Array::try_new(fixed(rows, spans, pos, |w| w as i64), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::Float32 => Arc::new(
                Float32Array::try_new(fixed(rows, spans, pos, |w| f32::from_bits(w as u32)), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::Float64 => Arc::new(
                Float64Array::try_new(fixed(rows, spans, pos, f64::from_bits), nulls)
                    .map_err(arrow_invalid)?,
            ),
            Kind::DecimalCompact => {
                let values = fixed(rows, spans, pos, |w| i128::from(w as i64));
                Arc::new(
                    Decimal128Array::try_new(values, nulls)
                        .map_err(arrow_invalid)?
                        .with_data_type(self.field.data_type().clone()),
                )
            }
            Kind::DecimalWide => {
                let values = wide_decimals(rows, spans, pos)?;
                Arc::new(
                    Decimal128Array::try_new(values, nulls)
                        .map_err(arrow_invalid)?
                        .with_data_type(self.field.data_type().clone()),
                )
            }
            Kind::TimestampMillis => {
                let values = fixed(rows, spans, pos, |w| w as i64);
                Arc::new(
                    TimestampMillisecondArray::try_new(values, nulls)
                        .map_err(arrow_invalid)?
                        .with_data_type(self.field.data_type().clone()),
                )
            }
            Kind::TimestampMicros => {
                let values = micros(rows, spans, pos)?;
                Arc::new(
                    TimestampMicrosecondArray::try_new(values, nulls)
                        .map_err(arrow_invalid)?
                        .with_data_type(self.field.data_type().clone()),
                )
            }
            Kind::Utf8 => {
                let (offsets, values) = byte_values(rows, spans, pos, &mut self.values_hint)?;
                // try_new validates UTF-8 of the whole buffer and that every offset is on a char
                // boundary (one pass, vectorised by std).
                Arc::new(StringArray::try_new(offsets, values, nulls).map_err(arrow_invalid)?)
            }
            Kind::Binary => {
                let (offsets, values) = byte_values(rows, spans, pos, &mut self.values_hint)?;
                Arc::new(BinaryArray::try_new(offsets, values, nulls).map_err(arrow_invalid)?)
            }
            Kind::Struct(fields) => {
                let child_fixed = self.child_fixed;
                self.child_spans.clear();
                self.child_spans.reserve(spans.len());
                for &s in spans {
                    if !s.field_is_valid(rows, pos) {
                        self.child_spans.push(Span::ABSENT);
                        continue;
                    }
                    let slot = read_u64(rows, s.start + pos.slot);
                    let (offset, size) = ((slot >> 32) as usize, slot as u32 as usize);
                    if size < child_fixed {
                        return Err(invalid(format!(
                            "nested row of {size} bytes shorter than its fixed part ({child_fixed})"
                        )));
                    }
                    s.var_bytes(rows, offset, size)?;
                    self.child_spans.push(Span {
                        start: s.start + offset,
                        len: size,
                    });
                }
                let child_spans = &self.child_spans;
                let columns = self
                    .children
                    .iter_mut()
                    .zip(fields.iter())
                    .map(|(c, f)| match c {
                        Some(c) => c.decode(rows, child_spans),
                        None => Ok(new_null_array(f.data_type(), child_spans.len())),
                    })
                    .collect::<Result<Vec<_>>>()?;
                Arc::new(
                    StructArray::try_new(fields.clone(), columns, nulls).map_err(arrow_invalid)?,
                )
            }
        };
        Ok(array)
    }
}

/// Validity of field `pos` over all rows (absent rows are NULL); `None` when nothing is NULL.
fn validity(rows: &[u8], spans: &[Span], pos: FieldPos) -> Option<NullBuffer> {
    let valid = BooleanBuffer::collect_bool(spans.len(), |i| spans[i].field_is_valid(rows, pos));
    let nulls = NullBuffer::new(valid);
    (nulls.null_count() > 0).then_some(nulls)
}

/// Reads each row's slot as a little-endian u64 and converts it; absent rows get the default.
/// Slots of NULL fields are read too (they hold 0 or a reserved offset): branch-free and harmless,
/// Arrow ignores values under NULLs.
#[inline(always)]
fn fixed<T: ArrowNativeType>(
    rows: &[u8],
    spans: &[Span],
    pos: FieldPos,
    convert: impl Fn(u64) -> T,
) -> ScalarBuffer<T> {
    let values: Vec<T> = spans
        .iter()
        .map(|s| {
            if s.start == ABSENT {
                T::default()
            } else {
                convert(read_u64(rows, s.start + pos.slot))
            }
        })
        .collect();
    values.into()
}

/// DECIMAL p > 18: `offset << 32 | len` pointing at the unscaled value as big-endian two's
/// complement (`BigInteger.toByteArray`, 1..=16 bytes, at the start of a 16-byte region).
fn wide_decimals(rows: &[u8], spans: &[Span], pos: FieldPos) -> Result<ScalarBuffer<i128>> {
    let mut values = Vec::with_capacity(spans.len());
    for &s in spans {
        if !s.field_is_valid(rows, pos) {
            values.push(0);
            continue;
        }
        let slot = read_u64(rows, s.start + pos.slot);
        let (offset, len) = ((slot >> 32) as usize, slot as u32 as usize);
        if len == 0 || len > WIDE_DECIMAL_BYTES {
            return Err(invalid(format!("decimal of {len} bytes (expected 1..=16)")));
        }
        let bytes = s.var_bytes(rows, offset, len)?;
        let fill = if bytes[0] & 0x80 != 0 { 0xff } else { 0 };
        let mut be = [fill; WIDE_DECIMAL_BYTES];
        be[WIDE_DECIMAL_BYTES - len..].copy_from_slice(bytes);
        values.push(i128::from_be_bytes(be));
    }
    Ok(values.into())
}

/// TIMESTAMP 3 < p <= 6: `offset << 32 | nanoOfMillisecond` in the slot, epoch millis at `offset`.
fn micros(rows: &[u8], spans: &[Span], pos: FieldPos) -> Result<ScalarBuffer<i64>> {
    let mut values = Vec::with_capacity(spans.len());
    for &s in spans {
        if !s.field_is_valid(rows, pos) {
            values.push(0);
            continue;
        }
        let slot = read_u64(rows, s.start + pos.slot);
        let (offset, nanos) = ((slot >> 32) as usize, slot as u32);
        if nanos > MAX_NANO_OF_MILLI {
            return Err(invalid(format!("nanoOfMillisecond {nanos} out of range")));
        }
        let bytes = s.var_bytes(rows, offset, 8)?;
        let millis = i64::from_le_bytes(bytes.try_into().map_err(|_| invalid("timestamp millis"))?);
        let us = millis
            .checked_mul(1000)
            .and_then(|us| us.checked_add(i64::from(nanos / 1000)))
            .ok_or_else(|| invalid(format!("timestamp {millis} ms overflows microseconds")))?;
        values.push(us);
    }
    Ok(values.into())
}

/// Strings/binaries: inline (mark bit, length in the highest byte, bytes from the slot's first byte
/// on little-endian) or `offset << 32 | len` into the row's variable part.
fn byte_values(
    rows: &[u8],
    spans: &[Span],
    pos: FieldPos,
    values_hint: &mut usize,
) -> Result<(OffsetBuffer<i32>, Buffer)> {
    let mut offsets: Vec<i32> = Vec::with_capacity(spans.len() + 1);
    let mut values: Vec<u8> = Vec::with_capacity(*values_hint);
    offsets.push(0);
    for &s in spans {
        if s.field_is_valid(rows, pos) {
            let slot_at = s.start + pos.slot;
            let slot = read_u64(rows, slot_at);
            let bytes = if slot & INLINE_MARK != 0 {
                let len = ((slot >> 56) & 0x7f) as usize;
                if len > MAX_INLINE {
                    return Err(invalid(format!("inline string of {len} bytes")));
                }
                rows.get(slot_at..slot_at + len)
                    .ok_or_else(|| invalid("inline string"))?
            } else {
                s.var_bytes(rows, (slot >> 32) as usize, slot as u32 as usize)?
            };
            values.extend_from_slice(bytes);
        }
        // Truncation is caught by the check below: offsets only grow, so if the final length fits
        // in an i32 every intermediate one did.
        offsets.push(values.len() as i32);
    }
    if i32::try_from(values.len()).is_err() {
        return Err(invalid("more than 2 GiB of string data in one column"));
    }
    *values_hint = values.len();
    Ok((OffsetBuffer::new(offsets.into()), Buffer::from_vec(values)))
}

/// Decodes `BinaryRowData` rows into an Arrow [`RecordBatch`] of a fixed schema (the Calc's input
/// schema, Arrow types from the contract's type table).
///
/// Reuses its scratch (row spans, RowKinds, nested-row spans) across calls; each batch allocates
/// only the Arrow buffers it returns, each sized once.
#[derive(Debug)]
pub struct RowDecoder {
    schema: SchemaRef,
    /// One decoder per column; `None` for a column that is not read (see `try_new_projected`).
    columns: Vec<Option<ColumnDecoder>>,
    fixed_size: usize,
    spans: Vec<Span>,
    row_kinds: Vec<u8>,
}

impl RowDecoder {
    /// Creates a decoder for rows of `schema`; `Unsupported` for types outside the type table.
    pub fn try_new(schema: SchemaRef) -> Result<Self> {
        let all = vec![Projection::All; schema.fields().len()];
        Self::try_new_projected(schema, &all)
    }

    /// Like [`RowDecoder::try_new`], but reads only `projection[i]` of column `i`: a skipped column or
    /// nested field comes out as an all-NULL array of its type (and is nullable in
    /// [`RowDecoder::schema`]). For a Calc that reads a few fields of a wide row or of a nested row.
    pub fn try_new_projected(schema: SchemaRef, projection: &[Projection]) -> Result<Self> {
        let arity = schema.fields().len();
        if projection.len() != arity {
            return Err(invalid(format!(
                "projection of {} entries for {arity} columns",
                projection.len()
            )));
        }
        let mut columns = Vec::with_capacity(arity);
        let mut fields = Vec::with_capacity(arity);
        for (i, (f, p)) in schema.fields().iter().zip(projection).enumerate() {
            if matches!(p, Projection::Skip) {
                kind_of(f)?; // still reject types outside the type table
                columns.push(None);
                fields.push(Arc::new(f.as_ref().clone().with_nullable(true)));
            } else {
                let column = ColumnDecoder::try_new(f, p, arity, i)?;
                fields.push(Arc::clone(&column.field));
                columns.push(Some(column));
            }
        }
        Ok(RowDecoder {
            fixed_size: fixed_part_size(arity),
            schema: Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())),
            columns,
            spans: Vec::new(),
            row_kinds: Vec::new(),
        })
    }

    /// Like [`RowDecoder::try_new_projected`], plus one BINARY column per entry of `raw`, appended after the
    /// schema's columns: the bytes of nested ROW column `raw[k]` as they are. A nested `BinaryRowData` is
    /// position-independent (its offsets are relative to its own start), so a Calc that passes a ROW column
    /// through unchanged copies these bytes instead of decoding the row into Arrow and encoding it back.
    pub fn try_new_with_raw_rows(
        schema: SchemaRef,
        projection: &[Projection],
        raw: &[usize],
    ) -> Result<Self> {
        let mut decoder = Self::try_new_projected(Arc::clone(&schema), projection)?;
        let arity = schema.fields().len();
        let mut fields: Vec<FieldRef> = decoder.schema.fields().iter().cloned().collect();
        for &i in raw {
            let row = schema
                .fields()
                .get(i)
                .filter(|f| matches!(f.data_type(), DataType::Struct(_)))
                .ok_or_else(|| invalid(format!("raw column {i} is not a ROW column")))?;
            let field = Arc::new(Field::new(
                format!("{}#raw", row.name()),
                DataType::Binary,
                true,
            ));
            decoder.columns.push(Some(ColumnDecoder {
                field: Arc::clone(&field),
                // A ROW slot is `offset << 32 | size` like a long BYTES value (a row is never inlined).
                kind: Kind::Binary,
                pos: FieldPos::new(arity, i),
                children: Vec::new(),
                child_spans: Vec::new(),
                child_fixed: 0,
                values_hint: 0,
            }));
            fields.push(field);
        }
        decoder.schema = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
        Ok(decoder)
    }

    /// The schema of the batches this decoder produces.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Decodes `offsets.len() - 1` rows: row `i` is `rows[offsets[i]..offsets[i + 1]]`.
    ///
    /// Returns the batch and the rows' RowKind bytes (0 `+I`, 1 `-U`, 2 `+U`, 3 `-D`), valid until
    /// the next call. Malformed input (offsets out of range or decreasing, rows shorter than their
    /// fixed part, slots pointing outside their row, invalid UTF-8, RowKind > 3, NULL in a
    /// non-nullable field) is an `InvalidData` error.
    pub fn decode(&mut self, rows: &[u8], offsets: &[i32]) -> Result<(RecordBatch, &[u8])> {
        let Some(n) = offsets.len().checked_sub(1) else {
            return Err(invalid("offsets must hold n + 1 entries"));
        };
        self.spans.clear();
        self.row_kinds.clear();
        self.spans.reserve(n);
        self.row_kinds.reserve(n);
        for (i, w) in offsets.windows(2).enumerate() {
            let (start, end) = (w[0], w[1]);
            if start < 0 || end < start || end as usize > rows.len() {
                return Err(invalid(format!(
                    "row {i}: offsets {start}..{end} outside the {} byte buffer",
                    rows.len()
                )));
            }
            let span = Span {
                start: start as usize,
                len: (end - start) as usize,
            };
            if span.len < self.fixed_size {
                return Err(invalid(format!(
                    "row {i}: {} bytes, shorter than the fixed part ({})",
                    span.len, self.fixed_size
                )));
            }
            // span.len >= fixed_size >= 8, so the header byte exists.
            let kind = rows[span.start];
            if kind > 3 {
                return Err(invalid(format!("row {i}: RowKind byte {kind}")));
            }
            self.spans.push(span);
            self.row_kinds.push(kind);
        }
        let spans = &self.spans;
        let columns = self
            .columns
            .iter_mut()
            .zip(self.schema.fields())
            .map(|(c, f)| match c {
                Some(c) => c.decode(rows, spans),
                None => Ok(new_null_array(f.data_type(), n)),
            })
            .collect::<Result<Vec<_>>>()?;
        let batch = RecordBatch::try_new_with_options(
            Arc::clone(&self.schema),
            columns,
            &RecordBatchOptions::new().with_row_count(Some(n)),
        )
        .map_err(arrow_invalid)?;
        Ok((batch, &self.row_kinds))
    }
}
