//! Malformed input must be an `InvalidData` error, never a panic.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use ember_rows::{EmberError, RowDecoder};

fn le(v: u64) -> [u8; 8] {
    v.to_le_bytes()
}

fn schema(fields: Vec<Field>) -> SchemaRef {
    Arc::new(Schema::new(fields))
}

fn expect_invalid(schema: &SchemaRef, rows: &[u8], offsets: &[i32]) -> String {
    let mut decoder = RowDecoder::try_new(Arc::clone(schema)).expect("decoder");
    match decoder.decode(rows, offsets) {
        Err(EmberError::Execution(msg)) => {
            assert!(msg.starts_with("invalid row data:"), "{msg}");
            msg
        }
        Err(e) => panic!("unexpected error {e}"),
        Ok((batch, _)) => panic!("malformed rows decoded: {batch:?}"),
    }
}

/// One nullable STRING field: fixed part 16 bytes.
fn string_schema() -> SchemaRef {
    schema(vec![Field::new("s", DataType::Utf8, true)])
}

fn string_row(slot: u64, var: &[u8]) -> Vec<u8> {
    [&[0u8; 8][..], &le(slot), var].concat()
}

#[test]
fn bad_offsets() {
    let s = string_schema();
    let row = string_row(0x8000_0000_0000_0000, &[]);
    expect_invalid(&s, &row, &[]);
    expect_invalid(&s, &row, &[0, 17]); // past the buffer
    expect_invalid(&s, &row, &[-8, 16]); // negative
    expect_invalid(&s, &row, &[8, 0]); // decreasing
    expect_invalid(&s, &row, &[0, 8]); // shorter than the fixed part
    expect_invalid(&s, &row, &[0, 16, 8]);
    // Sanity: the well-formed version decodes.
    let mut decoder = RowDecoder::try_new(s).expect("decoder");
    assert_eq!(decoder.decode(&row, &[0, 16]).expect("ok").0.num_rows(), 1);
}

#[test]
fn bad_row_kind() {
    let s = string_schema();
    let mut row = string_row(0x8000_0000_0000_0000, &[]);
    row[0] = 4;
    expect_invalid(&s, &row, &[0, 16]);
}

#[test]
fn string_slots_out_of_range() {
    let s = string_schema();
    // Points past the row end (row is 24 bytes, data at 16..32).
    expect_invalid(&s, &string_row(16 << 32 | 16, b"abcdefgh"), &[0, 24]);
    // Length with the high bit set (negative int in Java).
    expect_invalid(
        &s,
        &string_row(16 << 32 | 0xffff_fff0, b"abcdefgh"),
        &[0, 24],
    );
    // Inline length > 7.
    expect_invalid(&s, &string_row(0x8800_0000_0000_0000, &[]), &[0, 16]);
    // Offset inside the buffer but in the next row: rows are bounded by their own span.
    let mut two = string_row(24 << 32 | 8, &[]);
    two.extend_from_slice(&string_row(0x8000_0000_0000_0000, b"abcdefgh"));
    expect_invalid(&s, &two, &[0, 16, 40]);
    // Huge offset (overflow of offset + len is caught).
    expect_invalid(
        &s,
        &string_row(0x7fff_ffff << 32 | 0xffff_ffff, &[]),
        &[0, 16],
    );
}

#[test]
fn invalid_utf8() {
    let s = string_schema();
    // Inline: a lone continuation byte.
    expect_invalid(&s, &string_row(0x8100_0000_0000_0080, &[]), &[0, 16]);
    // Variable part: truncated 4-byte sequence.
    expect_invalid(
        &s,
        &string_row(16 << 32 | 8, b"abcde\xf0\x9f\x98"),
        &[0, 24],
    );
    // Each string alone is invalid, but the concatenation is valid UTF-8: "\xf0\x9f" + "\x98\x80".
    let mut rows = string_row(0x8200_0000_0000_9ff0, &[]);
    rows.extend_from_slice(&string_row(0x8200_0000_0000_8098, &[]));
    expect_invalid(&s, &rows, &[0, 16, 32]);
    // The same bytes as BYTES are fine.
    let b = schema(vec![Field::new("b", DataType::Binary, true)]);
    let mut decoder = RowDecoder::try_new(b).expect("decoder");
    assert_eq!(
        decoder
            .decode(&rows, &[0, 16, 32])
            .expect("binary")
            .0
            .num_rows(),
        2
    );
}

#[test]
fn bad_wide_decimal_and_timestamp() {
    let d = schema(vec![Field::new("d", DataType::Decimal128(38, 2), true)]);
    expect_invalid(&d, &string_row(16 << 32 | 17, &[0; 24]), &[0, 40]); // 17 bytes
    expect_invalid(&d, &string_row(16 << 32, &[0; 16]), &[0, 32]); // 0 bytes, not NULL
    expect_invalid(&d, &string_row(24 << 32 | 16, &[0; 16]), &[0, 32]); // outside the row
    let t = schema(vec![Field::new(
        "t",
        DataType::Timestamp(TimeUnit::Microsecond, None),
        true,
    )]);
    expect_invalid(&t, &string_row(16 << 32 | 1_000_000, &[0; 8]), &[0, 24]); // nanos too big
    expect_invalid(&t, &string_row(20 << 32, &[0; 8]), &[0, 24]); // millis outside the row
    expect_invalid(&t, &string_row(16 << 32, &le(i64::MAX as u64)), &[0, 24]); // overflows micros
}

#[test]
fn bad_nested_row() {
    let inner = Fields::from(vec![Field::new("x", DataType::Int64, true)]);
    let s = schema(vec![Field::new("r", DataType::Struct(inner), true)]);
    // Nested row of 8 bytes, less than its fixed part (16).
    expect_invalid(&s, &string_row(16 << 32 | 8, &[0; 16]), &[0, 32]);
    // Nested row extending past its parent.
    expect_invalid(&s, &string_row(16 << 32 | 24, &[0; 16]), &[0, 32]);
}

#[test]
fn null_in_non_nullable_field() {
    let s = schema(vec![Field::new("x", DataType::Int64, false)]);
    let row = [&[0u8, 0x01, 0, 0, 0, 0, 0, 0][..], &le(0)].concat();
    expect_invalid(&s, &row, &[0, 16]);
    let inner = Fields::from(vec![Field::new("x", DataType::Int64, false)]);
    let s = schema(vec![Field::new("r", DataType::Struct(inner), true)]);
    let nested = [&[0u8, 0x01, 0, 0, 0, 0, 0, 0][..], &le(0)].concat();
    expect_invalid(&s, &string_row(16 << 32 | 16, &nested), &[0, 32]);
}
