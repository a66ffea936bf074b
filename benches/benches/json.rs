//! JSON lines decoding: 4096 Nexmark-bid-like lines into a 7-column schema
//! (BIGINT x3, STRING channel, STRING url, TIMESTAMP(3), STRING extra).
//! Throughput is reported in lines; ns/line = time per iteration / 4096.

use std::hint::black_box;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{Decoded, JsonLinesDecoder, JsonOptions};

const LINES: usize = 4096;
const CHANNELS: [&str; 4] = ["Google", "Facebook", "Baidu", "Apple"];

/// The lines back to back, `\n`-free, with their offsets.
fn bid_lines() -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0i32];
    for i in 0..LINES {
        let line = format!(
            concat!(
                r#"{{"auction":{},"bidder":{},"price":{},"channel":"{}","#,
                r#""url":"https://www.nexmark.com/{}/item.htm?query=1&channel_id={}","#,
                r#""dateTime":"2026-11-23 10:{:02}:{:02}.{:03}","extra":"{}"}}"#
            ),
            1000 + i % 97,
            2001 + i * 7 % 1013,
            100 + i * 31 % 100_000,
            CHANNELS[i % 4],
            ["apple", "banana", "cherry"][i % 3],
            i * 104_729 % 1_000_000,
            i / 60 % 60,
            i % 60,
            i * 37 % 1000,
            "x".repeat(8 + i % 24),
        );
        data.extend_from_slice(line.as_bytes());
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}

fn json(c: &mut Criterion) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("auction", DataType::Int64, true),
        Field::new("bidder", DataType::Int64, true),
        Field::new("price", DataType::Int64, true),
        Field::new("channel", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new(
            "dateTime",
            DataType::Timestamp(TimeUnit::Millisecond, None),
            true,
        ),
        Field::new("extra", DataType::Utf8, true),
    ]));
    let (data, offsets) = bid_lines();
    let mut decoder = JsonLinesDecoder::try_new(schema, JsonOptions::default()).expect("decoder");
    match decoder.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(batch) => assert_eq!(batch.num_rows(), LINES),
        Decoded::Fallback { line, reason } => panic!("bench line {line} falls back: {reason}"),
    }

    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function("decode_nexmark_bid_4096", |b| {
        b.iter(|| {
            decoder
                .decode(black_box(&data), black_box(&offsets))
                .expect("decode")
        })
    });
    group.finish();
}

criterion_group!(benches, json);
criterion_main!(benches);
