//! JSON lines encoding (the fused sink): 4096 Nexmark-bid-like rows as Arrow batches written as the JSON lines
//! Flink's `json` format writes. Flat bids: BIGINT x3, STRING channel, STRING url, TIMESTAMP(3), STRING extra;
//! nested bids: DECIMAL(10, 2) price and channel, url, dateTime in a ROW. The batches are the lines of the
//! decode bench (`bids`) parsed by `JsonLinesDecoder` (same values). Throughput is reported in rows; ns/row = time per
//! iteration / 4096.

use std::hint::black_box;

use arrow::datatypes::DataType;
use arrow::record_batch::RecordBatch;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{JsonEncodeOptions, JsonLinesEncoder};

mod bids;

use bids::{LINES as ROWS, Shape, decoded_batch, flat_schema, nested_schema, timestamp3};

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
    let flat = flat_schema(DataType::Int64, timestamp3());
    bench_encode(
        c,
        "encode_nexmark_bid_4096",
        &decoded_batch(flat, Shape::Flat),
    );
    bench_encode(
        c,
        "encode_nested_bid_decimal_price_4096",
        &decoded_batch(nested_schema(), Shape::Nested),
    );
}

criterion_group!(benches, json_encode);
criterion_main!(benches);
