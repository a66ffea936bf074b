//! CSV lines encoding (the fused sink): 4096 Nexmark-bid-like rows as an Arrow batch written as the CSV lines
//! Flink's `csv` file sink writes (default options). Flat bids: BIGINT x3, STRING channel, STRING url,
//! TIMESTAMP(3) (always quoted: it holds a space), STRING extra. The batch is the lines of the JSON decode bench
//! (`bids`) parsed by `JsonLinesDecoder` (same values). Throughput is reported in rows; ns/row = time per
//! iteration / 4096.

use std::hint::black_box;

use arrow::datatypes::DataType;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{CsvEncodeOptions, CsvLinesEncoder};

mod bids;

use bids::{LINES as ROWS, Shape, decoded_batch, flat_schema, timestamp3};

fn csv_encode(c: &mut Criterion) {
    let batch = decoded_batch(flat_schema(DataType::Int64, timestamp3()), Shape::Flat);
    let encoder =
        CsvLinesEncoder::try_new(&batch.schema(), CsvEncodeOptions::default()).expect("encoder");
    let mut out = Vec::new();
    assert_eq!(encoder.encode(&batch, &mut out).expect("encode"), ROWS);
    if let Ok(prefix) = std::env::var("EMBER_BENCH_DUMP") {
        // For comparing with Flink's bulk writer on the same rows.
        std::fs::write(format!("{prefix}-csv.csv"), &out).expect("dump");
    }
    let mut group = c.benchmark_group("csv");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("encode_nexmark_bid_4096", |b| {
        b.iter(|| {
            out.clear();
            encoder.encode(black_box(&batch), &mut out).expect("encode")
        })
    });
    group.finish();
}

criterion_group!(benches, csv_encode);
criterion_main!(benches);
