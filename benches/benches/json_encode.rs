//! JSON lines encoding (the fused sink): 4096 Nexmark-bid-like rows as Arrow batches written as the JSON lines
//! Flink's `json` format writes. Flat bids: BIGINT x3, STRING channel, STRING url, TIMESTAMP(3), STRING extra;
//! nested bids: DECIMAL(10, 2) price and channel, url, dateTime in a ROW. The batches are the lines of the
//! decode bench (`bids`) parsed by `JsonLinesDecoder` (same values). Throughput is reported in rows; ns/row = time per
//! iteration / 4096.

use std::hint::black_box;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use arrow::record_batch::RecordBatch;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{Decoded, JsonEncodeOptions, JsonLinesDecoder, JsonLinesEncoder, JsonOptions};

mod bids;

use bids::{LINES as ROWS, Shape, bid_lines};

fn batch(schema: SchemaRef, shape: Shape) -> RecordBatch {
    let (data, offsets) = bid_lines(shape);
    let mut decoder = JsonLinesDecoder::try_new(schema, JsonOptions::default()).expect("decoder");
    match decoder.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(batch) => batch,
        Decoded::Fallback { line, reason } => panic!("bench line {line} falls back: {reason}"),
    }
}

fn bench_encode(c: &mut Criterion, name: &str, batch: &RecordBatch) {
    let encoder =
        JsonLinesEncoder::try_new(&batch.schema(), JsonEncodeOptions::default()).expect("encoder");
    let mut out = Vec::new();
    assert_eq!(encoder.encode(batch, &mut out).expect("encode"), ROWS);
    if let Ok(prefix) = std::env::var("EMBER_BENCH_DUMP") {
        // For comparing with Flink's serializer on the same rows.
        std::fs::write(format!("{prefix}-{name}.json"), &out).expect("dump");
    }
    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            out.clear();
            encoder.encode(black_box(batch), &mut out).expect("encode")
        })
    });
    group.finish();
}

fn json_encode(c: &mut Criterion) {
    let ts3 = DataType::Timestamp(TimeUnit::Millisecond, None);
    let flat = Arc::new(Schema::new(vec![
        Field::new("auction", DataType::Int64, true),
        Field::new("bidder", DataType::Int64, true),
        Field::new("price", DataType::Int64, true),
        Field::new("channel", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("dateTime", ts3.clone(), true),
        Field::new("extra", DataType::Utf8, true),
    ]));
    bench_encode(c, "encode_nexmark_bid_4096", &batch(flat, Shape::Flat));

    let bid = Fields::from(vec![
        Field::new("channel", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("dateTime", ts3, true),
    ]);
    let nested = Arc::new(Schema::new(vec![
        Field::new("auction", DataType::Int64, true),
        Field::new("bidder", DataType::Int64, true),
        Field::new("price", DataType::Decimal128(10, 2), true),
        Field::new("bid", DataType::Struct(bid), true),
        Field::new("extra", DataType::Utf8, true),
    ]));
    bench_encode(
        c,
        "encode_nested_bid_decimal_price_4096",
        &batch(nested, Shape::Nested),
    );
}

criterion_group!(benches, json_encode);
criterion_main!(benches);
