//! JSON lines encoding (the fused sink): 4096 Nexmark-bid-like rows as Arrow batches written as the JSON lines
//! Flink's `json` format writes. Flat bids: BIGINT x3, STRING channel, STRING url, TIMESTAMP(3), STRING extra;
//! nested bids: DECIMAL(10, 2) price and channel, url, dateTime in a ROW. The batches are the lines of the
//! decode bench parsed by `JsonLinesDecoder` (same values). Throughput is reported in rows; ns/row = time per
//! iteration / 4096.

use std::hint::black_box;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use arrow::record_batch::RecordBatch;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{Decoded, JsonEncodeOptions, JsonLinesDecoder, JsonLinesEncoder, JsonOptions};

const ROWS: usize = 4096;
const CHANNELS: [&str; 4] = ["Google", "Facebook", "Baidu", "Apple"];

/// The bid lines of the decode bench (`json.rs`), flat or nested.
fn bid_lines(nested: bool) -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0i32];
    for i in 0..ROWS {
        let auction = 1000 + i % 97;
        let bidder = 2001 + i * 7 % 1013;
        let price = 100 + i * 31 % 100_000;
        let channel = CHANNELS[i % 4];
        let url = format!(
            "https://www.nexmark.com/{}/item.htm?query=1&channel_id={}",
            ["apple", "banana", "cherry"][i % 3],
            i * 104_729 % 1_000_000
        );
        let date_time = format!(
            "2026-11-23 10:{:02}:{:02}.{:03}",
            i / 60 % 60,
            i % 60,
            i * 37 % 1000
        );
        let extra = "x".repeat(8 + i % 24);
        let line = if nested {
            format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":"{}.{:02}","#,
                    r#""bid":{{"channel":"{}","url":"{}","dateTime":"{}"}},"extra":"{}"}}"#
                ),
                auction,
                bidder,
                price,
                i % 100,
                channel,
                url,
                date_time,
                extra
            )
        } else {
            format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":{},"channel":"{}","#,
                    r#""url":"{}","dateTime":"{}","extra":"{}"}}"#
                ),
                auction, bidder, price, channel, url, date_time, extra
            )
        };
        data.extend_from_slice(line.as_bytes());
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}

fn batch(schema: SchemaRef, nested: bool) -> RecordBatch {
    let (data, offsets) = bid_lines(nested);
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
    bench_encode(c, "encode_nexmark_bid_4096", &batch(flat, false));

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
        &batch(nested, true),
    );
}

criterion_group!(benches, json_encode);
criterion_main!(benches);
