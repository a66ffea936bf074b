//! The row boundary: Flink `BinaryRowData` rows <-> Arrow [`RecordBatch`]es.
//!
//! The Java side copies each input row's bytes back to back into one buffer; [`RowDecoder`] turns
//! them into Arrow columns (plus the RowKind bytes), DataFusion evaluates the Calc, and
//! [`RowEncoder`] writes the result rows back in exactly the bytes Flink's `BinaryRowWriter` would
//! produce, so the Java side only points a reused `BinaryRowData` at each of them.
//!
//! # `BinaryRowData` layout (Flink 2.3, little-endian)
//!
//! ```text
//!  row start                                   fixed part                         variable part
//!  |<-------------- null_bits_width ------------>|<--- 8 bytes x arity --->|<-- 8-byte aligned ... -->|
//!  +---------+-----------------------------------+--------+--------+-------+-------------+-----------+
//!  | RowKind | null bits: field i -> bit i + 8   | slot 0 | slot 1 |  ...  | "hello wor" | 16 B dec  |
//!  | (byte 0)| (bit b = byte b/8, mask 1<<(b%8)) |        |        |       |  + padding  |  ...      |
//!  +---------+-----------------------------------+--------+--------+-------+-------------+-----------+
//!  null_bits_width = ((arity + 63 + 8) / 64) * 8 (the RowKind byte shares the first word)
//! ```
//!
//! Slot encodings (each slot is a little-endian u64; offsets are relative to the start of the row
//! that owns the slot, nested rows included):
//!
//! | type | slot |
//! |---|---|
//! | BOOLEAN / TINYINT / SMALLINT / INT / DATE | the value's 1/1/2/4/4 low bytes, rest 0 |
//! | BIGINT, DOUBLE, FLOAT | the value / IEEE bits (FLOAT: 4 low bytes) |
//! | DECIMAL p <= 18 | unscaled value as i64 |
//! | DECIMAL p > 18 | `offset << 32 \| len`; 16-byte region holding `BigInteger.toByteArray()` (big-endian two's complement, 1..=16 bytes, at the region's start, rest 0) |
//! | TIMESTAMP p <= 3 | epoch millis |
//! | TIMESTAMP 3 < p <= 6 | `offset << 32 \| nanoOfMillisecond`; 8-byte region holding epoch millis (floor) |
//! | STRING / BYTES, len <= 7 | bytes in slot bytes 0..len, slot byte 7 = `0x80 \| len` |
//! | STRING / BYTES, len >= 8 | `offset << 32 \| len`; bytes padded with zeros to a multiple of 8 |
//! | ROW | `offset << 32 \| size`; a complete nested BinaryRowData (own header, own relative offsets) |
//! | NULL | null bit set, slot 0 (top-level NULL DECIMAL p > 18 / TIMESTAMP p > 3: `offset << 32`, region reserved and zeroed) |
//!
//! Variable-length regions follow the fixed part in field order; the row's size is the end of the
//! last region. See `src/layout.rs` for the Flink sources each fact comes from.
//!
//! # What the Java side must guarantee
//! - Input rows are `BinaryRowData` as written by Flink's `BinaryRowWriter` (convert other `RowData`
//!   with `RowDataSerializer.toBinaryRow`), each copied contiguously even if it spans several
//!   `MemorySegment`s, with arity and field types matching the decoder's schema.
//! - Output rows are read with the arity/types of the encoder's schema.

mod decode;
mod encode;
mod error;
mod layout;
mod projection;

pub use decode::RowDecoder;
pub use encode::{Encoded, RowEncoder};
pub use error::{EmberError, Result};
pub use projection::Projection;
