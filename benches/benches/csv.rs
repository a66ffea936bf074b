//! CSV decoding: 4096 Nexmark-bid-like records into a 7-column schema (BIGINT x3, STRING channel,
//! STRING url, TIMESTAMP(3), STRING extra), plain and with the url quoted (a `,` inside), and the
//! price as DECIMAL(10, 2) text. Throughput is reported in records; ns/record = time per iteration
//! / 4096.

use std::hint::black_box;

use arrow::datatypes::{DataType, SchemaRef};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ember_formats::{CsvDecoder, CsvOptions, Decoded};

mod bids;

use bids::{CHANNELS, LINES as RECORDS, flat_schema, timestamp3};

/// The records back to back, each with its `\n`, and their offsets.
fn bid_records(quoted: bool, decimal: bool) -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0i32];
    for i in 0..RECORDS {
        let price = 100 + i * 31 % 100_000;
        let price = if decimal {
            format!("{}.{:02}", price / 100, price % 100)
        } else {
            price.to_string()
        };
        let url = format!(
            "https://www.nexmark.com/{}/item.htm?query=1&channel_id={}",
            ["apple", "banana", "cherry"][i % 3],
            i * 104_729 % 1_000_000
        );
        let url = if quoted { format!("\"{url},x\"") } else { url };
        let record = format!(
            "{},{},{},{},{},2026-11-23 10:{:02}:{:02}.{:03},{}\n",
            1000 + i % 97,
            2001 + i * 7 % 1013,
            price,
            CHANNELS[i % 4],
            url,
            i / 60 % 60,
            i % 60,
            i * 37 % 1000,
            "x".repeat(8 + i % 24)
        );
        data.extend_from_slice(record.as_bytes());
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}

fn schema(decimal: bool) -> SchemaRef {
    let price = if decimal {
        DataType::Decimal128(10, 2)
    } else {
        DataType::Int64
    };
    flat_schema(price, timestamp3())
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("csv_decode");
    group.throughput(Throughput::Elements(RECORDS as u64));
    for (name, quoted, decimal) in [
        ("bids_7col", false, false),
        ("bids_7col_quoted_url", true, false),
        ("bids_7col_decimal_price", false, true),
    ] {
        let (data, offsets) = bid_records(quoted, decimal);
        let projection: Vec<usize> = (0..7).collect();
        let mut decoder =
            CsvDecoder::try_new(schema(decimal), 7, &projection, CsvOptions::default())
                .expect("decoder");
        group.bench_function(name, |b| {
            b.iter(|| match decoder.decode(black_box(&data), &offsets) {
                Ok(Decoded::Batch(batch)) => batch.num_rows(),
                other => panic!("unexpected {other:?}"),
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
