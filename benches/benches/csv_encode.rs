//! CSV lines encoding (the fused sink): 4096 Nexmark-bid-like rows as an Arrow batch written as the CSV lines
//! Flink's `csv` file sink writes (default options). Flat bids: BIGINT x3, STRING channel, STRING url,
//! TIMESTAMP(3) (always quoted: it holds a space), STRING extra. The batch is the lines of the JSON decode bench
//! (`bids`) parsed by `JsonLinesDecoder` (same values). Throughput is reported in rows; ns/row = time per
//! iteration / 4096.

use std::hint::black_box;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{CsvEncodeOptions, CsvLinesEncoder, Decoded, JsonLinesDecoder, JsonOptions};

#[allow(dead_code)] // the nested shape is for the JSON benches
mod bids;

use bids::{LINES as ROWS, Shape, bid_lines};

fn csv_encode(c: &mut Criterion) {
    let ts3 = DataType::Timestamp(TimeUnit::Millisecond, None);
    let flat = Arc::new(Schema::new(vec![
        Field::new("auction", DataType::Int64, true),
        Field::new("bidder", DataType::Int64, true),
        Field::new("price", DataType::Int64, true),
        Field::new("channel", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("dateTime", ts3, true),
        Field::new("extra", DataType::Utf8, true),
    ]));
    let (data, offsets) = bid_lines(Shape::Flat);
    let mut decoder = JsonLinesDecoder::try_new(flat, JsonOptions::default()).expect("decoder");
    let batch = match decoder.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(batch) => batch,
        Decoded::Fallback { line, reason } => panic!("bench line {line} falls back: {reason}"),
    };
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
