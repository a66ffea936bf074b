//! Expected bytes pinned from Flink 2.3's own `CsvFileFormatFactory` bulk writer (flink-csv 2.3.0,
//! shaded Jackson 2.20) on the same rows.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Decimal128Array, Float32Array, Float64Array, Int32Array,
    Int64Array, StringArray, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use arrow::record_batch::RecordBatch;

use super::{CsvEncodeOptions, CsvLinesEncoder};

fn encode(columns: Vec<ArrayRef>, options: CsvEncodeOptions) -> String {
    let fields: Vec<Field> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| Field::new(format!("f{i}"), c.data_type().clone(), true))
        .collect();
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).expect("batch");
    let encoder = CsvLinesEncoder::try_new(&batch.schema(), options).expect("encoder");
    let mut out = Vec::new();
    encoder.encode(&batch, &mut out).expect("encode");
    String::from_utf8(out).expect("utf8")
}

const STRINGS: &[&str] = &[
    "",
    "plain",
    "a b",
    " lead",
    "trail ",
    "a,b",
    "q\"q",
    "line\nbreak",
    "cr\rx",
    "tab\tx",
    "#hash",
    "back\\slash",
    "dash-dot.",
    "x!y",
    "+1",
    "abcdefghijklmnopqrstuvwx",
    "abcdefghijklmnopqrstuvwxy",
    "ééééééééééééééééééééééééé",
    "😀😀😀😀😀😀😀😀😀😀😀😀",
    "😀😀😀😀😀😀😀😀😀😀😀😀😀",
    "a|b",
    "'single'",
    "Zürich",
];

/// Each string of [`STRINGS`] then NULL, with an INT 7 (NULL in the last row) after it.
fn strings(options: CsvEncodeOptions) -> Vec<String> {
    let mut texts: Vec<Option<&str>> = STRINGS.iter().map(|s| Some(*s)).collect();
    texts.push(None);
    let mut ints = vec![Some(7); STRINGS.len()];
    ints.push(None);
    let text = encode(
        vec![
            Arc::new(StringArray::from(texts)),
            Arc::new(Int32Array::from(ints)),
        ],
        options,
    );
    // One line per row; the quoted newline stays inside its line.
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        if c == '\n' && !quoted {
            lines.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
        if c == '"' || c == '\'' {
            quoted = !quoted;
        }
    }
    lines
}

#[test]
fn default_quoting() {
    let expected = [
        ",7",
        "plain,7",
        "\"a b\",7",
        "\" lead\",7",
        "\"trail \",7",
        "\"a,b\",7",
        "\"q\"\"q\",7",
        "\"line\nbreak\",7",
        "\"cr\rx\",7",
        "\"tab\tx\",7",
        "\"#hash\",7",
        "\"back\\slash\",7",
        "dash-dot.,7",
        "\"x!y\",7",
        "\"+1\",7",
        "abcdefghijklmnopqrstuvwx,7",
        "\"abcdefghijklmnopqrstuvwxy\",7",
        "\"ééééééééééééééééééééééééé\",7",
        "😀😀😀😀😀😀😀😀😀😀😀😀,7",
        "\"😀😀😀😀😀😀😀😀😀😀😀😀😀\",7",
        "a|b,7",
        "\"'single'\",7",
        "Zürich,7",
        ",",
    ];
    assert_eq!(strings(CsvEncodeOptions::default()), expected);
}

#[test]
fn pipe_delimiter_quotes_almost_everything() {
    let options = CsvEncodeOptions {
        field_delimiter: b'|',
        ..CsvEncodeOptions::default()
    };
    let lines = strings(options);
    assert_eq!(lines[0], "|7");
    assert_eq!(lines[1], "\"plain\"|7");
    assert_eq!(lines[12], "\"dash-dot.\"|7");
    assert_eq!(lines[18], "😀😀😀😀😀😀😀😀😀😀😀😀|7");
    assert_eq!(lines[20], "\"a|b\"|7");
    assert_eq!(lines[22], "\"Zürich\"|7");
    assert_eq!(lines[23], "|");
}

#[test]
fn tab_delimiter() {
    let options = CsvEncodeOptions {
        field_delimiter: b'\t',
        ..CsvEncodeOptions::default()
    };
    let lines = strings(options);
    assert_eq!(lines[2], "\"a b\"\t7");
    assert_eq!(lines[5], "a,b\t7");
    assert_eq!(lines[9], "\"tab\tx\"\t7");
    assert_eq!(lines[10], "#hash\t7");
    assert_eq!(lines[11], "\"back\\slash\"\t7");
    assert_eq!(lines[14], "+1\t7");
    assert_eq!(lines[21], "'single'\t7");
}

#[test]
fn single_quote_and_no_quote_and_null_literal() {
    let text = |options| {
        let mut t: Vec<Option<&str>> = STRINGS.iter().map(|s| Some(*s)).collect();
        t.push(None);
        encode(vec![Arc::new(StringArray::from(t))], options)
    };
    let single = text(CsvEncodeOptions {
        quote_character: Some(b'\''),
        ..CsvEncodeOptions::default()
    });
    assert!(single.contains("\n'q\"q'\n"), "{single}");
    assert!(single.contains("\n'''single'''\n"), "{single}");
    assert!(single.contains("\n'back\\slash'\n"), "{single}");
    let none = text(CsvEncodeOptions {
        quote_character: None,
        ..CsvEncodeOptions::default()
    });
    let mut raw = STRINGS.join("\n");
    raw.push_str("\n\n");
    assert_eq!(none, format!("{raw}"));
    let null = text(CsvEncodeOptions {
        null_literal: b"NULL".to_vec(),
        ..CsvEncodeOptions::default()
    });
    assert!(null.starts_with("\nplain\n"), "{null}");
    assert!(null.ends_with("\nZürich\nNULL\n"), "{null}");
}

#[test]
fn types() {
    let ts = |s: i64| Some(s);
    let text = encode(
        vec![
            Arc::new(BooleanArray::from(vec![
                Some(true),
                Some(false),
                Some(false),
                None,
            ])),
            Arc::new(
                Decimal128Array::from(vec![Some(1_000_000), Some(0), Some(1), Some(-123_400)])
                    .with_precision_and_scale(10, 4)
                    .expect("decimal"),
            ),
            Arc::new(Date32Array::from(vec![
                Some(0),
                Some(-719_528),
                Some(2_932_897),
                Some(3_000_000),
            ])),
            Arc::new(TimestampMillisecondArray::from(vec![
                ts(-1),
                ts(1_577_934_245_000),
                None,
                None,
            ])),
            Arc::new(TimestampMicrosecondArray::from(vec![
                ts(1_577_934_245_123_450),
                ts(1_577_934_245_000_001),
                None,
                None,
            ])),
            Arc::new(
                TimestampMillisecondArray::from(vec![ts(0), ts(1), None, None])
                    .with_timezone("UTC"),
            ),
            Arc::new(Float32Array::from(vec![
                Some(1.5),
                Some(f32::NEG_INFINITY),
                Some(1e10),
                None,
            ])),
            Arc::new(Float64Array::from(vec![
                Some(f64::NAN),
                Some(1e-7),
                Some(123_456_789.0),
                None,
            ])),
            Arc::new(Int64Array::from(vec![
                Some(i64::MIN),
                Some(0),
                Some(1),
                None,
            ])),
        ],
        CsvEncodeOptions::default(),
    );
    assert_eq!(
        text,
        "true,1E+2,1970-01-01,\"1969-12-31 23:59:59.999\",\"2020-01-02 03:04:05.12345\",\"1970-01-01 00:00:00Z\",1.5,NaN,-9223372036854775808\n\
         false,0,0000-01-01,\"2020-01-02 03:04:05\",\"2020-01-02 03:04:05.000001\",\"1970-01-01 00:00:00.001Z\",-Infinity,1.0E-7,0\n\
         false,0.0001,\"+10000-01-01\",,,,1.0E10,1.23456789E8,1\n\
         ,-12.34,\"+10183-09-21\",,,,,,\n"
    );
}

#[test]
fn refused_types_and_options() {
    for data_type in [
        DataType::Binary,
        DataType::Time32(TimeUnit::Millisecond),
        DataType::Timestamp(TimeUnit::Nanosecond, None),
        DataType::List(Arc::new(Field::new("e", DataType::Int32, true))),
    ] {
        let schema = Schema::new(vec![Field::new("f", data_type.clone(), true)]);
        assert!(
            CsvLinesEncoder::try_new(&schema, CsvEncodeOptions::default()).is_err(),
            "{data_type}"
        );
    }
    let schema = Schema::new(vec![Field::new("f", DataType::Utf8, true)]);
    for options in [
        CsvEncodeOptions {
            field_delimiter: 0xA6,
            ..CsvEncodeOptions::default()
        },
        CsvEncodeOptions {
            quote_character: Some(0xC3),
            ..CsvEncodeOptions::default()
        },
    ] {
        assert!(CsvLinesEncoder::try_new(&schema, options).is_err());
    }
}

#[test]
fn escape_character() {
    let strings = [
        "plain",
        "back\\slash",
        "#hash",
        "q\"q",
        "esc\\ and \" and # hash",
        "a#b",
        "a\\b",
        "abcdefghijklmnopqrstuvwxyz\\#\"",
    ];
    let text = |options| encode(vec![Arc::new(StringArray::from(strings.to_vec()))], options);
    assert_eq!(
        text(CsvEncodeOptions {
            escape_character: Some(b'\\'),
            ..CsvEncodeOptions::default()
        }),
        "plain\n\"back\\\\slash\"\n\"#hash\"\n\"q\"\"q\"\n\"esc\\\\ and \"\" and # hash\"\n\"a#b\"\n\
         \"a\\\\b\"\n\"abcdefghijklmnopqrstuvwxyz\\\\#\"\"\"\n"
    );
    assert_eq!(
        text(CsvEncodeOptions {
            escape_character: Some(b'#'),
            ..CsvEncodeOptions::default()
        }),
        "plain\nback\\slash\n\"##hash\"\n\"q\"\"q\"\n\"esc\\ and \"\" and ## hash\"\n\"a##b\"\n\
         a\\b\n\"abcdefghijklmnopqrstuvwxyz\\##\"\"\"\n"
    );
    let mut raw = strings.join("\n");
    raw.push('\n');
    assert_eq!(
        text(CsvEncodeOptions {
            escape_character: Some(b'#'),
            quote_character: None,
            ..CsvEncodeOptions::default()
        }),
        raw
    );
}
