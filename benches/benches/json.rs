//! JSON lines decoding: 4096 Nexmark-bid-like lines into a 7-column schema
//! (BIGINT x3, STRING channel, STRING url, TIMESTAMP(3), STRING extra); the same bids with the
//! price as a string into DECIMAL(10, 2) and channel, url and dateTime in a nested ROW; and the
//! flat bids with the price as a float into FLOAT and the dateTime in ISO-8601 with a `Z` into
//! TIMESTAMP_LTZ(3) (`json.timestamp-format.standard` = 'ISO-8601').
//! Throughput is reported in lines; ns/line = time per iteration / 4096.

use std::hint::black_box;

use arrow::datatypes::{DataType, SchemaRef, TimeUnit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{Decoded, JsonLinesDecoder, JsonOptions, TimestampFormat};

mod bids;

use bids::{LINES, Shape, bid_lines, flat_schema, nested_schema, timestamp3};

fn bench_decode(c: &mut Criterion, name: &str, schema: SchemaRef, shape: Shape) {
    let (data, offsets) = bid_lines(shape);
    let options = JsonOptions {
        timestamp_format: match shape {
            Shape::IsoLtzFloat => TimestampFormat::Iso8601,
            Shape::Flat | Shape::Nested => TimestampFormat::Sql,
        },
        ..JsonOptions::default()
    };
    let mut decoder = JsonLinesDecoder::try_new(schema, options).expect("decoder");
    match decoder.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(batch) => assert_eq!(batch.num_rows(), LINES),
        Decoded::Fallback { line, reason } => panic!("bench line {line} falls back: {reason}"),
    }

    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            decoder
                .decode(black_box(&data), black_box(&offsets))
                .expect("decode")
        })
    });
    group.finish();
}

fn json(c: &mut Criterion) {
    bench_decode(
        c,
        "decode_nexmark_bid_4096",
        flat_schema(DataType::Int64, timestamp3()),
        Shape::Flat,
    );
    bench_decode(
        c,
        "decode_nested_bid_string_price_4096",
        nested_schema(),
        Shape::Nested,
    );
    let ltz3 = DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()));
    bench_decode(
        c,
        "decode_iso_ltz_float_price_bid_4096",
        flat_schema(DataType::Float32, ltz3),
        Shape::IsoLtzFloat,
    );
}

criterion_group!(benches, json);
criterion_main!(benches);
