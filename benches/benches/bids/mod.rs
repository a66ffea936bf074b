//! The Nexmark-bid-like rows shared by the format benches: JSON lines (`json.rs` decodes them, the encode
//! benches encode the rows they hold), their schemas, and the values the CSV records of `csv.rs` are made of.
//! Each bench uses part of it.
#![allow(dead_code)]

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use arrow::record_batch::RecordBatch;
use ember_formats::{Decoded, JsonLinesDecoder, JsonOptions};

pub const LINES: usize = 4096;
pub const CHANNELS: [&str; 4] = ["Google", "Facebook", "Baidu", "Apple"];

/// TIMESTAMP(3).
pub fn timestamp3() -> DataType {
    DataType::Timestamp(TimeUnit::Millisecond, None)
}

/// The 7 flat bid columns (BIGINT auction, bidder, `price`, STRING channel, url, `date_time`, STRING extra).
pub fn flat_schema(price: DataType, date_time: DataType) -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("auction", DataType::Int64, true),
        Field::new("bidder", DataType::Int64, true),
        Field::new("price", price, true),
        Field::new("channel", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("dateTime", date_time, true),
        Field::new("extra", DataType::Utf8, true),
    ]))
}

/// The `Shape::Nested` columns: DECIMAL(10, 2) price; channel, url and dateTime in the ROW `bid`.
pub fn nested_schema() -> SchemaRef {
    let bid = Fields::from(vec![
        Field::new("channel", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("dateTime", timestamp3(), true),
    ]);
    Arc::new(Schema::new(vec![
        Field::new("auction", DataType::Int64, true),
        Field::new("bidder", DataType::Int64, true),
        Field::new("price", DataType::Decimal128(10, 2), true),
        Field::new("bid", DataType::Struct(bid), true),
        Field::new("extra", DataType::Utf8, true),
    ]))
}

/// The rows of `bid_lines(shape)` decoded into `schema`: what the encode benches encode.
pub fn decoded_batch(schema: SchemaRef, shape: Shape) -> RecordBatch {
    let (data, offsets) = bid_lines(shape);
    let mut decoder = JsonLinesDecoder::try_new(schema, JsonOptions::default()).expect("decoder");
    match decoder.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(batch) => batch,
        Decoded::Fallback { line, reason } => panic!("bench line {line} falls back: {reason}"),
    }
}

/// The shape of the bid lines.
#[derive(Clone, Copy, PartialEq)]
pub enum Shape {
    /// `"price":12345`, `"dateTime":"2026-11-23 10:00:00.123"`.
    Flat,
    /// The price as a string with cents, and channel, url and dateTime inside `"bid":{..}`.
    Nested,
    /// As `Flat` with `"price":123.45` and `"dateTime":"2026-11-23T10:00:00.123Z"`.
    IsoLtzFloat,
}

/// The lines back to back, `\n`-free, with their offsets.
pub fn bid_lines(shape: Shape) -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0i32];
    for i in 0..LINES {
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
            "2026-11-23{}10:{:02}:{:02}.{:03}{}",
            if shape == Shape::IsoLtzFloat {
                'T'
            } else {
                ' '
            },
            i / 60 % 60,
            i % 60,
            i * 37 % 1000,
            if shape == Shape::IsoLtzFloat { "Z" } else { "" }
        );
        let extra = "x".repeat(8 + i % 24);
        let line = match shape {
            Shape::Nested => format!(
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
            ),
            Shape::Flat => format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":{},"channel":"{}","#,
                    r#""url":"{}","dateTime":"{}","extra":"{}"}}"#
                ),
                auction, bidder, price, channel, url, date_time, extra
            ),
            Shape::IsoLtzFloat => format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":{}.{:02},"channel":"{}","#,
                    r#""url":"{}","dateTime":"{}","extra":"{}"}}"#
                ),
                auction,
                bidder,
                price,
                i % 100,
                channel,
                url,
                date_time,
                extra
            ),
        };
        data.extend_from_slice(line.as_bytes());
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}
