//! Row boundary codec: decode and encode of 1024-row batches of
//! (INT, BIGINT, DOUBLE, STRING short, STRING long, DECIMAL(10,2), TIMESTAMP(3)).
//! Throughput is reported in values (rows x 7 columns).

use std::hint::black_box;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, Decimal128Array, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
    TimestampMillisecondArray,
};
use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_rows::{Encoded, RowDecoder, RowEncoder};

const ROWS: usize = 1024;
const COLUMNS: usize = 7;

fn bench_batch() -> RecordBatch {
    let schema = Arc::new(Schema::new(vec![
        Field::new("i", DataType::Int32, true),
        Field::new("l", DataType::Int64, true),
        Field::new("d", DataType::Float64, true),
        Field::new("s", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("price", DataType::Decimal128(10, 2), true),
        Field::new("ts", DataType::Timestamp(TimeUnit::Millisecond, None), true),
    ]));
    // ~1 NULL in 16 per column, at different rows per column.
    let null = |i: usize, c: usize| (i * 7 + c * 3).is_multiple_of(16);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from_iter(
            (0..ROWS).map(|i| (!null(i, 0)).then_some(i as i32 * 31)),
        )),
        Arc::new(Int64Array::from_iter(
            (0..ROWS).map(|i| (!null(i, 1)).then_some(i as i64 * 1_000_003)),
        )),
        Arc::new(Float64Array::from_iter(
            (0..ROWS).map(|i| (!null(i, 2)).then_some(i as f64 * 0.25)),
        )),
        Arc::new(StringArray::from_iter(
            (0..ROWS).map(|i| (!null(i, 3)).then(|| format!("u{}", i % 1000))),
        )),
        Arc::new(StringArray::from_iter((0..ROWS).map(|i| {
            (!null(i, 4)).then(|| format!("https://www.example.com/item/{i}?ref=bench"))
        }))),
        Arc::new(
            Decimal128Array::from_iter(
                (0..ROWS).map(|i| (!null(i, 5)).then_some(i as i128 * 199 - 5000)),
            )
            .with_precision_and_scale(10, 2)
            .expect("decimal"),
        ),
        Arc::new(TimestampMillisecondArray::from_iter((0..ROWS).map(|i| {
            (!null(i, 6)).then_some(1_700_000_000_000 + i as i64 * 17)
        }))),
    ];
    RecordBatch::try_new(schema, columns).expect("batch")
}

fn rows(c: &mut Criterion) {
    let batch = bench_batch();
    let kinds: Vec<u8> = (0..ROWS).map(|i| (i % 4) as u8).collect();
    let mut encoder = RowEncoder::try_new(batch.schema()).expect("encoder");
    let mut offsets = vec![0i32; ROWS + 1];
    let need = match encoder
        .encode(&batch, &kinds, &mut [], &mut offsets)
        .expect("size")
    {
        Encoded::NeedBytes(n) => n,
        Encoded::Rows(_) => 0,
    };
    let mut out = vec![0u8; need];
    encoder
        .encode(&batch, &kinds, &mut out, &mut offsets)
        .expect("encode");

    let mut group = c.benchmark_group("rows");
    group.throughput(Throughput::Elements((ROWS * COLUMNS) as u64));

    let mut decoder = RowDecoder::try_new(batch.schema()).expect("decoder");
    group.bench_function("decode_1024x7", |b| {
        b.iter(|| {
            let (decoded, kinds) = decoder
                .decode(black_box(&out), black_box(&offsets))
                .expect("decode");
            black_box((decoded, kinds.len()))
        })
    });

    let mut target = vec![0u8; need];
    let mut target_offsets = vec![0i32; ROWS + 1];
    group.bench_function("encode_1024x7", |b| {
        b.iter(|| {
            encoder
                .encode(black_box(&batch), &kinds, &mut target, &mut target_offsets)
                .expect("encode")
        })
    });
    group.finish();
}

criterion_group!(benches, rows);
criterion_main!(benches);
