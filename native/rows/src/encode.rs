//! Arrow columns -> `BinaryRowData` rows, byte-identical to Flink's `BinaryRowWriter`.
//!
//! Two column-at-a-time passes:
//! 1. sizes: every row starts at its fixed-part size; each variable-length column adds its padded
//!    contribution per row (nested rows recurse). The prefix sum gives the row offsets and the total,
//!    so a too small output buffer is reported before a single byte is written.
//! 2. write: each row's header word(s) are zeroed and the RowKind stored; then every column writes
//!    its full 8-byte slot per row (unused high bytes are 0, as in a fresh `BinaryRowWriter`) and
//!    appends variable-length data at the row's cursor. Columns run in field order, so each row's
//!    variable part has Flink's order (field 0's data first).
//!
//! NULL fields: the null bit is set and the slot is 0 (`BinaryRowWriter.setNullAt`), except that at
//! the top level a NULL DECIMAL p > 18 / TIMESTAMP p > 3 still reserves its 16 / 8 zero bytes with
//! `offset << 32` in the slot, as Flink's generated writer code does (`writeDecimal(pos, null, p)`,
//! `writeTimestamp(pos, null, p)`; keeps `BinaryRowData.setDecimal` / `setTimestamp` usable in place).
//! Nested rows follow `RowDataSerializer.toBinaryRow`, which uses `setNullAt` for every NULL field and
//! RowKind 0 (`+I`) in the nested header.

use arrow::array::{Array, ArrowPrimitiveType, AsArray, RecordBatch};
use arrow::datatypes::{
    Date32Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, SchemaRef, TimestampMicrosecondType, TimestampMillisecondType,
};

use crate::error::{Result, invalid};
use crate::layout::{
    ABSENT, FieldPos, INLINE_MARK, Kind, MAX_INLINE, WIDE_DECIMAL_BYTES, WIDE_TIMESTAMP_BYTES,
    fixed_part_size, kind_of, null_bits_width, round_to_word,
};

/// Outcome of [`RowEncoder::encode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoded {
    /// All rows were written; the value is the number of rows.
    Rows(usize),
    /// The output buffer is too small and nothing was written; the value is the exact number of
    /// bytes the rows need.
    NeedBytes(usize),
}

/// Encodes one field (and, for nested rows, its children).
#[derive(Debug)]
struct ColumnEncoder {
    name: String,
    kind: Kind,
    pos: FieldPos,
    /// Reserve variable-part space for NULL wide decimals/timestamps (top level only, see module doc).
    reserve_nulls: bool,
    children: Vec<ColumnEncoder>,
    child_fixed: usize,
    child_null_width: usize,
    /// Nested rows, per parent row: size of the nested row (from the size pass).
    child_sizes: Vec<usize>,
    /// Nested rows, per parent row: absolute start of the nested row, `ABSENT` if it is NULL.
    child_starts: Vec<usize>,
    /// Nested rows, per parent row: where the nested row's next variable-length value goes.
    child_cursors: Vec<usize>,
}

impl ColumnEncoder {
    fn try_new(
        field: &arrow::datatypes::Field,
        arity: usize,
        index: usize,
        top: bool,
    ) -> Result<Self> {
        let kind = kind_of(field)?;
        let (children, nested_arity) = match &kind {
            Kind::Struct(fields) => (
                fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| ColumnEncoder::try_new(f, fields.len(), i, false))
                    .collect::<Result<Vec<_>>>()?,
                fields.len(),
            ),
            _ => (Vec::new(), 0),
        };
        Ok(ColumnEncoder {
            name: field.name().clone(),
            kind,
            pos: FieldPos::new(arity, index),
            reserve_nulls: top,
            children,
            child_fixed: fixed_part_size(nested_arity),
            child_null_width: null_bits_width(nested_arity),
            child_sizes: Vec::new(),
            child_starts: Vec::new(),
            child_cursors: Vec::new(),
        })
    }

    fn mismatch(&self, array: &dyn Array) -> crate::error::EmberError {
        invalid(format!(
            "column `{}`: array of type {} does not match the encoder's schema ({:?})",
            self.name,
            array.data_type(),
            self.kind
        ))
    }

    /// Size pass: adds this field's variable-part bytes of each row to `sizes`.
    fn add_sizes(&mut self, array: &dyn Array, sizes: &mut [usize]) -> Result<()> {
        if array.len() != sizes.len() {
            return Err(invalid(format!(
                "column `{}` has {} values for {} rows",
                self.name,
                array.len(),
                sizes.len()
            )));
        }
        let nulls = array.nulls();
        let valid = |i: usize| nulls.is_none_or(|n| n.is_valid(i));
        match &self.kind {
            Kind::Utf8 | Kind::Binary => {
                let offsets = match &self.kind {
                    Kind::Utf8 => array.as_string_opt::<i32>().map(|a| a.value_offsets()),
                    _ => array.as_binary_opt::<i32>().map(|a| a.value_offsets()),
                }
                .ok_or_else(|| self.mismatch(array))?;
                for (i, (size, w)) in sizes.iter_mut().zip(offsets.windows(2)).enumerate() {
                    let len = (w[1] - w[0]) as usize;
                    if len > MAX_INLINE && valid(i) {
                        *size += round_to_word(len);
                    }
                }
            }
            Kind::DecimalWide | Kind::TimestampMicros => {
                let bytes = if matches!(self.kind, Kind::DecimalWide) {
                    WIDE_DECIMAL_BYTES
                } else {
                    WIDE_TIMESTAMP_BYTES
                };
                if self.reserve_nulls {
                    sizes.iter_mut().for_each(|s| *s += bytes);
                } else {
                    for (i, size) in sizes.iter_mut().enumerate() {
                        if valid(i) {
                            *size += bytes;
                        }
                    }
                }
            }
            Kind::Struct(_) => {
                let array = array.as_struct_opt().ok_or_else(|| self.mismatch(array))?;
                if array.num_columns() != self.children.len() {
                    return Err(self.mismatch(array));
                }
                self.child_sizes.clear();
                self.child_sizes.resize(sizes.len(), self.child_fixed);
                for (child, column) in self.children.iter_mut().zip(array.columns()) {
                    child.add_sizes(column.as_ref(), &mut self.child_sizes)?;
                }
                // Nested sizes are multiples of 8 already (fixed part and every region are).
                for (i, (size, nested)) in sizes.iter_mut().zip(&self.child_sizes).enumerate() {
                    if valid(i) {
                        *size += nested;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Write pass: writes this field of every present row (`starts[i] != ABSENT`); variable-length
    /// data goes to `cursors[i]`, which is advanced.
    fn write(
        &mut self,
        array: &dyn Array,
        out: &mut [u8],
        starts: &[usize],
        cursors: &mut [usize],
    ) -> Result<()> {
        let pos = self.pos;
        match &self.kind {
            Kind::Boolean => {
                let a = array.as_boolean_opt().ok_or_else(|| self.mismatch(array))?;
                let values = a.values();
                let nulls = a.nulls();
                for (i, &start) in starts.iter().enumerate() {
                    if start == ABSENT {
                        continue;
                    }
                    let slot = if nulls.is_none_or(|n| n.is_valid(i)) {
                        u64::from(values.value(i))
                    } else {
                        set_null(out, start, pos)?;
                        0
                    };
                    put_u64(out, start + pos.slot, slot)?;
                }
                Ok(())
            }
            Kind::Int8 => self.write_fixed::<Int8Type>(array, out, starts, |v| Ok(v as u8 as u64)),
            Kind::Int16 => {
                self.write_fixed::<Int16Type>(array, out, starts, |v| Ok(v as u16 as u64))
            }
            Kind::Int32 => {
                self.write_fixed::<Int32Type>(array, out, starts, |v| Ok(v as u32 as u64))
            }
            Kind::Date32 => {
                self.write_fixed::<Date32Type>(array, out, starts, |v| Ok(v as u32 as u64))
            }
            Kind::Int64 => self.write_fixed::<Int64Type>(array, out, starts, |v| Ok(v as u64)),
            Kind::Float32 => {
                self.write_fixed::<Float32Type>(array, out, starts, |v| Ok(u64::from(v.to_bits())))
            }
            Kind::Float64 => {
                self.write_fixed::<Float64Type>(array, out, starts, |v| Ok(v.to_bits()))
            }
            Kind::TimestampMillis => {
                self.write_fixed::<TimestampMillisecondType>(array, out, starts, |v| Ok(v as u64))
            }
            Kind::DecimalCompact => self.write_fixed::<Decimal128Type>(array, out, starts, |v| {
                i64::try_from(v).map(|v| v as u64).map_err(|_| {
                    invalid(format!(
                        "unscaled decimal {v} does not fit DECIMAL(p <= 18)"
                    ))
                })
            }),
            Kind::DecimalWide => {
                let a = array
                    .as_primitive_opt::<Decimal128Type>()
                    .ok_or_else(|| self.mismatch(array))?;
                self.write_wide(a, out, starts, cursors, WIDE_DECIMAL_BYTES, |v, region| {
                    // BigInteger.toByteArray(): minimal big-endian two's complement (sign bit
                    // included), 1..=16 bytes, written at the start of the zeroed 16-byte region.
                    let magnitude_bits = 128
                        - if v < 0 {
                            (!v).leading_zeros()
                        } else {
                            v.leading_zeros()
                        };
                    let len = magnitude_bits as usize / 8 + 1;
                    region[..len].copy_from_slice(&v.to_be_bytes()[WIDE_DECIMAL_BYTES - len..]);
                    len as u64
                })
            }
            Kind::TimestampMicros => {
                let a = array
                    .as_primitive_opt::<TimestampMicrosecondType>()
                    .ok_or_else(|| self.mismatch(array))?;
                self.write_wide(
                    a,
                    out,
                    starts,
                    cursors,
                    WIDE_TIMESTAMP_BYTES,
                    |us, region| {
                        // TimestampData: floor millis + nano-of-milli in 0..=999_999 (pre-1970 too).
                        region.copy_from_slice(&us.div_euclid(1000).to_le_bytes());
                        (us.rem_euclid(1000) * 1000) as u64
                    },
                )
            }
            Kind::Utf8 => {
                let a = array
                    .as_string_opt::<i32>()
                    .ok_or_else(|| self.mismatch(array))?;
                write_bytes(
                    a.value_offsets(),
                    a.value_data(),
                    a.nulls(),
                    out,
                    starts,
                    cursors,
                    pos,
                )
            }
            Kind::Binary => {
                let a = array
                    .as_binary_opt::<i32>()
                    .ok_or_else(|| self.mismatch(array))?;
                write_bytes(
                    a.value_offsets(),
                    a.value_data(),
                    a.nulls(),
                    out,
                    starts,
                    cursors,
                    pos,
                )
            }
            Kind::Struct(_) => {
                let a = array.as_struct_opt().ok_or_else(|| self.mismatch(array))?;
                let nulls = a.nulls();
                self.child_starts.clear();
                self.child_cursors.clear();
                for (i, &start) in starts.iter().enumerate() {
                    if start == ABSENT {
                        self.child_starts.push(ABSENT);
                        self.child_cursors.push(0);
                        continue;
                    }
                    if !nulls.is_none_or(|n| n.is_valid(i)) {
                        set_null(out, start, pos)?;
                        put_u64(out, start + pos.slot, 0)?;
                        self.child_starts.push(ABSENT);
                        self.child_cursors.push(0);
                        continue;
                    }
                    let size = self
                        .child_sizes
                        .get(i)
                        .copied()
                        .ok_or_else(|| invalid("internal: nested size"))?;
                    let at = cursors[i];
                    // Header of the nested row: RowKind 0 and no NULLs yet.
                    out.get_mut(at..at + self.child_null_width)
                        .ok_or_else(|| invalid("internal: nested row outside the output"))?
                        .fill(0);
                    put_u64(
                        out,
                        start + pos.slot,
                        ((at - start) as u64) << 32 | size as u64,
                    )?;
                    self.child_starts.push(at);
                    self.child_cursors.push(at + self.child_fixed);
                    cursors[i] += size;
                }
                for (child, column) in self.children.iter_mut().zip(a.columns()) {
                    child.write(
                        column.as_ref(),
                        out,
                        &self.child_starts,
                        &mut self.child_cursors,
                    )?;
                }
                // Every nested row must have been filled exactly to the size the size pass computed.
                for (i, (&at, &end)) in self
                    .child_starts
                    .iter()
                    .zip(&self.child_cursors)
                    .enumerate()
                {
                    if at != ABSENT && self.child_sizes.get(i).is_none_or(|&size| at + size != end)
                    {
                        return Err(invalid("internal: nested row size mismatch"));
                    }
                }
                Ok(())
            }
        }
    }

    /// Fixed-width field: full 8-byte slot (value zero-extended, 0 for NULL).
    fn write_fixed<T: ArrowPrimitiveType>(
        &self,
        array: &dyn Array,
        out: &mut [u8],
        starts: &[usize],
        to_slot: impl Fn(T::Native) -> Result<u64>,
    ) -> Result<()> {
        let a = array
            .as_primitive_opt::<T>()
            .ok_or_else(|| self.mismatch(array))?;
        let pos = self.pos;
        let nulls = a.nulls();
        for (i, (&start, &v)) in starts.iter().zip(a.values().iter()).enumerate() {
            if start == ABSENT {
                continue;
            }
            let slot = if nulls.is_none_or(|n| n.is_valid(i)) {
                to_slot(v)?
            } else {
                set_null(out, start, pos)?;
                0
            };
            put_u64(out, start + pos.slot, slot)?;
        }
        Ok(())
    }

    /// DECIMAL p > 18 / TIMESTAMP p > 3: a `region_len` region at the cursor, filled by `fill`
    /// (which returns the low 32 bits of the slot); slot = `offset << 32 | low`.
    fn write_wide<T: ArrowPrimitiveType>(
        &self,
        a: &arrow::array::PrimitiveArray<T>,
        out: &mut [u8],
        starts: &[usize],
        cursors: &mut [usize],
        region_len: usize,
        fill: impl Fn(T::Native, &mut [u8]) -> u64,
    ) -> Result<()> {
        let pos = self.pos;
        let nulls = a.nulls();
        for (i, ((&start, cursor), &v)) in starts
            .iter()
            .zip(cursors.iter_mut())
            .zip(a.values().iter())
            .enumerate()
        {
            if start == ABSENT {
                continue;
            }
            let valid = nulls.is_none_or(|n| n.is_valid(i));
            if !valid {
                set_null(out, start, pos)?;
                if !self.reserve_nulls {
                    put_u64(out, start + pos.slot, 0)?;
                    continue;
                }
            }
            let at = *cursor;
            let region = out
                .get_mut(at..at + region_len)
                .ok_or_else(|| invalid("internal: variable part outside the output"))?;
            region.fill(0);
            let low = if valid { fill(v, region) } else { 0 };
            put_u64(out, start + pos.slot, ((at - start) as u64) << 32 | low)?;
            *cursor += region_len;
        }
        Ok(())
    }
}

/// Strings/binaries: <= 7 bytes inline (bytes from the slot's first byte, `0x80 | len` in its last
/// byte: Flink's `(0x80 | len) << 56 | bytes` stored little-endian), else the bytes at the cursor
/// padded with zeros to a word and `offset << 32 | len` in the slot.
fn write_bytes(
    offsets: &[i32],
    data: &[u8],
    nulls: Option<&arrow::buffer::NullBuffer>,
    out: &mut [u8],
    starts: &[usize],
    cursors: &mut [usize],
    pos: FieldPos,
) -> Result<()> {
    for (i, ((&start, cursor), w)) in starts
        .iter()
        .zip(cursors.iter_mut())
        .zip(offsets.windows(2))
        .enumerate()
    {
        if start == ABSENT {
            continue;
        }
        if !nulls.is_none_or(|n| n.is_valid(i)) {
            set_null(out, start, pos)?;
            put_u64(out, start + pos.slot, 0)?;
            continue;
        }
        let bytes = data
            .get(w[0] as usize..w[1] as usize)
            .ok_or_else(|| invalid("string offsets outside the values buffer"))?;
        let len = bytes.len();
        if len <= MAX_INLINE {
            let mut slot = [0u8; 8];
            slot[..len].copy_from_slice(bytes);
            slot[7] = (INLINE_MARK >> 56) as u8 | len as u8;
            put(out, start + pos.slot, &slot)?;
        } else {
            let at = *cursor;
            let padded = round_to_word(len);
            let region = out
                .get_mut(at..at + padded)
                .ok_or_else(|| invalid("internal: variable part outside the output"))?;
            // Zero the last word first (AbstractBinaryWriter.zeroOutPaddingBytes), then copy.
            region[padded - 8..].fill(0);
            region[..len].copy_from_slice(bytes);
            put_u64(
                out,
                start + pos.slot,
                ((at - start) as u64) << 32 | len as u64,
            )?;
            *cursor += padded;
        }
    }
    Ok(())
}

#[inline(always)]
fn put(out: &mut [u8], at: usize, bytes: &[u8]) -> Result<()> {
    match out.get_mut(at..at + bytes.len()) {
        Some(dst) => {
            dst.copy_from_slice(bytes);
            Ok(())
        }
        None => Err(invalid("internal: slot outside the output")),
    }
}

#[inline(always)]
fn put_u64(out: &mut [u8], at: usize, value: u64) -> Result<()> {
    put(out, at, &value.to_le_bytes())
}

#[inline(always)]
fn set_null(out: &mut [u8], start: usize, pos: FieldPos) -> Result<()> {
    match out.get_mut(start + pos.null_byte) {
        Some(b) => {
            *b |= pos.null_mask;
            Ok(())
        }
        None => Err(invalid("internal: null bit outside the output")),
    }
}

/// Encodes Arrow batches of a fixed schema (the Calc's output schema) as `BinaryRowData` rows,
/// byte-identical to what Flink's `BinaryRowWriter` (fresh, so unused slot bytes are 0) writes for
/// the same values.
///
/// Reuses its scratch (row sizes, starts, cursors, nested-row bookkeeping) across calls; encoding
/// allocates nothing once the scratch has grown to the batch size.
#[derive(Debug)]
pub struct RowEncoder {
    schema: SchemaRef,
    columns: Vec<ColumnEncoder>,
    fixed_size: usize,
    null_width: usize,
    sizes: Vec<usize>,
    starts: Vec<usize>,
    cursors: Vec<usize>,
}

impl RowEncoder {
    /// Creates an encoder for batches of `schema`; `Unsupported` for types outside the type table.
    pub fn try_new(schema: SchemaRef) -> Result<Self> {
        let arity = schema.fields().len();
        let columns = schema
            .fields()
            .iter()
            .enumerate()
            .map(|(i, f)| ColumnEncoder::try_new(f, arity, i, true))
            .collect::<Result<Vec<_>>>()?;
        Ok(RowEncoder {
            fixed_size: fixed_part_size(arity),
            null_width: null_bits_width(arity),
            schema,
            columns,
            sizes: Vec::new(),
            starts: Vec::new(),
            cursors: Vec::new(),
        })
    }

    /// The schema this encoder expects.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Writes `batch.num_rows()` rows back to back into `out` (row `i`'s byte 0 = `row_kinds[i]`)
    /// and their `n + 1` offsets into `offsets[..n + 1]` (the first is 0).
    ///
    /// If `out` is too small, writes nothing and returns `NeedBytes(total)`. Errors: `row_kinds` not
    /// of length `n` or holding a value > 3, `offsets` shorter than `n + 1`, a column whose array type
    /// does not match the schema, a compact decimal not fitting 64 bits, rows over 2 GiB in total.
    pub fn encode(
        &mut self,
        batch: &RecordBatch,
        row_kinds: &[u8],
        out: &mut [u8],
        offsets: &mut [i32],
    ) -> Result<Encoded> {
        let n = batch.num_rows();
        if batch.num_columns() != self.columns.len() {
            return Err(invalid(format!(
                "batch has {} columns, the encoder's schema {}",
                batch.num_columns(),
                self.columns.len()
            )));
        }
        if row_kinds.len() != n {
            return Err(invalid(format!(
                "{} RowKinds for {n} rows",
                row_kinds.len()
            )));
        }
        if offsets.len() <= n {
            return Err(invalid(format!(
                "offsets hold {} entries, {n} rows need {}",
                offsets.len(),
                n + 1
            )));
        }
        if let Some(k) = row_kinds.iter().find(|&&k| k > 3) {
            return Err(invalid(format!("RowKind byte {k}")));
        }

        self.sizes.clear();
        self.sizes.resize(n, self.fixed_size);
        for (column, array) in self.columns.iter_mut().zip(batch.columns()) {
            column.add_sizes(array.as_ref(), &mut self.sizes)?;
        }
        let total: usize = self.sizes.iter().sum();
        if total > i32::MAX as usize {
            return Err(invalid(format!("{total} bytes of rows exceed 2 GiB")));
        }
        if total > out.len() {
            return Ok(Encoded::NeedBytes(total));
        }

        self.starts.clear();
        self.cursors.clear();
        let mut at = 0usize;
        offsets[0] = 0;
        for ((size, &kind), offset) in self.sizes.iter().zip(row_kinds).zip(&mut offsets[1..]) {
            let header = &mut out[at..at + self.null_width];
            header.fill(0);
            header[0] = kind;
            self.starts.push(at);
            self.cursors.push(at + self.fixed_size);
            at += size;
            *offset = at as i32;
        }
        for (column, array) in self.columns.iter_mut().zip(batch.columns()) {
            column.write(array.as_ref(), out, &self.starts, &mut self.cursors)?;
        }
        if self
            .starts
            .iter()
            .zip(&self.cursors)
            .zip(&self.sizes)
            .any(|((start, cursor), size)| start + size != *cursor)
        {
            return Err(invalid("internal: row size mismatch"));
        }
        Ok(Encoded::Rows(n))
    }
}
