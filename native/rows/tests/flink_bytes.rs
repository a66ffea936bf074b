//! Byte-level tests: rows written out by hand exactly as Flink's `BinaryRowWriter` produces them
//! (derived from `BinaryRowWriter`, `AbstractBinaryWriter`, `BinaryRowData`, `BinarySegmentUtils`),
//! decoded and compared with the expected Arrow values, and encoded and compared byte for byte.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, BinaryArray, BooleanArray, Date32Array, Decimal128Array, Float32Array,
    Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, RecordBatch, StringArray,
    StructArray, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use ember_rows::{Encoded, Projection, RowDecoder, RowEncoder};

/// Little-endian bytes of a slot value (`MemorySegment.putLong` on a little-endian machine).
fn le(v: u64) -> [u8; 8] {
    v.to_le_bytes()
}

/// `offset << 32 | low`, as `BinaryRowWriter.setOffsetAndSize` stores it.
fn off_len(offset: u64, low: u64) -> [u8; 8] {
    le(offset << 32 | low)
}

fn concat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Decodes `rows` (one buffer, `offsets`) and returns the batch and the RowKinds.
fn decode(schema: &SchemaRef, rows: &[u8], offsets: &[i32]) -> (RecordBatch, Vec<u8>) {
    let mut decoder = RowDecoder::try_new(Arc::clone(schema)).expect("decoder");
    let (batch, kinds) = decoder.decode(rows, offsets).expect("decode");
    (batch, kinds.to_vec())
}

/// Encodes `batch` and returns the bytes and offsets (also checks NeedBytes first).
fn encode(batch: &RecordBatch, kinds: &[u8]) -> (Vec<u8>, Vec<i32>) {
    let mut encoder = RowEncoder::try_new(batch.schema()).expect("encoder");
    let mut offsets = vec![0i32; batch.num_rows() + 1];
    let need = match encoder
        .encode(batch, kinds, &mut [], &mut offsets)
        .expect("size")
    {
        Encoded::NeedBytes(n) => n,
        Encoded::Rows(_) => 0,
    };
    let mut out = vec![0xAAu8; need]; // garbage: every byte must be written
    assert_eq!(
        encoder
            .encode(batch, kinds, &mut out, &mut offsets)
            .expect("encode"),
        Encoded::Rows(batch.num_rows())
    );
    (out, offsets)
}

fn batch(fields: Vec<Field>, columns: Vec<ArrayRef>) -> RecordBatch {
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).expect("batch")
}

/// (INT 7, STRING "abc", STRING "hello world!", BIGINT NULL), RowKind +I.
#[test]
fn int_short_string_long_string_null_bigint() {
    // arity 4: header + null bits = ((4 + 63 + 8) / 64) * 8 = 8 bytes, fixed part = 8 + 4 * 8 = 40.
    let expected = concat(&[
        // byte 0: RowKind +I = 0; field 3 NULL -> bit 3 + 8 = 11 -> byte 1, mask 1 << 3.
        &[0x00, 0x08, 0, 0, 0, 0, 0, 0],
        // slot 0 (@8): INT 7, putInt writes 4 bytes, rest stays 0.
        &[7, 0, 0, 0, 0, 0, 0, 0],
        // slot 1 (@16): "abc" inline: bytes from the lowest byte, highest byte 0x80 | 3.
        &[b'a', b'b', b'c', 0, 0, 0, 0, 0x83],
        // slot 2 (@24): 12 bytes at offset 40 of the variable part.
        &off_len(40, 12),
        // slot 3 (@32): setNullAt writes a 0 long.
        &le(0),
        // variable part (@40): "hello world!" padded to 16 bytes.
        b"hello world!",
        &[0, 0, 0, 0],
    ]);
    assert_eq!(expected.len(), 56);

    let b = batch(
        vec![
            Field::new("i", DataType::Int32, true),
            Field::new("s1", DataType::Utf8, true),
            Field::new("s2", DataType::Utf8, true),
            Field::new("l", DataType::Int64, true),
        ],
        vec![
            Arc::new(Int32Array::from(vec![7])),
            Arc::new(StringArray::from(vec!["abc"])),
            Arc::new(StringArray::from(vec!["hello world!"])),
            Arc::new(Int64Array::from(vec![None::<i64>])),
        ],
    );
    let (decoded, kinds) = decode(&b.schema(), &expected, &[0, 56]);
    assert_eq!(decoded, b);
    assert_eq!(kinds, vec![0]);

    let (bytes, offsets) = encode(&b, &[0]);
    assert_eq!(bytes, expected);
    assert_eq!(offsets, vec![0, 56]);
}

/// Every fixed-width type plus inline and out-of-line BYTES, RowKind -D.
#[test]
fn fixed_width_types_and_bytes() {
    // arity 8: 8 bytes header + null bits, fixed part 8 + 64 = 72.
    let expected = concat(&[
        &[3, 0, 0, 0, 0, 0, 0, 0],         // RowKind -D = 3, no NULLs
        &[1, 0, 0, 0, 0, 0, 0, 0],         // BOOLEAN true: putBoolean, one byte
        &[0xff, 0, 0, 0, 0, 0, 0, 0],      // TINYINT -1: one byte
        &[0xfe, 0xff, 0, 0, 0, 0, 0, 0],   // SMALLINT -2: two bytes
        &[0, 0, 0xc0, 0x3f, 0, 0, 0, 0],   // FLOAT 1.5 = 0x3fc00000
        &[0, 0, 0, 0, 0, 0, 0, 0x80],      // DOUBLE -0.0 = 0x8000000000000000
        &[0x38, 0x4a, 0, 0, 0, 0, 0, 0],   // DATE 19000 days = 0x4a38
        &[1, 2, 3, 0, 0, 0, 0, 0x83],      // BYTES [1, 2, 3] inline
        &off_len(72, 8),                   // BYTES of 8 bytes at 72
        &[10, 11, 12, 13, 14, 15, 16, 17], // exactly one word, no padding
    ]);
    let b = batch(
        vec![
            Field::new("b", DataType::Boolean, true),
            Field::new("t", DataType::Int8, true),
            Field::new("s", DataType::Int16, true),
            Field::new("f", DataType::Float32, true),
            Field::new("d", DataType::Float64, true),
            Field::new("day", DataType::Date32, true),
            Field::new("x", DataType::Binary, true),
            Field::new("y", DataType::Binary, true),
        ],
        vec![
            Arc::new(BooleanArray::from(vec![true])),
            Arc::new(Int8Array::from(vec![-1])),
            Arc::new(Int16Array::from(vec![-2])),
            Arc::new(Float32Array::from(vec![1.5])),
            Arc::new(Float64Array::from(vec![-0.0])),
            Arc::new(Date32Array::from(vec![19000])),
            Arc::new(BinaryArray::from(vec![&[1u8, 2, 3][..]])),
            Arc::new(BinaryArray::from(vec![
                &[10u8, 11, 12, 13, 14, 15, 16, 17][..],
            ])),
        ],
    );
    let (decoded, kinds) = decode(&b.schema(), &expected, &[0, 80]);
    assert_eq!(decoded, b);
    assert_eq!(kinds, vec![3]);
    let (bytes, _) = encode(&b, &[3]);
    assert_eq!(bytes, expected);
}

/// DECIMAL(10,2), DECIMAL(38,10) incl. NULL, TIMESTAMP(3), TIMESTAMP(6) pre-1970 incl. NULL, -U.
#[test]
fn decimals_and_timestamps() {
    // arity 6: 8 bytes header + null bits, fixed part 8 + 48 = 56.
    let expected = concat(&[
        // RowKind -U = 1; NULL fields 2 (bit 10 -> byte 1, 0x04) and 5 (bit 13 -> byte 1, 0x20).
        &[1, 0x24, 0, 0, 0, 0, 0, 0],
        // slot 0: DECIMAL(10,2) 12.34 -> compact unscaled long 1234.
        &le(1234),
        // slot 1: DECIMAL(38,10) -1.5 -> unscaled -15000000000, BigInteger.toByteArray() is
        // fc 81 ee 2a 00 (5 bytes), written at 56 in a zeroed 16-byte region.
        &off_len(56, 5),
        // slot 2: NULL DECIMAL(38,10): writeDecimal(pos, null, 38) keeps offset 72, size 0.
        &off_len(72, 0),
        // slot 3: TIMESTAMP(3) 1700000000123 ms, compact.
        &le(1_700_000_000_123),
        // slot 4: TIMESTAMP(6) 1969-12-31 23:59:59.999999 = -1 us -> millis -1 at 88,
        // nanoOfMillisecond 999000 in the low half.
        &off_len(88, 999_000),
        // slot 5: NULL TIMESTAMP(6): writeTimestamp(pos, null, 6) keeps offset 96.
        &off_len(96, 0),
        // variable part
        &[
            0xfc, 0x81, 0xee, 0x2a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ], // @56
        &[0; 16],      // @72 (NULL decimal)
        &le(u64::MAX), // @88 millis -1
        &[0; 8],       // @96 (NULL timestamp)
    ]);
    assert_eq!(expected.len(), 104);
    let b = batch(
        vec![
            Field::new("d10", DataType::Decimal128(10, 2), true),
            Field::new("d38", DataType::Decimal128(38, 10), true),
            Field::new("d38n", DataType::Decimal128(38, 10), true),
            Field::new("t3", DataType::Timestamp(TimeUnit::Millisecond, None), true),
            Field::new("t6", DataType::Timestamp(TimeUnit::Microsecond, None), true),
            Field::new(
                "t6n",
                DataType::Timestamp(TimeUnit::Microsecond, None),
                true,
            ),
        ],
        vec![
            Arc::new(
                Decimal128Array::from(vec![1234])
                    .with_precision_and_scale(10, 2)
                    .expect("dec"),
            ),
            Arc::new(
                Decimal128Array::from(vec![-15_000_000_000])
                    .with_precision_and_scale(38, 10)
                    .expect("dec"),
            ),
            Arc::new(
                Decimal128Array::from(vec![None::<i128>])
                    .with_precision_and_scale(38, 10)
                    .expect("dec"),
            ),
            Arc::new(TimestampMillisecondArray::from(vec![1_700_000_000_123])),
            Arc::new(TimestampMicrosecondArray::from(vec![-1])),
            Arc::new(TimestampMicrosecondArray::from(vec![None::<i64>])),
        ],
    );
    let (decoded, kinds) = decode(&b.schema(), &expected, &[0, 104]);
    assert_eq!(decoded, b);
    assert_eq!(kinds, vec![1]);
    let (bytes, _) = encode(&b, &[1]);
    assert_eq!(bytes, expected);
}

/// A large positive DECIMAL(38, 0) (12 bytes of BigInteger), and a NULL decimal written with
/// `setNullAt` (slot 0, no reserved region, as `RowDataSerializer.toBinaryRow` does) also decodes.
#[test]
fn wide_decimal_bytes_and_set_null_at_variant() {
    let v: i128 = 12_345_678_901_234_567_890_123_456_789;
    // arity 2: fixed part 8 + 16 = 24.
    let row = concat(&[
        &[0, 0x02, 0, 0, 0, 0, 0, 0], // field 1 NULL (bit 9)
        &off_len(24, 12),
        &le(0), // setNullAt: no region reserved
        &[
            0x27, 0xe4, 0x1b, 0x32, 0x46, 0xbe, 0xc9, 0xb1, 0x6e, 0x39, 0x81, 0x15, 0, 0, 0, 0,
        ],
    ]);
    let schema: SchemaRef = Arc::new(Schema::new(vec![
        Field::new("a", DataType::Decimal128(38, 0), true),
        Field::new("b", DataType::Decimal128(38, 0), true),
    ]));
    let (decoded, _) = decode(&schema, &row, &[0, row.len() as i32]);
    let a = decoded
        .column(0)
        .as_any()
        .downcast_ref::<Decimal128Array>()
        .expect("dec");
    assert_eq!(a.value(0), v);
    assert!(a.is_valid(0));
    assert!(decoded.column(1).is_null(0));
}

/// (INT, ROW<a BIGINT, s STRING>) with a nested row, a NULL nested row and a nested NULL field.
#[test]
fn nested_rows() {
    let nested_fields = Fields::from(vec![
        Field::new("a", DataType::Int64, true),
        Field::new("s", DataType::Utf8, true),
    ]);
    // Nested (5, "nested string"): arity 2, fixed part 24, 13 bytes padded to 16 -> 40 bytes.
    let nested = concat(&[
        &[0; 8],          // nested RowKind 0 (+I), no NULLs
        &le(5),           // a
        &off_len(24, 13), // s at 24 relative to the nested row's start
        b"nested string",
        &[0, 0, 0],
    ]);
    let row0 = concat(&[
        &[0, 0, 0, 0, 0, 0, 0, 0],
        &le(1),
        &off_len(24, 40), // nested row at 24, size 40
        &nested,
    ]);
    // (2, NULL): field 1 NULL -> bit 9 -> byte 1 mask 0x02, slot 0 (setNullAt), RowKind +U.
    let row1 = concat(&[&[2, 0x02, 0, 0, 0, 0, 0, 0], &le(2), &le(0)]);
    // (3, (NULL, "x")): nested field 0 NULL -> nested byte 1 mask 0x01; "x" inline.
    let row2 = concat(&[
        &[0, 0, 0, 0, 0, 0, 0, 0],
        &le(3),
        &off_len(24, 24),
        &[0, 0x01, 0, 0, 0, 0, 0, 0],
        &le(0),
        &[b'x', 0, 0, 0, 0, 0, 0, 0x81],
    ]);
    let rows = concat(&[&row0, &row1, &row2]);
    let offsets = [0, 64, 88, 136];

    let struct_array = StructArray::try_new(
        nested_fields.clone(),
        vec![
            Arc::new(Int64Array::from(vec![Some(5), None, None])),
            Arc::new(StringArray::from(vec![
                Some("nested string"),
                None,
                Some("x"),
            ])),
        ],
        Some(vec![true, false, true].into()),
    )
    .expect("struct");
    let b = batch(
        vec![
            Field::new("id", DataType::Int32, true),
            Field::new("r", DataType::Struct(nested_fields), true),
        ],
        vec![
            Arc::new(Int32Array::from(vec![1, 2, 3])),
            Arc::new(struct_array),
        ],
    );
    let (decoded, kinds) = decode(&b.schema(), &rows, &offsets);
    assert_eq!(decoded, b);
    assert_eq!(kinds, vec![0, 2, 0]);
    let (bytes, out_offsets) = encode(&b, &[0, 2, 0]);
    assert_eq!(bytes, rows);
    assert_eq!(out_offsets, offsets.to_vec());

    // Raw pass-through: column `r` also comes out as its nested row's bytes (BINARY), next to the decoded
    // fields the projection reads (only `r.s` here); encoded as BINARY they are exactly the ROW column again.
    let projection = [
        Projection::All,
        Projection::Fields(vec![Projection::Skip, Projection::All]),
    ];
    let mut decoder =
        RowDecoder::try_new_with_raw_rows(b.schema(), &projection, &[1]).expect("decoder");
    let (with_raw, _) = decoder.decode(&rows, &offsets).expect("decode");
    assert_eq!(with_raw.num_columns(), 3);
    let raw = with_raw
        .column(2)
        .as_any()
        .downcast_ref::<BinaryArray>()
        .expect("binary");
    assert_eq!(raw.value(0), nested.as_slice());
    assert!(raw.is_null(1));
    assert_eq!(raw.value(2).len(), 24);
    let passed = batch(
        vec![
            Field::new("id", DataType::Int32, true),
            Field::new("r", DataType::Binary, true),
        ],
        vec![
            Arc::clone(with_raw.column(0)),
            Arc::clone(with_raw.column(2)),
        ],
    );
    let (bytes, out_offsets) = encode(&passed, &[0, 2, 0]);
    assert_eq!(bytes, rows);
    assert_eq!(out_offsets, offsets.to_vec());
    assert!(RowDecoder::try_new_with_raw_rows(b.schema(), &projection, &[0]).is_err());
}

/// Null-bit width steps at 56 fields: arity 56 -> 8 bytes, arity 57 -> 16 bytes (field 56's bit is
/// bit 0 of byte 8).
#[test]
fn null_bit_width_boundary() {
    for arity in [56usize, 57] {
        let fields: Vec<Field> = (0..arity)
            .map(|i| Field::new(format!("f{i}"), DataType::Int32, true))
            .collect();
        let columns: Vec<ArrayRef> = (0..arity)
            .map(|i| -> ArrayRef {
                if i == arity - 1 {
                    Arc::new(Int32Array::from(vec![None::<i32>]))
                } else {
                    Arc::new(Int32Array::from(vec![i as i32]))
                }
            })
            .collect();
        let b = batch(fields, columns);
        let (bytes, _) = encode(&b, &[0]);
        let width = if arity == 56 { 8 } else { 16 };
        assert_eq!(bytes.len(), width + 8 * arity);
        let last_bit = arity - 1 + 8;
        let mut header = vec![0u8; width];
        header[last_bit / 8] = 1 << (last_bit % 8);
        assert_eq!(&bytes[..width], &header[..], "arity {arity}");
        assert_eq!(
            &bytes[width + 8..width + 16],
            &le(1),
            "arity {arity}: slot 1"
        );
        let (decoded, _) = decode(&b.schema(), &bytes, &[0, bytes.len() as i32]);
        assert_eq!(decoded, b);
    }
}

/// Rows in the input buffer need not be 8-byte aligned nor start at 0.
#[test]
fn unaligned_rows() {
    let row = concat(&[&[0; 8], &le(42)]);
    let mut rows = vec![0xEE; 3];
    rows.extend_from_slice(&row);
    rows.extend_from_slice(&row);
    let schema: SchemaRef = Arc::new(Schema::new(vec![Field::new("x", DataType::Int64, false)]));
    let (decoded, _) = decode(&schema, &rows, &[3, 19, 35]);
    assert_eq!(
        decoded.column(0).as_ref(),
        &Int64Array::from(vec![42, 42]) as &dyn Array
    );
}
