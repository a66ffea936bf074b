//! Expected bytes are the output of Flink 2.3.0's `JsonRowDataSerializationSchema` (flink-json with the
//! shaded Jackson 2.20.1, JDK 17) for the same values, one column `v` per row unless stated.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Decimal128Array, Float32Array, Float64Array, Int8Array,
    Int16Array, Int32Array, Int64Array, StringArray, StructArray, TimestampMicrosecondArray,
    TimestampMillisecondArray,
};
use arrow::buffer::NullBuffer;
use arrow::datatypes::{DataType, Field, Fields, Schema};
use arrow::record_batch::RecordBatch;

use super::{JsonEncodeOptions, JsonLinesEncoder};
use crate::json::TimestampFormat;

fn encode_with(array: ArrayRef, options: JsonEncodeOptions) -> Vec<String> {
    let schema = Schema::new(vec![Field::new("v", array.data_type().clone(), true)]);
    let batch = RecordBatch::try_new(Arc::new(schema.clone()), vec![array]).expect("batch");
    lines(&schema, &batch, options)
}

fn lines(schema: &Schema, batch: &RecordBatch, options: JsonEncodeOptions) -> Vec<String> {
    let encoder = JsonLinesEncoder::try_new(schema, options).expect("encoder");
    let mut out = b"previous".to_vec();
    let n = encoder.encode(batch, &mut out).expect("encode");
    assert_eq!(n, batch.num_rows());
    let text = String::from_utf8(out.split_off(8)).expect("utf-8");
    assert_eq!(out, b"previous", "appends");
    assert!(text.is_empty() || text.ends_with('\n'));
    text.lines().map(str::to_string).collect()
}

fn encode(array: ArrayRef) -> Vec<String> {
    encode_with(array, JsonEncodeOptions::default())
}

fn v(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| format!("{{\"v\":{s}}}")).collect()
}

#[test]
fn strings_are_escaped_as_jackson_does() {
    let controls: String = (0u8..0x20).map(char::from).chain(['\u{7f}']).collect();
    let strings = [
        "",
        "a\"b\\c/d",
        controls.as_str(),
        "é中文😀",
        "\u{2028}\u{2029}\u{80}\u{FFFF}",
        "<>&'",
    ];
    let got = encode(Arc::new(StringArray::from(strings.to_vec())));
    let expected: Vec<&[u8]> = vec![
        b"{\"v\":\"\"}",
        b"{\"v\":\"a\\\"b\\\\c/d\"}",
        b"{\"v\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\x7f\"}",
        b"{\"v\":\"\xc3\xa9\xe4\xb8\xad\xe6\x96\x87\\uD83D\\uDE00\"}",
        b"{\"v\":\"\xe2\x80\xa8\xe2\x80\xa9\xc2\x80\xef\xbf\xbf\"}",
        b"{\"v\":\"<>&'\"}",
    ];
    let expected: Vec<String> = expected
        .into_iter()
        .map(|b| String::from_utf8(b.to_vec()).expect("utf-8"))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn supplementary_characters_between_ascii() {
    let got = encode(Arc::new(StringArray::from(vec!["a𝄞b😀", "😀"])));
    assert_eq!(
        got,
        v(&[r#""a\uD834\uDD1Eb\uD83D\uDE00""#, r#""\uD83D\uDE00""#])
    );
}

#[test]
fn booleans_and_integers() {
    assert_eq!(
        encode(Arc::new(BooleanArray::from(vec![
            Some(true),
            Some(false),
            None
        ]))),
        v(&["true", "false", "null"])
    );
    assert_eq!(
        encode(Arc::new(Int8Array::from(vec![-128, 127, 0]))),
        v(&["-128", "127", "0"])
    );
    assert_eq!(
        encode(Arc::new(Int16Array::from(vec![-32768]))),
        v(&["-32768"])
    );
    assert_eq!(
        encode(Arc::new(Int32Array::from(vec![i32::MIN, 42]))),
        v(&["-2147483648", "42"])
    );
    assert_eq!(
        encode(Arc::new(Int64Array::from(vec![i64::MIN, i64::MAX]))),
        v(&["-9223372036854775808", "9223372036854775807"])
    );
}

#[test]
fn null_fields_written_or_left_out() {
    let array: ArrayRef = Arc::new(Int32Array::from(vec![None]));
    assert_eq!(encode(Arc::clone(&array)), v(&["null"]));
    let ignore = JsonEncodeOptions {
        ignore_null_fields: true,
        ..Default::default()
    };
    assert_eq!(encode_with(array, ignore), vec!["{}".to_string()]);
}

/// (unscaled, precision, scale, stripped toString, plain)
const DECIMALS: &[(i128, u8, i8, &str, &str)] = &[
    (0, 10, 2, "0", "0.00"),
    (150, 10, 2, "1.5", "1.50"),
    (10000, 10, 2, "1E+2", "100.00"),
    (-1, 10, 2, "-0.01", "-0.01"),
    (1234567890, 10, 2, "12345678.9", "12345678.90"),
    (0, 38, 10, "0", "0.0000000000"),
    (1, 38, 10, "1E-10", "0.0000000001"),
    (100, 5, 0, "1E+2", "100"),
    (0, 5, 0, "0", "0"),
    (
        10_i128.pow(37),
        38,
        0,
        "1E+37",
        "10000000000000000000000000000000000000",
    ),
    (1, 20, 18, "1E-18", "0.000000000000000001"),
    (1000, 20, 10, "1E-7", "0.0000001000"),
    (10000, 20, 10, "0.000001", "0.0000010000"),
    (-1234560000000, 38, 10, "-123.456", "-123.4560000000"),
    (120, 3, 0, "1.2E+2", "120"),
];

#[test]
fn decimals_stripped_or_plain() {
    for &(unscaled, precision, scale, text, plain) in DECIMALS {
        let array: ArrayRef = Arc::new(
            Decimal128Array::from(vec![unscaled])
                .with_precision_and_scale(precision, scale)
                .expect("decimal"),
        );
        assert_eq!(
            encode(Arc::clone(&array)),
            v(&[text]),
            "{unscaled} scale {scale}"
        );
        let options = JsonEncodeOptions {
            decimal_as_plain_number: true,
            ..Default::default()
        };
        assert_eq!(
            encode_with(array, options),
            v(&[plain]),
            "{unscaled} scale {scale} plain"
        );
    }
}

#[test]
fn more_decimals_against_bigdecimal_rules() {
    // BigDecimal.toString after stripTrailingZeros: plain while the adjusted exponent >= -6.
    let cases: &[(i128, i8, &str)] = &[
        (123456, 6, "0.123456"),
        (1234567, 12, "0.000001234567"),
        (12345678, 14, "1.2345678E-7"),
        (-5, 7, "-5E-7"),
        (
            99999999999999999999999999999999999999,
            0,
            "99999999999999999999999999999999999999",
        ),
        (
            -99999999999999999999999999999999999999,
            38,
            "-0.99999999999999999999999999999999999999",
        ),
        (-120, 1, "-12"),
    ];
    for &(unscaled, scale, text) in cases {
        let array: ArrayRef = Arc::new(
            Decimal128Array::from(vec![unscaled])
                .with_precision_and_scale(38, scale)
                .expect("decimal"),
        );
        assert_eq!(encode(array), v(&[text]), "{unscaled} scale {scale}");
    }
}

#[test]
fn dates_as_iso_local_date() {
    let days = vec![0, -1, -719162, -719528, -719529, 2932896, 2932897, 19000];
    assert_eq!(
        encode(Arc::new(Date32Array::from(days))),
        v(&[
            r#""1970-01-01""#,
            r#""1969-12-31""#,
            r#""0001-01-01""#,
            r#""0000-01-01""#,
            r#""-0001-12-31""#,
            r#""9999-12-31""#,
            r#""+10000-01-01""#,
            r#""2022-01-08""#,
        ])
    );
}

/// Microseconds since the epoch of the Java test's LocalDateTimes, and their SQL text.
const TIMESTAMPS: &[(i64, &str)] = &[
    (1_609_330_394_000_000, "2020-12-30 12:13:14"),
    (1_609_330_380_000_000, "2020-12-30 12:13:00"),
    (1_609_286_400_000_000, "2020-12-30 00:00:00"),
    (1_609_330_394_100_000, "2020-12-30 12:13:14.1"),
    (1_609_330_394_120_000, "2020-12-30 12:13:14.12"),
    (1_609_330_394_123_456, "2020-12-30 12:13:14.123456"),
    (1_609_330_394_000_001, "2020-12-30 12:13:14.000001"),
    (-1_000, "1969-12-31 23:59:59.999"),
    (-62_135_596_800_000_000, "0001-01-01 00:00:00"),
    (-11_670_994_676_500_000, "1600-02-29 01:02:03.5"),
];

#[test]
fn timestamps_in_both_standards_with_and_without_zone() {
    for (format, separator) in [(TimestampFormat::Sql, " "), (TimestampFormat::Iso8601, "T")] {
        let options = JsonEncodeOptions {
            timestamp_format: format,
            ..Default::default()
        };
        let micros: Vec<i64> = TIMESTAMPS.iter().map(|t| t.0).collect();
        let expected: Vec<String> = TIMESTAMPS
            .iter()
            .map(|t| t.1.replacen(' ', separator, 1))
            .collect();
        let quoted = |suffix: &str| -> Vec<String> {
            expected
                .iter()
                .map(|t| format!("{{\"v\":\"{t}{suffix}\"}}"))
                .collect()
        };
        let ts: ArrayRef = Arc::new(TimestampMicrosecondArray::from(micros.clone()));
        assert_eq!(encode_with(ts, options), quoted(""));
        let ltz: ArrayRef = Arc::new(TimestampMicrosecondArray::from(micros).with_timezone("UTC"));
        assert_eq!(encode_with(ltz, options), quoted("Z"));
    }
    // Milliseconds: TIMESTAMP(0..3).
    let millis: ArrayRef = Arc::new(TimestampMillisecondArray::from(vec![
        -1,
        1_609_330_394_120,
        -62_135_596_800_000,
    ]));
    assert_eq!(
        encode(millis),
        v(&[
            r#""1969-12-31 23:59:59.999""#,
            r#""2020-12-30 12:13:14.12""#,
            r#""0001-01-01 00:00:00""#
        ])
    );
}

#[test]
fn floats_and_doubles_as_java_prints_them_quoting_non_finite() {
    let doubles = vec![
        1.0,
        0.1,
        1e7,
        9999999.0,
        1e-3,
        1e-4,
        f64::NAN,
        f64::INFINITY,
        -0.0,
        123456.789,
        2e-323,
        f64::MAX,
    ];
    assert_eq!(
        encode(Arc::new(Float64Array::from(doubles))),
        v(&[
            "1.0",
            "0.1",
            "1.0E7",
            "9999999.0",
            "0.001",
            "1.0E-4",
            r#""NaN""#,
            r#""Infinity""#,
            "-0.0",
            "123456.789",
            "2.0E-323",
            "1.7976931348623157E308",
        ])
    );
    let floats = vec![
        1.0f32,
        0.1,
        1e7,
        1.0e-5,
        f32::NAN,
        f32::MAX,
        1.4e-45,
        f32::NEG_INFINITY,
    ];
    assert_eq!(
        encode(Arc::new(Float32Array::from(floats))),
        v(&[
            "1.0",
            "0.1",
            "1.0E7",
            "1.0E-5",
            r#""NaN""#,
            "3.4028235E38",
            "1.4E-45",
            r#""-Infinity""#
        ])
    );
}

fn nested() -> (Schema, RecordBatch) {
    let inner = Fields::from(vec![
        Field::new("a", DataType::Int32, true),
        Field::new("b", DataType::Utf8, true),
    ]);
    let r = StructArray::new(
        inner.clone(),
        vec![
            Arc::new(Int32Array::from(vec![Some(2), None, None])) as ArrayRef,
            Arc::new(StringArray::from(vec![Some("x"), None, Some("q")])),
        ],
        Some(NullBuffer::from(vec![true, false, true])),
    );
    let schema = Schema::new(vec![
        Field::new("z", DataType::Int32, true),
        Field::new("r", DataType::Struct(inner), true),
        Field::new("a", DataType::Utf8, true),
    ]);
    let batch = RecordBatch::try_new(
        Arc::new(schema.clone()),
        vec![
            Arc::new(Int32Array::from(vec![Some(1), None, Some(3)])),
            Arc::new(r),
            Arc::new(StringArray::from(vec![Some("y"), None, None])),
        ],
    )
    .expect("batch");
    (schema, batch)
}

#[test]
fn nested_rows_in_schema_order() {
    let (schema, batch) = nested();
    assert_eq!(
        lines(&schema, &batch, JsonEncodeOptions::default()),
        vec![
            r#"{"z":1,"r":{"a":2,"b":"x"},"a":"y"}"#,
            r#"{"z":null,"r":null,"a":null}"#,
            r#"{"z":3,"r":{"a":null,"b":"q"},"a":null}"#,
        ]
    );
    let ignore = JsonEncodeOptions {
        ignore_null_fields: true,
        ..Default::default()
    };
    assert_eq!(
        lines(&schema, &batch, ignore),
        vec![
            r#"{"z":1,"r":{"a":2,"b":"x"},"a":"y"}"#,
            "{}",
            r#"{"z":3,"r":{"b":"q"}}"#
        ]
    );
}

#[test]
fn keys_are_escaped_too() {
    let schema = Schema::new(vec![Field::new("a\"\n😀", DataType::Int32, true)]);
    let batch = RecordBatch::try_new(
        Arc::new(schema.clone()),
        vec![Arc::new(Int32Array::from(vec![1]))],
    )
    .expect("batch");
    assert_eq!(
        lines(&schema, &batch, JsonEncodeOptions::default()),
        vec![r#"{"a\"\n\uD83D\uDE00":1}"#]
    );
}

#[test]
fn unsupported_types_are_refused() {
    for data_type in [
        DataType::Binary,
        DataType::Time32(arrow::datatypes::TimeUnit::Millisecond),
        DataType::LargeUtf8,
    ] {
        let schema = Schema::new(vec![Field::new("v", data_type, true)]);
        let error = JsonLinesEncoder::try_new(&schema, JsonEncodeOptions::default())
            .expect_err("unsupported");
        assert!(
            error.to_string().contains("not encoded natively"),
            "{error}"
        );
    }
}

#[test]
fn a_batch_of_another_schema_is_an_error() {
    let schema = Schema::new(vec![Field::new("v", DataType::Int32, true)]);
    let encoder =
        JsonLinesEncoder::try_new(&schema, JsonEncodeOptions::default()).expect("encoder");
    let other = Schema::new(vec![Field::new("v", DataType::Utf8, true)]);
    let batch = RecordBatch::try_new(
        Arc::new(other),
        vec![Arc::new(StringArray::from(vec!["x"]))],
    )
    .expect("batch");
    assert!(encoder.encode(&batch, &mut Vec::new()).is_err());
}

/// Jackson's string escaping, character by character (the reference for the word-at-a-time scan).
fn reference_escape(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if (c as u32) > 0xFFFF => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04X}", unit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn random_strings_match_the_reference_escaping() {
    let alphabet: Vec<char> = "abcXYZ019 /'<>\"\\\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}\u{80}éß€中\u{2028}\u{FFFF}😀𝄞\u{10FFFF}"
        .chars()
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut strings = Vec::new();
    for _ in 0..2000 {
        let len = next() % 40;
        // Mostly plain ASCII, so the 8-byte skipping meets special bytes at every offset.
        let s: String = (0..len)
            .map(|_| {
                if next() % 4 == 0 {
                    alphabet[next() % alphabet.len()]
                } else {
                    'q'
                }
            })
            .collect();
        strings.push(s);
    }
    let got = encode(Arc::new(StringArray::from(
        strings.iter().map(String::as_str).collect::<Vec<_>>(),
    )));
    let expected: Vec<String> = strings
        .iter()
        .map(|s| format!("{{\"v\":{}}}", reference_escape(s)))
        .collect();
    assert_eq!(got, expected);
}
