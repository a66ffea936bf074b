//! Layout constants of Flink's `BinaryRowData` and the mapping from Arrow types to slot encodings.
//!
//! Verified against Flink's sources (`flink-table-common` `org.apache.flink.table.data.binary` and
//! `flink-table-runtime` `org.apache.flink.table.data.writer`):
//! - `BinaryRowData`: `HEADER_SIZE_IN_BITS = 8`, `calculateBitSetWidthInBytes(arity) =
//!   ((arity + 63 + 8) / 64) * 8`, slot of field `pos` at `nullBitsSizeInBytes + 8 * pos`,
//!   `isNullAt(pos)` = bit `pos + 8`, `getRowKind` = byte 0, `setNullAt` writes a 0 long.
//! - `BinarySegmentUtils.bitSet/bitGet`: bit `i` is in byte `i >>> 3`, mask `1 << (i & 7)`.
//! - `AbstractBinaryWriter.writeBytesToFixLenPart`: `(0x80 | len) << 56 | bytes[i] << (8 * i)`
//!   (little-endian), i.e. the bytes from slot byte 0, the mark + length in slot byte 7;
//!   `BinaryFormat.MAX_FIX_PART_DATA_SIZE = 7`; `BinarySegmentUtils.readStringData/readBinary` read
//!   inline data from the slot's address on little-endian.
//! - `AbstractBinaryWriter.writeSegmentsToVarLenPart/writeBytesToVarLenPart`: data at the cursor,
//!   `zeroOutPaddingBytes` + `roundNumberOfBytesToNearestWord`, `BinaryRowWriter.setOffsetAndSize`
//!   = `(long) offset << 32 | size` with the offset relative to the row start (the writer's segment
//!   starts at the row); `complete()` sets the row size to the cursor.
//! - `writeDecimal`: `DecimalData.isCompact(p)` (p <= 18) -> `writeLong(unscaled)`; otherwise 16
//!   zeroed bytes at the cursor, `toUnscaledBytes()` (`BigInteger.toByteArray`) copied to their
//!   start, slot `offset << 32 | bytes.length`; a NULL value still takes the 16 bytes with size 0.
//!   Read back by `BinarySegmentUtils.readDecimalData` via `new BigInteger(bytes)`.
//! - `writeTimestamp`: `TimestampData.isCompact(p)` (p <= 3) -> `writeLong(millis)`; otherwise the
//!   millis long at the cursor and slot `offset << 32 | nanoOfMillisecond` (NULL: 8 zero bytes,
//!   slot `offset << 32`). `TimestampData` keeps `nanoOfMillisecond` in 0..=999_999.
//! - `writeRow`: the nested `BinaryRowData`'s bytes via `writeSegmentsToVarLenPart`
//!   (`offset << 32 | sizeInBytes`), read back by `readRowData` as a `NestedRowData` at that offset.
//! - Planner `CodeGenUtils.binaryWriterWriteNull`: generated writers call `writeDecimal(i, null, p)` /
//!   `writeTimestamp(i, null, p)` for NULL non-compact decimals/timestamps and `setNullAt(i)` for
//!   everything else; `RowDataSerializer.toBinaryRow` uses `setNullAt` for every NULL field.

use arrow::datatypes::{DataType, Field, Fields, TimeUnit};

use crate::error::{EmberError, Result};

/// Bits before the first null bit: the RowKind byte (`BinaryRowData.HEADER_SIZE_IN_BITS`).
pub(crate) const HEADER_BITS: usize = 8;
/// Longest string/binary stored inline in its slot (`BinaryFormat.MAX_FIX_PART_DATA_SIZE`).
pub(crate) const MAX_INLINE: usize = 7;
/// Mark bit of an inline string/binary slot (`BinaryFormat.HIGHEST_FIRST_BIT`).
pub(crate) const INLINE_MARK: u64 = 0x80 << 56;
/// Highest precision stored as an unscaled long in the slot (`DecimalData.MAX_COMPACT_PRECISION`).
pub(crate) const MAX_COMPACT_DECIMAL_PRECISION: u8 = 18;
/// Bytes a non-compact decimal occupies in the variable part (`AbstractBinaryWriter.writeDecimal`).
pub(crate) const WIDE_DECIMAL_BYTES: usize = 16;
/// Bytes a non-compact timestamp occupies in the variable part (the millisecond long).
pub(crate) const WIDE_TIMESTAMP_BYTES: usize = 8;
/// Highest nano-of-millisecond `TimestampData` accepts.
pub(crate) const MAX_NANO_OF_MILLI: u32 = 999_999;
/// Marks a row that does not exist because an enclosing nested row is NULL.
pub(crate) const ABSENT: usize = usize::MAX;

/// Header + null-bit bytes: `BinaryRowData.calculateBitSetWidthInBytes`.
pub(crate) const fn null_bits_width(arity: usize) -> usize {
    (arity + 63 + HEADER_BITS) / 64 * 8
}

/// Size of the fixed-length part: header, null bits and one 8-byte slot per field.
pub(crate) const fn fixed_part_size(arity: usize) -> usize {
    null_bits_width(arity) + 8 * arity
}

/// `AbstractBinaryWriter.roundNumberOfBytesToNearestWord`.
pub(crate) const fn round_to_word(n: usize) -> usize {
    (n + 7) & !7
}

/// Where field `index` lives inside a row with `arity` fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldPos {
    /// Offset of the 8-byte slot from the row start.
    pub slot: usize,
    /// Offset of the byte holding the null bit from the row start.
    pub null_byte: usize,
    /// Mask of the null bit in that byte (bits counted from the lowest bit).
    pub null_mask: u8,
}

impl FieldPos {
    pub(crate) fn new(arity: usize, index: usize) -> Self {
        let bit = index + HEADER_BITS;
        FieldPos {
            slot: null_bits_width(arity) + 8 * index,
            null_byte: bit >> 3,
            null_mask: 1 << (bit & 7),
        }
    }
}

/// How a field is stored in a `BinaryRowData`, derived from its Arrow type (see the type table in
/// `substrait-plans/README.md`).
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// One byte, 0 or 1.
    Boolean,
    Int8,
    Int16,
    /// INT: 4 bytes little-endian.
    Int32,
    /// DATE: days since epoch as an int.
    Date32,
    Int64,
    Float32,
    Float64,
    /// DECIMAL p <= 18: unscaled long in the slot.
    DecimalCompact,
    /// DECIMAL p > 18: 16-byte region, big-endian two's complement prefix, `offset << 32 | len`.
    DecimalWide,
    /// TIMESTAMP p <= 3: epoch millis in the slot.
    TimestampMillis,
    /// TIMESTAMP 3 < p <= 6: millis in the variable part, `offset << 32 | nanoOfMillisecond`.
    TimestampMicros,
    /// UTF-8 string (inline <= 7 bytes, else `offset << 32 | len`).
    Utf8,
    /// Bytes (same encoding as strings).
    Binary,
    /// Nested BinaryRowData in the variable part, `offset << 32 | size`.
    Struct(Fields),
}

/// Maps an Arrow type to its slot encoding, or `Unsupported` outside the type table.
pub(crate) fn kind_of(field: &Field) -> Result<Kind> {
    let unsupported = || {
        EmberError::Unsupported(format!(
            "field `{}` of type {}",
            field.name(),
            field.data_type()
        ))
    };
    Ok(match field.data_type() {
        DataType::Boolean => Kind::Boolean,
        DataType::Int8 => Kind::Int8,
        DataType::Int16 => Kind::Int16,
        DataType::Int32 => Kind::Int32,
        DataType::Date32 => Kind::Date32,
        DataType::Int64 => Kind::Int64,
        DataType::Float32 => Kind::Float32,
        DataType::Float64 => Kind::Float64,
        // Flink's DECIMAL(p, s) has 1 <= p <= 38 and 0 <= s <= p.
        DataType::Decimal128(p, s) if (1..=38).contains(p) && *s >= 0 && (*s as u8) <= *p => {
            if *p <= MAX_COMPACT_DECIMAL_PRECISION {
                Kind::DecimalCompact
            } else {
                Kind::DecimalWide
            }
        }
        DataType::Timestamp(TimeUnit::Millisecond, _) => Kind::TimestampMillis,
        DataType::Timestamp(TimeUnit::Microsecond, _) => Kind::TimestampMicros,
        DataType::Utf8 => Kind::Utf8,
        DataType::Binary => Kind::Binary,
        DataType::Struct(fields) if !fields.is_empty() => Kind::Struct(fields.clone()),
        _ => return Err(unsupported()),
    })
}

/// Little-endian u64 at `pos`, or 0 if out of range. Only used where the caller has already checked
/// that `pos + 8` lies inside the buffer (fixed-part slots of validated rows), so the fallback is
/// never taken; it exists so that a bug cannot turn into a panic across the JNI boundary.
#[inline(always)]
pub(crate) fn read_u64(buf: &[u8], pos: usize) -> u64 {
    match buf.get(pos..).and_then(|b| b.first_chunk::<8>()) {
        Some(b) => u64::from_le_bytes(*b),
        None => 0,
    }
}
