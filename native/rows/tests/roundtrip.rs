//! decode(encode(batch)) == batch for every supported type, plus the encoder's buffer protocol.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BooleanArray, Date32Array, Decimal128Array,
    Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, RecordBatch,
    StringArray, StructArray, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::buffer::NullBuffer;
use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use ember_rows::{EmberError, Encoded, Projection, RowDecoder, RowEncoder};

fn encode_all(encoder: &mut RowEncoder, batch: &RecordBatch, kinds: &[u8]) -> (Vec<u8>, Vec<i32>) {
    let mut offsets = vec![-1i32; batch.num_rows() + 3];
    let need = match encoder
        .encode(batch, kinds, &mut [], &mut offsets)
        .expect("size pass")
    {
        Encoded::NeedBytes(n) => n,
        Encoded::Rows(n) => {
            assert_eq!(n, 0);
            0
        }
    };
    if need > 0 {
        // One byte short is still too small, and writes nothing.
        let mut short = vec![0x55u8; need - 1];
        assert_eq!(
            encoder
                .encode(batch, kinds, &mut short, &mut offsets)
                .expect("short"),
            Encoded::NeedBytes(need)
        );
        assert!(short.iter().all(|&b| b == 0x55));
        assert!(offsets.iter().all(|&o| o == -1));
    }
    let mut out = vec![0xAAu8; need];
    assert_eq!(
        encoder
            .encode(batch, kinds, &mut out, &mut offsets)
            .expect("encode"),
        Encoded::Rows(batch.num_rows())
    );
    assert_eq!(offsets[batch.num_rows()] as usize, need);
    assert_eq!(
        offsets[batch.num_rows() + 1],
        -1,
        "only n + 1 offsets are written"
    );
    offsets.truncate(batch.num_rows() + 1);
    (out, offsets)
}

fn round_trip(batch: &RecordBatch, kinds: &[u8]) -> Vec<u8> {
    let mut encoder = RowEncoder::try_new(batch.schema()).expect("encoder");
    let mut decoder = RowDecoder::try_new(batch.schema()).expect("decoder");
    let (bytes, offsets) = encode_all(&mut encoder, batch, kinds);
    for (w, _) in offsets.windows(2).zip(kinds) {
        assert_eq!((w[1] - w[0]) % 8, 0, "row sizes are multiples of 8");
    }
    let (decoded, decoded_kinds) = decoder.decode(&bytes, &offsets).expect("decode");
    assert_eq!(&decoded, batch);
    assert_eq!(decoded_kinds, kinds);
    // Re-encoding the decoded batch gives the same bytes (canonical form), and a reused
    // encoder/decoder gives the same result again.
    let (again, _) = encode_all(&mut encoder, &decoded, kinds);
    assert_eq!(again, bytes);
    let (decoded2, _) = decoder.decode(&bytes, &offsets).expect("decode again");
    assert_eq!(&decoded2, batch);
    bytes
}

fn dec(values: Vec<Option<i128>>, p: u8, s: i8) -> ArrayRef {
    Arc::new(
        Decimal128Array::from(values)
            .with_precision_and_scale(p, s)
            .expect("decimal"),
    )
}

fn inner_fields() -> Fields {
    Fields::from(vec![
        Field::new("n", DataType::Int32, true),
        Field::new("s", DataType::Utf8, true),
        Field::new("d", DataType::Decimal128(38, 10), true),
        Field::new("t", DataType::Timestamp(TimeUnit::Microsecond, None), true),
    ])
}

fn outer_fields() -> Fields {
    Fields::from(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("inner", DataType::Struct(inner_fields()), true),
        Field::new("name", DataType::Utf8, true),
    ])
}

fn all_types_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("b", DataType::Boolean, true),
        Field::new("i8", DataType::Int8, true),
        Field::new("i16", DataType::Int16, true),
        Field::new("i32", DataType::Int32, true),
        Field::new("i64", DataType::Int64, false),
        Field::new("f32", DataType::Float32, true),
        Field::new("f64", DataType::Float64, true),
        Field::new("d10", DataType::Decimal128(10, 2), true),
        Field::new("d38", DataType::Decimal128(38, 10), true),
        Field::new("s", DataType::Utf8, true),
        Field::new("bin", DataType::Binary, true),
        Field::new("day", DataType::Date32, true),
        Field::new(
            "ts3",
            DataType::Timestamp(TimeUnit::Millisecond, None),
            true,
        ),
        Field::new(
            "ts6",
            DataType::Timestamp(TimeUnit::Microsecond, None),
            true,
        ),
        Field::new(
            "ltz3",
            DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
            true,
        ),
        Field::new(
            "ltz6",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            true,
        ),
        Field::new("row", DataType::Struct(outer_fields()), true),
    ]))
}

/// Eight rows covering NULLs, edge values, string lengths 0/7/8, 4-byte UTF-8, negative decimals,
/// pre-1970 timestamps, NULL nested rows and NULL fields inside nested rows.
fn all_types_batch() -> RecordBatch {
    let strings = vec![
        Some(""),
        Some("1234567"),  // 7 bytes: inline
        Some("12345678"), // 8 bytes: variable part, exactly one word
        Some("😀"),       // 4-byte UTF-8, inline
        Some("a😀😀"),    // 9 bytes
        None,
        Some("ünïcödé and a longer tail that spans several words"),
        Some("😀😀"), // 8 bytes of 4-byte chars
    ];
    let inner = StructArray::try_new(
        inner_fields(),
        vec![
            Arc::new(Int32Array::from(vec![
                Some(1),
                None,
                Some(3),
                Some(4),
                None,
                Some(6),
                Some(7),
                Some(8),
            ])),
            Arc::new(StringArray::from(vec![
                Some("inner string value"),
                Some("x"),
                None,
                Some(""),
                Some("😀😀😀"),
                None,
                Some("abcdefgh"),
                Some("q"),
            ])),
            dec(
                vec![
                    Some(-99_999_999_999_999_999_999_999_999_999_999_999_999),
                    None,
                    Some(1),
                    Some(-1),
                    Some(0),
                    Some(i128::from(i64::MIN) * 10),
                    None,
                    Some(99_999_999_999_999_999_999_999_999_999_999_999_999),
                ],
                38,
                10,
            ),
            Arc::new(TimestampMicrosecondArray::from(vec![
                Some(-1),
                Some(0),
                None,
                Some(-86_400_000_001),
                Some(1_700_000_000_123_456),
                Some(999),
                Some(-999),
                Some(-1000),
            ])),
        ],
        Some(NullBuffer::from(vec![
            true, true, false, true, true, false, true, true,
        ])),
    )
    .expect("inner");
    let outer = StructArray::try_new(
        outer_fields(),
        vec![
            Arc::new(Int64Array::from(vec![10, 11, 12, 13, 14, 15, 16, 17])),
            Arc::new(inner),
            Arc::new(StringArray::from(vec![
                Some("outer"),
                None,
                Some("outer name that is long"),
                Some("o"),
                None,
                Some(""),
                Some("12345678"),
                Some("z"),
            ])),
        ],
        Some(NullBuffer::from(vec![
            true, true, true, false, true, true, false, true,
        ])),
    )
    .expect("outer");
    let columns: Vec<ArrayRef> = vec![
        Arc::new(BooleanArray::from(vec![
            Some(true),
            Some(false),
            None,
            Some(true),
            Some(false),
            Some(true),
            None,
            Some(false),
        ])),
        Arc::new(Int8Array::from(vec![
            Some(i8::MIN),
            Some(i8::MAX),
            None,
            Some(0),
            Some(-1),
            Some(1),
            Some(7),
            None,
        ])),
        Arc::new(Int16Array::from(vec![
            Some(i16::MIN),
            Some(i16::MAX),
            Some(-1),
            None,
            Some(0),
            Some(300),
            None,
            Some(-300),
        ])),
        Arc::new(Int32Array::from(vec![
            Some(i32::MIN),
            Some(i32::MAX),
            Some(-1),
            Some(0),
            None,
            Some(7),
            Some(-7),
            None,
        ])),
        Arc::new(Int64Array::from(vec![
            i64::MIN,
            i64::MAX,
            -1,
            0,
            1,
            42,
            -42,
            1 << 40,
        ])),
        Arc::new(Float32Array::from(vec![
            Some(f32::MIN),
            Some(f32::INFINITY),
            Some(-0.0),
            None,
            Some(1.5),
            Some(f32::NEG_INFINITY),
            Some(3.25),
            Some(f32::MIN_POSITIVE),
        ])),
        Arc::new(Float64Array::from(vec![
            Some(f64::MAX),
            Some(-0.0),
            None,
            Some(f64::NEG_INFINITY),
            Some(1e308),
            Some(-2.5),
            Some(f64::EPSILON),
            Some(0.1),
        ])),
        dec(
            vec![
                Some(-1234),
                Some(9_999_999_999),
                Some(-9_999_999_999),
                None,
                Some(0),
                Some(5),
                Some(-5),
                Some(100),
            ],
            10,
            2,
        ),
        dec(
            vec![
                Some(-15_000_000_000),
                Some(i128::from(i64::MAX) + 1),
                Some(-(i128::from(i64::MAX) + 2)),
                None,
                Some(127),
                Some(128),
                Some(-128),
                Some(-129),
            ],
            38,
            10,
        ),
        Arc::new(StringArray::from(strings)),
        Arc::new(BinaryArray::from(vec![
            Some(&b""[..]),
            Some(&[0u8, 1, 2, 3, 4, 5, 6][..]),
            Some(&[0xffu8; 8][..]),
            None,
            Some(&[0x80u8; 9][..]),
            Some(&[0u8][..]),
            Some(&[1u8; 100][..]),
            None,
        ])),
        Arc::new(Date32Array::from(vec![
            Some(0),
            Some(-1),
            Some(19000),
            None,
            Some(-719_528),
            Some(2_932_896),
            Some(1),
            None,
        ])),
        Arc::new(TimestampMillisecondArray::from(vec![
            Some(0),
            Some(-1),
            Some(1_700_000_000_123),
            None,
            Some(-62_135_596_800_000),
            Some(253_402_300_799_999),
            Some(-86_400_001),
            None,
        ])),
        Arc::new(TimestampMicrosecondArray::from(vec![
            Some(-1),
            Some(0),
            Some(1_700_000_000_123_456),
            None,
            Some(-62_135_596_800_000_000),
            Some(253_402_300_799_999_999),
            Some(-1_500),
            Some(999),
        ])),
        Arc::new(
            TimestampMillisecondArray::from(vec![
                Some(1),
                None,
                Some(-2),
                Some(3),
                None,
                Some(-4),
                Some(5),
                Some(6),
            ])
            .with_timezone("UTC"),
        ),
        Arc::new(
            TimestampMicrosecondArray::from(vec![
                None,
                Some(-1),
                Some(2_001),
                Some(-2_001),
                Some(0),
                None,
                Some(123_456_789),
                Some(-123_456_789),
            ])
            .with_timezone("UTC"),
        ),
        Arc::new(outer),
    ];
    RecordBatch::try_new(all_types_schema(), columns).expect("batch")
}

#[test]
fn all_types_all_row_kinds() {
    let batch = all_types_batch();
    round_trip(&batch, &[0, 1, 2, 3, 3, 2, 1, 0]);
}

#[test]
fn sliced_batch() {
    let batch = all_types_batch();
    for (offset, len) in [(1, 5), (3, 5), (7, 1), (0, 8)] {
        let sliced = batch.slice(offset, len);
        round_trip(&sliced, &vec![2; len]);
    }
}

#[test]
fn empty_batch() {
    let batch = all_types_batch().slice(0, 0);
    let bytes = round_trip(&batch, &[]);
    assert!(bytes.is_empty());
}

#[test]
fn zero_columns() {
    let schema: SchemaRef = Arc::new(Schema::empty());
    let batch = RecordBatch::try_new_with_options(
        Arc::clone(&schema),
        vec![],
        &arrow::array::RecordBatchOptions::new().with_row_count(Some(3)),
    )
    .expect("batch");
    let bytes = round_trip(&batch, &[0, 1, 3]);
    // Arity 0: just the 8-byte header per row.
    assert_eq!(
        bytes,
        vec![
            0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0
        ]
    );
}

/// A larger pseudo-random batch (fixed LCG) so NULL patterns cross bitmap words.
#[test]
fn pseudo_random_batch() {
    let n = 1000;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 11
    };
    let mut ints = Vec::new();
    let mut strs = Vec::new();
    let mut decs = Vec::new();
    let mut ts = Vec::new();
    let mut valid = Vec::new();
    let alphabet = ["a", "é", "😀", "xyz", "0123456789"];
    for _ in 0..n {
        let r = next();
        ints.push((r % 7 != 0).then_some(r as i32));
        let len = (next() % 6) as usize;
        let s: String = (0..len).map(|_| alphabet[(next() % 5) as usize]).collect();
        strs.push((next() % 5 != 0).then_some(s));
        decs.push((next() % 3 != 0).then_some((next() as i128 - (1 << 52)) * 1_000_000_007));
        ts.push((next() % 4 != 0).then_some(next() as i64 - (1 << 52)));
        valid.push(next() % 6 != 0);
    }
    let inner_fields = Fields::from(vec![
        Field::new("s", DataType::Utf8, true),
        Field::new("t", DataType::Timestamp(TimeUnit::Microsecond, None), true),
    ]);
    let inner = StructArray::try_new(
        inner_fields.clone(),
        vec![
            Arc::new(StringArray::from(strs.clone())),
            Arc::new(TimestampMicrosecondArray::from(ts.clone())),
        ],
        Some(NullBuffer::from(valid)),
    )
    .expect("struct");
    let schema = Arc::new(Schema::new(vec![
        Field::new("i", DataType::Int32, true),
        Field::new("s", DataType::Utf8, true),
        Field::new("d", DataType::Decimal128(38, 4), true),
        Field::new("d18", DataType::Decimal128(18, 4), true),
        Field::new("t", DataType::Timestamp(TimeUnit::Microsecond, None), true),
        Field::new("r", DataType::Struct(inner_fields), true),
    ]));
    let d18: Vec<Option<i128>> = decs
        .iter()
        .map(|d| d.map(|v| v % 999_999_999_999_999_999))
        .collect();
    let batch = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int32Array::from(ints)),
            Arc::new(StringArray::from(strs)),
            dec(decs, 38, 4),
            dec(d18, 18, 4),
            Arc::new(TimestampMicrosecondArray::from(ts)),
            Arc::new(inner),
        ],
    )
    .expect("batch");
    let kinds: Vec<u8> = (0..n).map(|i| (i % 4) as u8).collect();
    round_trip(&batch, &kinds);
    round_trip(&batch.slice(13, 700), &kinds[13..713]);
}

#[test]
fn unsupported_types() {
    for dt in [
        DataType::Time32(TimeUnit::Millisecond),
        DataType::Timestamp(TimeUnit::Nanosecond, None),
        DataType::Timestamp(TimeUnit::Second, None),
        DataType::LargeUtf8,
        DataType::Utf8View,
        DataType::Decimal256(40, 2),
        DataType::Decimal128(10, -1),
        DataType::List(Arc::new(Field::new("item", DataType::Int32, true))),
        DataType::Struct(Fields::from(vec![Field::new("x", DataType::UInt32, true)])),
        DataType::UInt64,
    ] {
        let schema: SchemaRef = Arc::new(Schema::new(vec![Field::new("c", dt.clone(), true)]));
        assert!(
            matches!(
                RowDecoder::try_new(Arc::clone(&schema)),
                Err(EmberError::Unsupported(_))
            ),
            "decoder accepted {dt}"
        );
        assert!(
            matches!(RowEncoder::try_new(schema), Err(EmberError::Unsupported(_))),
            "encoder accepted {dt}"
        );
    }
}

#[test]
fn encoder_rejects_bad_arguments() {
    let schema: SchemaRef = Arc::new(Schema::new(vec![Field::new(
        "d",
        DataType::Decimal128(18, 0),
        true,
    )]));
    let mut encoder = RowEncoder::try_new(Arc::clone(&schema)).expect("encoder");
    let ok = RecordBatch::try_new(
        Arc::clone(&schema),
        vec![dec(vec![Some(1), Some(2)], 18, 0)],
    )
    .expect("batch");
    let mut out = vec![0u8; 64];
    let mut offsets = vec![0i32; 3];
    // RowKinds: wrong count, and a value > 3.
    assert!(matches!(
        encoder.encode(&ok, &[0], &mut out, &mut offsets),
        Err(EmberError::Execution(_))
    ));
    assert!(matches!(
        encoder.encode(&ok, &[0, 4], &mut out, &mut offsets),
        Err(EmberError::Execution(_))
    ));
    // Offsets shorter than n + 1.
    assert!(matches!(
        encoder.encode(&ok, &[0, 0], &mut out, &mut offsets[..2]),
        Err(EmberError::Execution(_))
    ));
    assert!(matches!(
        encoder.encode(&ok, &[0, 0], &mut out, &mut offsets),
        Ok(Encoded::Rows(2))
    ));
    // A compact decimal whose unscaled value does not fit in a long.
    let big = RecordBatch::try_new(
        Arc::clone(&schema),
        vec![dec(vec![Some(i128::from(i64::MAX) + 1)], 18, 0)],
    )
    .expect("batch");
    assert!(matches!(
        encoder.encode(&big, &[0], &mut out, &mut offsets),
        Err(EmberError::Execution(_))
    ));
    // A batch whose column type does not match the schema.
    let other_schema = Arc::new(Schema::new(vec![Field::new("d", DataType::Int64, true)]));
    let wrong = RecordBatch::try_new(other_schema, vec![Arc::new(Int64Array::from(vec![1]))])
        .expect("batch");
    assert!(matches!(
        encoder.encode(&wrong, &[0], &mut out, &mut offsets),
        Err(EmberError::Execution(_))
    ));
}

/// A projected decoder reads only the requested columns; the others come back as typed all-NULL arrays.
#[test]
fn projected_decode_skips_unread_columns() {
    let batch = all_types_batch();
    let n = batch.num_rows();
    let kinds = vec![0u8; n];
    let mut encoder = RowEncoder::try_new(batch.schema()).expect("encoder");
    let (rows, offsets) = encode_all(&mut encoder, &batch, &kinds);

    let arity = batch.num_columns();
    let decode: Vec<bool> = (0..arity).map(|i| i % 2 == 0).collect();
    let projection: Vec<Projection> = decode
        .iter()
        .map(|&read| {
            if read {
                Projection::All
            } else {
                Projection::Skip
            }
        })
        .collect();
    let mut decoder = RowDecoder::try_new_projected(batch.schema(), &projection).expect("decoder");
    let (decoded, _) = decoder.decode(&rows, &offsets).expect("decode");
    assert_eq!(decoded.num_rows(), n);
    for (i, &read) in decode.iter().enumerate() {
        let column = decoded.column(i);
        assert_eq!(column.data_type(), batch.column(i).data_type());
        if read {
            assert_eq!(column.as_ref(), batch.column(i).as_ref(), "column {i}");
        } else {
            assert_eq!(column.null_count(), n, "column {i} must be all NULL");
            assert!(decoded.schema().field(i).is_nullable());
        }
    }
    assert!(RowDecoder::try_new_projected(batch.schema(), &[Projection::All]).is_err());
}

/// Nested projection: only the requested fields of a ROW (at any depth) are read, the others are
/// all-NULL and nullable; what is read equals a full decode.
#[test]
fn projected_decode_reads_only_requested_nested_fields() {
    let batch = all_types_batch();
    let n = batch.num_rows();
    let kinds = vec![0u8; n];
    let mut encoder = RowEncoder::try_new(batch.schema()).expect("encoder");
    let (rows, offsets) = encode_all(&mut encoder, &batch, &kinds);
    let mut full = RowDecoder::try_new(batch.schema()).expect("decoder");
    let (full, _) = full.decode(&rows, &offsets).expect("decode");

    let row = batch.num_columns() - 1;
    // row.id, row.inner.s and column 3; row.inner.s twice (paths merge), row.name not at all.
    let paths = vec![vec![row, 0], vec![row, 1, 1], vec![3], vec![row, 1, 1]];
    let projection = Projection::from_paths(&batch.schema(), &paths).expect("projection");
    assert_eq!(
        projection[row],
        Projection::Fields(vec![
            Projection::All,
            Projection::Fields(vec![
                Projection::Skip,
                Projection::All,
                Projection::Skip,
                Projection::Skip
            ]),
            Projection::Skip,
        ])
    );
    let mut decoder = RowDecoder::try_new_projected(batch.schema(), &projection).expect("decoder");
    let (decoded, _) = decoder.decode(&rows, &offsets).expect("decode");
    assert_eq!(decoded.column(3).as_ref(), full.column(3).as_ref());
    assert_eq!(decoded.column(0).null_count(), n);
    let (got, want) = (
        decoded.column(row).as_struct(),
        full.column(row).as_struct(),
    );
    assert_eq!(got.nulls(), want.nulls());
    assert_eq!(got.column(0).as_ref(), want.column(0).as_ref());
    assert_eq!(got.column(2).null_count(), n);
    assert!(got.fields()[2].is_nullable());
    let (got, want) = (got.column(1).as_struct(), want.column(1).as_struct());
    assert_eq!(got.nulls(), want.nulls());
    assert_eq!(got.column(1).as_ref(), want.column(1).as_ref());
    assert_eq!(got.column(0).null_count(), n);

    // A whole-column path wins over nested ones; paths into non-ROW types or outside are errors.
    let paths = vec![vec![row, 0], vec![row]];
    let projection = Projection::from_paths(&batch.schema(), &paths).expect("projection");
    assert_eq!(projection[row], Projection::All);
    assert!(Projection::from_paths(&batch.schema(), &[vec![3, 0]]).is_err());
    assert!(Projection::from_paths(&batch.schema(), &[vec![row, 9]]).is_err());
    assert!(Projection::from_paths(&batch.schema(), &[vec![99]]).is_err());
}
