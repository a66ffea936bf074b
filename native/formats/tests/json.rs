//! JSON lines decoder: accepted values (checked against Flink 2.3's `JsonParserRowDataDeserializationSchema`
//! by hand where Java semantics matter), every fallback rule, and the batch contract.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch, StringArray};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Field, Fields, Float32Type, Float64Type, Int8Type,
    Int16Type, Int32Type, Int64Type, Schema, SchemaRef, TimeUnit, TimestampMicrosecondType,
    TimestampMillisecondType,
};
use ember_formats::{Decoded, EmberError, JsonLinesDecoder, JsonOptions, TimestampFormat};

const MS: DataType = DataType::Timestamp(TimeUnit::Millisecond, None);
const US: DataType = DataType::Timestamp(TimeUnit::Microsecond, None);

/// TIMESTAMP_LTZ(3) and TIMESTAMP_LTZ(6) as the row codec types them.
fn ltz_ms() -> DataType {
    DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()))
}
fn ltz_us() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

fn schema(fields: Vec<Field>) -> SchemaRef {
    Arc::new(Schema::new(fields))
}

fn decoder_with(fields: Vec<Field>, fail_on_missing_field: bool) -> JsonLinesDecoder {
    JsonLinesDecoder::try_new(
        schema(fields),
        JsonOptions {
            fail_on_missing_field,
            ..JsonOptions::default()
        },
    )
    .expect("decoder")
}

/// The lines back to back and their offsets.
fn pack(lines: &[&[u8]]) -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0];
    for line in lines {
        data.extend_from_slice(line);
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}

fn decode(decoder: &mut JsonLinesDecoder, lines: &[&str]) -> Decoded {
    let lines: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
    let (data, offsets) = pack(&lines);
    decoder.decode(&data, &offsets).expect("decode")
}

fn expect_batch(decoded: Decoded) -> RecordBatch {
    match decoded {
        Decoded::Batch(batch) => batch,
        Decoded::Fallback { line, reason } => panic!("fallback at line {line}: {reason}"),
    }
}

fn expect_fallback(decoded: Decoded) -> (usize, &'static str) {
    match decoded {
        Decoded::Batch(batch) => panic!("expected a fallback, got {batch:?}"),
        Decoded::Fallback { line, reason } => (line, reason),
    }
}

/// Decodes `{"v": <value>}` into a one-column batch of `data_type`: the column, or the fallback reason.
fn value(data_type: DataType, value: &[u8]) -> Result<ArrayRef, &'static str> {
    value_in(TimestampFormat::Sql, data_type, value)
}

/// [`value`] with `json.timestamp-format.standard` = `format`.
fn value_in(
    format: TimestampFormat,
    data_type: DataType,
    value: &[u8],
) -> Result<ArrayRef, &'static str> {
    let schema = schema(vec![Field::new("v", data_type, true)]);
    let options = JsonOptions {
        timestamp_format: format,
        ..JsonOptions::default()
    };
    let mut decoder = JsonLinesDecoder::try_new(schema, options).expect("decoder");
    let line = [b"{\"v\":" as &[u8], value, b"}"].concat();
    let (data, offsets) = pack(&[&line]);
    match decoder.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(batch) => {
            assert_eq!(batch.num_rows(), 1);
            Ok(Arc::clone(batch.column(0)))
        }
        Decoded::Fallback { line, reason } => {
            assert_eq!(line, 0);
            Err(reason)
        }
    }
}

fn accepts(data_type: &DataType, text: &str) -> ArrayRef {
    value(data_type.clone(), text.as_bytes())
        .unwrap_or_else(|reason| panic!("{text} as {data_type}: fallback ({reason})"))
}

fn falls_back(data_type: &DataType, text: &[u8]) {
    if let Ok(column) = value(data_type.clone(), text) {
        panic!(
            "{} as {data_type}: accepted as {column:?}",
            String::from_utf8_lossy(text)
        );
    }
}

fn int64(text: &str) -> Option<i64> {
    let c = accepts(&DataType::Int64, text);
    c.is_valid(0)
        .then(|| c.as_primitive::<Int64Type>().value(0))
}

fn double(text: &str) -> f64 {
    accepts(&DataType::Float64, text)
        .as_primitive::<Float64Type>()
        .value(0)
}

/// The unscaled DECIMAL(p, s) value of `text`, `None` for NULL.
fn decimal(p: u8, s: i8, text: &str) -> Option<i128> {
    let c = accepts(&DataType::Decimal128(p, s), text);
    assert_eq!(c.data_type(), &DataType::Decimal128(p, s));
    c.is_valid(0)
        .then(|| c.as_primitive::<Decimal128Type>().value(0))
}

fn string(text: &str) -> String {
    accepts(&DataType::Utf8, text)
        .as_string::<i32>()
        .value(0)
        .to_owned()
}

fn boolean(text: &str) -> bool {
    accepts(&DataType::Boolean, text).as_boolean().value(0)
}

fn date(text: &str) -> i32 {
    accepts(&DataType::Date32, &format!("\"{text}\""))
        .as_primitive::<Date32Type>()
        .value(0)
}

fn millis(text: &str) -> i64 {
    accepts(&MS, &format!("\"{text}\""))
        .as_primitive::<TimestampMillisecondType>()
        .value(0)
}

fn micros(text: &str) -> i64 {
    accepts(&US, &format!("\"{text}\""))
        .as_primitive::<TimestampMicrosecondType>()
        .value(0)
}

// ---------------------------------------------------------------------------------------------
// The type table

#[test]
fn boolean_from_literals_and_java_parse_boolean_of_strings() {
    assert!(boolean("true"));
    assert!(!boolean("false"));
    // Boolean.parseBoolean(s.trim()): case-insensitive "true" after trimming chars <= U+0020.
    assert!(boolean(r#""true""#));
    assert!(boolean(r#""TrUe""#));
    assert!(boolean(r#"" true\t\n""#));
    assert!(boolean(r#""\u0000true\u0020""#));
    assert!(!boolean(r#""yes""#));
    assert!(!boolean(r#""1""#));
    assert!(!boolean(r#""""#));
    assert!(!boolean(r#""t rue""#));
    assert!(!boolean(r#""tru\u00e9""#));
    assert!(!boolean(r#""\u00a0true""#)); // NBSP is not trimmed
    for other in ["1", "0", "{}", "[]", "1.0"] {
        falls_back(&DataType::Boolean, other.as_bytes());
    }
}

#[test]
fn integers_in_range() {
    let c = accepts(&DataType::Int8, "-128");
    assert_eq!(c.as_primitive::<Int8Type>().value(0), -128);
    assert_eq!(
        accepts(&DataType::Int8, "127")
            .as_primitive::<Int8Type>()
            .value(0),
        127
    );
    assert_eq!(
        accepts(&DataType::Int16, "-32768")
            .as_primitive::<Int16Type>()
            .value(0),
        -32768
    );
    assert_eq!(
        accepts(&DataType::Int32, "2147483647")
            .as_primitive::<Int32Type>()
            .value(0),
        i32::MAX
    );
    assert_eq!(int64("-9223372036854775808"), Some(i64::MIN));
    assert_eq!(int64("9223372036854775807"), Some(i64::MAX));
    assert_eq!(int64("0"), Some(0));
    assert_eq!(int64("-0"), Some(0));
    assert_eq!(int64("  12 "), Some(12));
}

#[test]
fn integers_out_of_range_or_not_integers_fall_back() {
    for (t, text) in [
        (DataType::Int8, "128"),
        (DataType::Int8, "-129"),
        (DataType::Int16, "32768"),
        (DataType::Int32, "-2147483649"),
        (DataType::Int64, "9223372036854775808"),
        (DataType::Int64, "-9223372036854775809"),
        (DataType::Int64, "123456789012345678901234567890"),
        // Flink truncates floats: left to it.
        (DataType::Int32, "1.0"),
        (DataType::Int32, "1e2"),
        (DataType::Int64, "true"),
        (DataType::Int64, "[1]"),
        (DataType::Int64, "01"),
        (DataType::Int64, "+1"),
    ] {
        falls_back(&t, text.as_bytes());
    }
}

#[test]
fn doubles_are_correctly_rounded() {
    assert_eq!(double("1"), 1.0);
    assert_eq!(double("-0").to_bits(), (-0.0f64).to_bits());
    assert_eq!(double("-0.0").to_bits(), (-0.0f64).to_bits());
    assert_eq!(double("0.1"), 0.1);
    assert_eq!(double("1E5"), 100000.0);
    assert_eq!(double("2.5e-3"), 0.0025);
    assert_eq!(double("9007199254740993"), 9007199254740992.0); // 2^53 + 1 rounds to even
    assert_eq!(
        double("123456789012345678901234567890"),
        1.2345678901234568e29
    );
    assert_eq!(double("1e400"), f64::INFINITY); // Double.parseDouble overflows to Infinity
    assert_eq!(double("-1e400"), f64::NEG_INFINITY);
    assert_eq!(double("1e-400"), 0.0);
    assert_eq!(double("2.2250738585072011e-308"), 2.225073858507201e-308);
    for other in [
        "true", "NaN", "Infinity", "-", "1.", ".5", "1e", "0x10", "{}",
    ] {
        falls_back(&DataType::Float64, other.as_bytes());
    }
}

#[test]
fn decimals_round_half_up_exactly() {
    assert_eq!(decimal(10, 2, "12.345"), Some(1235));
    assert_eq!(decimal(10, 2, "12.344999"), Some(1234));
    assert_eq!(decimal(10, 2, "-12.345"), Some(-1235));
    assert_eq!(decimal(10, 2, "0.005"), Some(1));
    assert_eq!(decimal(10, 2, "-0.005"), Some(-1));
    assert_eq!(decimal(10, 2, "-0.004"), Some(0));
    assert_eq!(decimal(10, 2, "0.0049999999999999999999"), Some(0));
    assert_eq!(decimal(10, 2, "7"), Some(700));
    assert_eq!(decimal(10, 2, "-0"), Some(0));
    assert_eq!(decimal(10, 2, "0.000"), Some(0));
    assert_eq!(decimal(10, 0, "2.5"), Some(3));
    assert_eq!(decimal(10, 0, "-2.5"), Some(-3));
    assert_eq!(decimal(10, 0, "0.5"), Some(1));
    assert_eq!(decimal(10, 0, "0.49"), Some(0));
    assert_eq!(decimal(5, 5, "0.123456"), Some(12346));
}

#[test]
fn decimals_with_exponents() {
    assert_eq!(decimal(10, 2, "1.5e2"), Some(15000));
    assert_eq!(decimal(10, 2, "15E-1"), Some(150));
    assert_eq!(decimal(10, 2, "1.2345e+1"), Some(1235));
    assert_eq!(decimal(10, 2, "5e-3"), Some(1));
    assert_eq!(decimal(10, 2, "4e-3"), Some(0));
    assert_eq!(decimal(10, 2, "1e-400"), Some(0));
    assert_eq!(decimal(10, 2, "-1e-400"), Some(0));
    assert_eq!(decimal(10, 2, "1e400"), None);
    assert_eq!(decimal(38, 0, "1e37"), Some(10i128.pow(37)));
    assert_eq!(decimal(38, 0, "1e38"), None);
    assert_eq!(decimal(10, 2, "1e10000"), None);
    assert_eq!(decimal(10, 2, "1e-10000"), Some(0));
    // BigDecimal rejects exponents that overflow its int scale; far before that, Flink decides.
    falls_back(&DataType::Decimal128(10, 2), b"1e10001");
    falls_back(&DataType::Decimal128(10, 2), b"1e2147483648");
    falls_back(&DataType::Decimal128(10, 2), b"1e-2147483648");
}

#[test]
fn decimal_precision_overflow_is_null() {
    // DecimalData.fromBigDecimal returns null when the rounded value needs more than p digits.
    assert_eq!(decimal(5, 2, "999.99"), Some(99999));
    assert_eq!(decimal(5, 2, "999.994"), Some(99999));
    assert_eq!(decimal(5, 2, "999.995"), None); // rounds to 1000.00
    assert_eq!(decimal(5, 2, "-999.995"), None);
    assert_eq!(decimal(5, 2, "1000"), None);
    assert_eq!(decimal(5, 5, "1"), None);
    assert_eq!(decimal(5, 5, "0.999994"), Some(99999));
    assert_eq!(decimal(5, 5, "0.999995"), None);
    let max38 = "9".repeat(38);
    assert_eq!(decimal(38, 0, &max38), Some(10i128.pow(38) - 1));
    assert_eq!(
        decimal(38, 0, &format!("-{max38}")),
        Some(-(10i128.pow(38) - 1))
    );
    assert_eq!(
        decimal(38, 0, &format!("{max38}.4")),
        Some(10i128.pow(38) - 1)
    );
    assert_eq!(decimal(38, 0, &format!("{max38}.5")), None);
    assert_eq!(decimal(38, 0, &format!("{max38}9")), None);
    assert_eq!(
        decimal(38, 10, "1234567890123456789012345678.0123456789"),
        Some(12345678901234567890123456780123456789)
    );
    assert_eq!(
        decimal(38, 10, "-1234567890123456789012345678.01234567895"),
        Some(-12345678901234567890123456780123456790)
    );
    assert_eq!(decimal(38, 10, "12345678901234567890123456789"), None);
    // 60 significant digits, most of them rounded away.
    let long = format!("0.{}", "3".repeat(60));
    assert_eq!(
        decimal(38, 37, &long),
        Some(3333333333333333333333333333333333333)
    );
}

#[test]
fn decimal_overflow_in_a_not_null_column_falls_back() {
    let mut decoder = decoder_with(
        vec![Field::new("v", DataType::Decimal128(3, 0), false)],
        false,
    );
    let (line, reason) = expect_fallback(decode(&mut decoder, &[r#"{"v":1000}"#]));
    assert_eq!((line, reason), (0, "NULL in a NOT NULL column"));
}

#[test]
fn decimals_from_other_tokens_fall_back() {
    for other in ["true", "{}", "[1]", "NaN"] {
        falls_back(&DataType::Decimal128(10, 2), other.as_bytes());
    }
}

#[test]
fn dates_exact_including_year_0_and_pre_1970() {
    assert_eq!(date("1970-01-01"), 0);
    assert_eq!(date("1969-12-31"), -1);
    assert_eq!(date("2020-01-01"), 18262);
    assert_eq!(date("0000-01-01"), -719_528);
    assert_eq!(date("0000-02-29"), -719_469);
    assert_eq!(date("9999-12-31"), 2_932_896);
    assert_eq!(date("2000-02-29"), 11_016);
    assert_eq!(date("1600-02-29"), -135_081);
    assert_eq!(date("1582-10-05"), -141_437); // proleptic Gregorian: no Julian gap
    // Escapes are decoded before parsing, as Jackson's getText() does.
    assert_eq!(
        accepts(&DataType::Date32, r#""1970\u002d01-02""#)
            .as_primitive::<Date32Type>()
            .value(0),
        1
    );
}

#[test]
fn invalid_or_other_date_forms_fall_back() {
    for text in [
        "2021-02-29",
        "1900-02-29",
        "2020-04-31",
        "2020-13-01",
        "2020-00-10",
        "2020-01-00",
        "+2020-01-01",
        "20200-01-01",
        "2020-1-01",
        "2020-01-1",
        " 2020-01-01",
        "2020-01-01 ",
        "2020/01/01",
        "2020-01-01T00:00",
        "",
    ] {
        falls_back(&DataType::Date32, format!("\"{text}\"").as_bytes());
    }
    falls_back(&DataType::Date32, b"20200101");
    falls_back(&DataType::Date32, b"true");
}

#[test]
fn timestamps_in_millis_and_micros() {
    assert_eq!(millis("1970-01-01 00:00:00"), 0);
    assert_eq!(millis("2020-01-01 10:00:00"), 1_577_872_800_000);
    assert_eq!(millis("2020-01-01 10:00:00.1"), 1_577_872_800_100);
    assert_eq!(millis("2020-01-01 10:00:00.12"), 1_577_872_800_120);
    assert_eq!(millis("2020-01-01 10:00:00.123"), 1_577_872_800_123);
    assert_eq!(micros("2020-01-01 10:00:00.123456"), 1_577_872_800_123_456);
    assert_eq!(micros("2020-01-01 10:00:00.1"), 1_577_872_800_100_000);
    assert_eq!(micros("2020-01-01 10:00:00"), 1_577_872_800_000_000);
    // Before 1970: negative values, the fraction counts forward from the second (floor semantics).
    assert_eq!(millis("1969-12-31 23:59:59.5"), -500);
    assert_eq!(millis("1969-12-31 23:59:59.999"), -1);
    assert_eq!(micros("1969-12-31 23:59:59.999999"), -1);
    assert_eq!(millis("0000-01-01 00:00:00.1"), -62_167_219_199_900);
    assert_eq!(
        micros("0000-01-01 00:00:00.000001"),
        -62_167_219_199_999_999
    );
    assert_eq!(millis("9999-12-31 23:59:59.999"), 253_402_300_799_999);
    assert_eq!(
        micros("9999-12-31 23:59:59.999999"),
        253_402_300_799_999_999
    );
    assert_eq!(millis("2000-02-29 12:00:00"), 951_825_600_000);
}

#[test]
fn other_timestamp_forms_fall_back() {
    for (t, text) in [
        (&MS, "2020-01-01 10:00:00.1234"), // Flink keeps sub-millisecond digits
        (&US, "2020-01-01 10:00:00.1234567"),
        (&MS, "2020-01-01 10:00:00."),
        (&MS, "2020-01-01T10:00:00"),
        (&MS, "2020-01-01 24:00:00"), // Flink's SMART resolver: next day
        (&MS, "2020-01-01 10:60:00"),
        (&MS, "2020-01-01 10:00:60"),
        (&MS, "2021-02-30 10:00:00"), // SMART resolver: clamped to Feb 28
        (&MS, "2020-01-01 10:00"),
        (&MS, "2020-01-01 1:00:00"),
        (&MS, "2020-01-01"),
        (&MS, "2020-01-01 10:00:00Z"),
        (&MS, "2020-01-01 10:00:00 "),
        (&US, "2020-01-01  10:00:00"),
    ] {
        falls_back(t, format!("\"{text}\"").as_bytes());
    }
    falls_back(&MS, b"1577872800000");
}

#[test]
fn strings_numbers_and_booleans_into_string_columns() {
    assert_eq!(string(r#""plain""#), "plain");
    assert_eq!(string(r#""""#), "");
    // Numbers keep their text exactly as written; booleans become their literal.
    assert_eq!(string("1.50"), "1.50");
    assert_eq!(string("-0"), "-0");
    assert_eq!(string("1E5"), "1E5");
    assert_eq!(string("12345678901234567890123"), "12345678901234567890123");
    assert_eq!(string("true"), "true");
    assert_eq!(string("false"), "false");
    falls_back(&DataType::Utf8, br#"{"a":1}"#);
    falls_back(&DataType::Utf8, b"[1,2]");
}

#[test]
fn escapes_and_surrogate_pairs() {
    assert_eq!(
        string(r#""q\" b\\ s\/ \b\f\n\r\t""#),
        "q\" b\\ s/ \u{8}\u{c}\n\r\t"
    );
    assert_eq!(string(r#""\u0041\u00e9\u20AC""#), "Aé€");
    assert_eq!(string(r#""\u0000""#), "\0");
    assert_eq!(string(r#""\uD83D\uDE00""#), "😀");
    assert_eq!(string(r#""a\ud83d\ude00b""#), "a😀b");
    // A long string whose escape is far from the start (the scanner reads 8 bytes at a time).
    let long = format!("\"{}\\n{}\"", "x".repeat(37), "y".repeat(21));
    assert_eq!(
        string(&long),
        format!("{}\n{}", "x".repeat(37), "y".repeat(21))
    );
}

#[test]
fn bad_escapes_and_lone_surrogates_fall_back() {
    for text in [
        r#""\uD83D""#,
        r#""\uD83Dx""#,
        r#""\uD83D\n""#,
        r#""\uD83D\u0041""#,
        r#""\uDE00""#,
        r#""\uDE00\uD83D""#,
        r#""\x""#,
        r#""\'""#,
        r#""\u12""#,
        r#""\u12G4""#,
        r#""\""#,
    ] {
        falls_back(&DataType::Utf8, text.as_bytes());
    }
}

#[test]
fn multi_byte_utf8_in_keys_and_values() {
    let mut decoder = decoder_with(
        vec![
            Field::new("clé", DataType::Utf8, true),
            Field::new("😀", DataType::Int32, true),
            Field::new("日本", DataType::Utf8, true),
        ],
        false,
    );
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"clé":"välue €","😀":7,"日本":"語😀"}"#,
            r#"{"cl\u00e9":"x","\ud83d\ude00":8,"\u65e5\u672c":"\u8a9e"}"#,
        ],
    ));
    let cle = batch.column(0).as_string::<i32>();
    assert_eq!((cle.value(0), cle.value(1)), ("välue €", "x"));
    let smile = batch.column(1).as_primitive::<Int32Type>();
    assert_eq!((smile.value(0), smile.value(1)), (7, 8));
    let nihon = batch.column(2).as_string::<i32>();
    assert_eq!((nihon.value(0), nihon.value(1)), ("語😀", "語"));
}

#[test]
fn invalid_utf8_and_control_characters_fall_back() {
    for text in [
        b"\"\xff\"" as &[u8],
        b"\"abc\xc3\"",
        b"\"\xed\xa0\x80\"",     // an encoded surrogate
        b"\"\xc0\xaf\"",         // overlong
        b"\"\xf4\x90\x80\x80\"", // beyond U+10FFFF
        b"\"a\tb\"",
        b"\"a\nb\"",
        b"\"\x00\"",
        b"\"\x1f\"",
    ] {
        falls_back(&DataType::Utf8, text);
    }
    // Also in a key and in a skipped value.
    let mut decoder = decoder_with(vec![Field::new("a", DataType::Int32, true)], false);
    for line in [
        b"{\"\xff\":1,\"a\":1}" as &[u8],
        b"{\"a\":1,\"x\":[\"\xff\"]}",
        b"{\"a\":1,\"x\":\"\t\"}",
    ] {
        let (data, offsets) = pack(&[line]);
        expect_fallback(decoder.decode(&data, &offsets).expect("decode"));
    }
}

// ---------------------------------------------------------------------------------------------
// Line structure

fn two_columns() -> JsonLinesDecoder {
    decoder_with(
        vec![
            Field::new("a", DataType::Int64, true),
            Field::new("b", DataType::Utf8, true),
        ],
        false,
    )
}

fn rows(batch: &RecordBatch) -> Vec<(Option<i64>, Option<String>)> {
    let a = batch.column(0).as_primitive::<Int64Type>();
    let b = batch.column(1).as_string::<i32>();
    (0..batch.num_rows())
        .map(|i| {
            (
                a.is_valid(i).then(|| a.value(i)),
                b.is_valid(i).then(|| b.value(i).to_owned()),
            )
        })
        .collect()
}

#[test]
fn key_order_unknown_keys_and_whitespace() {
    let mut decoder = two_columns();
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"a":1,"b":"x"}"#,
            r#"{"b":"y","a":2}"#,
            " \t{ \"x\" : {\"a\":[1,{\"b\":null}],\"c\":{}} , \"a\" : 3 ,\r\n\"b\":\"z\" ,\"y\":[] } \r",
            r#"{"A":9,"a ":9,"a":4,"nested":{"a":1,"b":"no"},"b":"w"}"#,
            r#"{"x":"\u0041\ud83d\ude00","b":"v","a":5,"e":-1.5e3,"t":true,"f":false,"n":null}"#,
        ],
    ));
    assert_eq!(
        rows(&batch),
        vec![
            (Some(1), Some("x".into())),
            (Some(2), Some("y".into())),
            (Some(3), Some("z".into())),
            (Some(4), Some("w".into())),
            (Some(5), Some("v".into())),
        ]
    );
}

#[test]
fn empty_lines_produce_no_rows() {
    let mut decoder = two_columns();
    let batch = expect_batch(decode(
        &mut decoder,
        &["", r#"{"a":1,"b":"x"}"#, "", "", r#"{"a":2}"#, ""],
    ));
    assert_eq!(
        rows(&batch),
        vec![(Some(1), Some("x".into())), (Some(2), None)]
    );
    let batch = expect_batch(decode(&mut decoder, &["", ""]));
    assert_eq!(batch.num_rows(), 0);
    let batch = expect_batch(decoder.decode(&[], &[0]).expect("decode"));
    assert_eq!(batch.num_rows(), 0);
    assert_eq!(batch.schema(), *decoder.schema());
}

#[test]
fn nulls_and_missing_keys() {
    let mut decoder = two_columns();
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"a":null,"b":null}"#,
            r#"{}"#,
            r#"{"b":"only"}"#,
            r#"{ }"#,
            r#"{"a":7}"#,
        ],
    ));
    assert_eq!(
        rows(&batch),
        vec![
            (None, None),
            (None, None),
            (None, Some("only".into())),
            (None, None),
            (Some(7), None),
        ]
    );
    assert_eq!(batch.column(0).null_count(), 4);
}

#[test]
fn fail_on_missing_field() {
    let fields = || {
        vec![
            Field::new("a", DataType::Int64, true),
            Field::new("b", DataType::Utf8, true),
        ]
    };
    let mut strict = decoder_with(fields(), true);
    // Present with a null value is not missing.
    let batch = expect_batch(decode(
        &mut strict,
        &[r#"{"a":1,"b":"x"}"#, r#"{"b":null,"a":null}"#],
    ));
    assert_eq!(batch.num_rows(), 2);
    let (line, reason) =
        expect_fallback(decode(&mut strict, &[r#"{"a":1,"b":"x"}"#, r#"{"a":1}"#]));
    assert_eq!(line, 1);
    assert!(reason.contains("missing"), "{reason}");
    expect_fallback(decode(&mut strict, &["{}"]));
}

#[test]
fn null_in_a_not_null_column_falls_back() {
    let mut decoder = decoder_with(vec![Field::new("a", DataType::Int64, false)], false);
    expect_batch(decode(&mut decoder, &[r#"{"a":1}"#]));
    expect_fallback(decode(&mut decoder, &[r#"{"a":null}"#]));
    expect_fallback(decode(&mut decoder, &[r#"{}"#]));
}

#[test]
fn duplicate_known_keys_fall_back_unknown_ones_do_not() {
    let mut decoder = two_columns();
    let (_, reason) = expect_fallback(decode(&mut decoder, &[r#"{"a":1,"a":2,"b":"x"}"#]));
    assert_eq!(reason, "key occurs twice");
    expect_fallback(decode(&mut decoder, &[r#"{"a":1,"b":"x","\u0061":2}"#]));
    expect_fallback(decode(&mut decoder, &[r#"{"a":null,"a":null}"#]));
    let batch = expect_batch(decode(
        &mut decoder,
        &[r#"{"x":1,"a":1,"x":2,"b":"y","x":3}"#],
    ));
    assert_eq!(rows(&batch), vec![(Some(1), Some("y".into()))]);
}

#[test]
fn lines_that_are_not_one_object_fall_back() {
    let mut decoder = two_columns();
    for (line, reason) in [
        (" ", "line of whitespace only"),
        ("\t\r", "line of whitespace only"),
        (r#"[{"a":1}]"#, "top-level array"),
        ("1", "line is not a JSON object"),
        (r#""a""#, "line is not a JSON object"),
        ("null", "line is not a JSON object"),
        ("\u{feff}{\"a\":1}", "line is not a JSON object"), // Jackson skips a BOM: Flink decides
        (r#"{"a":1} x"#, "characters after the object"),
        (r#"{"a":1}{"a":2}"#, "characters after the object"),
        (r#"{"a":1}}"#, "characters after the object"),
    ] {
        let (at, why) = expect_fallback(decode(&mut decoder, &[line]));
        assert_eq!((at, why), (0, reason), "{line:?}");
    }
}

#[test]
fn syntax_errors_anywhere_fall_back() {
    let mut decoder = two_columns();
    for line in [
        r#"{"a":1,}"#,
        r#"{"a":1,"b":"x",}"#,
        r#"{,"a":1}"#,
        r#"{"a" 1}"#,
        r#"{"a":1 "b":"x"}"#,
        r#"{a:1}"#,
        r#"{'a':1}"#,
        r#"{"a":1"#,
        r#"{"a":"#,
        r#"{"a""#,
        r#"{"#,
        r#"{"a":1,"x":[1,]}"#,
        r#"{"a":1,"x":[1 2]}"#,
        r#"{"a":1,"x":{"y"}}"#,
        r#"{"a":1,"x":{"y":1,}}"#,
        r#"{"a":1,"x":[}"#,
        r#"{"a":1,"x":{]}"#,
        r#"{"a":1,"x":tru}"#,
        r#"{"a":1,"x":nul}"#,
        r#"{"a":1,"x":True}"#,
        r#"{"a":1,"x":NaN}"#,
        r#"{"a":1,"x":-Infinity}"#,
        r#"{"a":1,"x":01}"#,
        r#"{"a":1,"x":1.}"#,
        r#"{"a":1,"x":.1}"#,
        r#"{"a":1,"x":1e}"#,
        r#"{"a":1,"x":1e+}"#,
        r#"{"a":1,"x":+1}"#,
        r#"{"a":1,"x":0x1}"#,
        r#"{"a":1,"x":'s'}"#,
        r#"{"a":1,"x":1 /* c */}"#,
        r#"{"a":1}// c"#,
        r#"{"a":1,"b":"x"y}"#,
        r#"{"a":1,"x":"\u00"}"#,
        "{\"a\":1,\"x\":\"\\\u{1}\"}",
        "{\"a\"\u{a0}:1}",            // NBSP is not JSON whitespace
        "{\"a\":1,\u{c}\"b\":\"x\"}", // nor is form feed
    ] {
        expect_fallback(decode(&mut decoder, &[line]));
    }
}

#[test]
fn limits_on_strings_numbers_and_nesting() {
    let mut decoder = two_columns();
    // 1 MiB of string content is accepted, one byte more is not (also in a skipped value).
    let mib = "s".repeat(1 << 20);
    let batch = expect_batch(decode(&mut decoder, &[&format!(r#"{{"b":"{mib}"}}"#)]));
    assert_eq!(batch.column(1).as_string::<i32>().value(0).len(), 1 << 20);
    expect_fallback(decode(&mut decoder, &[&format!(r#"{{"b":"{mib}s"}}"#)]));
    expect_fallback(decode(&mut decoder, &[&format!(r#"{{"x":"{mib}s"}}"#)]));
    // Keys up to 50,000 bytes: Jackson rejects longer names even for unknown keys (checked in Java).
    let key = "k".repeat(50_000);
    expect_batch(decode(&mut decoder, &[&format!(r#"{{"{key}":1,"a":1}}"#)]));
    let (_, reason) = expect_fallback(decode(&mut decoder, &[&format!(r#"{{"{key}k":1,"a":1}}"#)]));
    assert_eq!(reason, "key longer than 50000 bytes");
    expect_fallback(decode(
        &mut decoder,
        &[&format!(r#"{{"x":{{"{key}k":1}}}}"#)],
    ));
    // Numbers up to 100 characters.
    let hundred = format!("0.{}", "1".repeat(98));
    expect_batch(decode(&mut decoder, &[&format!(r#"{{"x":{hundred}}}"#)]));
    expect_fallback(decode(&mut decoder, &[&format!(r#"{{"x":{hundred}1}}"#)]));
    // Nesting: the line's object is level 1, so 63 more levels are accepted.
    let nested =
        |levels: usize| format!(r#"{{"x":{}1{}}}"#, "[".repeat(levels), "]".repeat(levels));
    expect_batch(decode(&mut decoder, &[&nested(63)]));
    let (_, reason) = expect_fallback(decode(&mut decoder, &[&nested(64)]));
    assert_eq!(reason, "nesting deeper than 64");
    let objects = format!(r#"{{"x":{}1{}}}"#, r#"{"k":"#.repeat(63), "}".repeat(63));
    expect_batch(decode(&mut decoder, &[&objects]));
}

// ---------------------------------------------------------------------------------------------
// Batches

#[test]
fn fallback_reports_the_first_line_outside_the_fast_path_and_leaves_no_state() {
    let mut decoder = two_columns();
    let (line, _) = expect_fallback(decode(
        &mut decoder,
        &[
            r#"{"a":1}"#,
            "",
            r#"{"a":2}"#,
            r#"{"a":1.5}"#,
            r#"{"a":"x"}"#,
        ],
    ));
    assert_eq!(line, 3);
    // The next batch starts clean.
    let batch = expect_batch(decode(&mut decoder, &[r#"{"a":9,"b":"q"}"#]));
    assert_eq!(rows(&batch), vec![(Some(9), Some("q".into()))]);
}

#[test]
fn decoder_is_reusable_across_batches() {
    let mut decoder = two_columns();
    for round in 0..3i64 {
        let lines: Vec<String> = (0..100)
            .map(|i| {
                format!(
                    r#"{{"a":{},"b":"{}"}}"#,
                    round * 1000 + i,
                    "v".repeat(i as usize % 7)
                )
            })
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let batch = expect_batch(decode(&mut decoder, &refs));
        assert_eq!(batch.num_rows(), 100);
        let a = batch.column(0).as_primitive::<Int64Type>();
        assert_eq!(a.value(99), round * 1000 + 99);
        let b: &StringArray = batch.column(1).as_string::<i32>();
        assert_eq!(b.value(13), "v".repeat(6));
    }
}

#[test]
fn lines_are_taken_from_the_offsets() {
    let mut decoder = two_columns();
    // Offsets need not start at 0; bytes outside the lines are ignored.
    let data = br#"garbage{"a":1}{"a":2}trailing"#;
    let batch = expect_batch(decoder.decode(data, &[7, 14, 21]).expect("decode"));
    assert_eq!(rows(&batch), vec![(Some(1), None), (Some(2), None)]);
}

#[test]
fn corrupt_offsets_are_errors() {
    let mut decoder = two_columns();
    let data = br#"{"a":1}"#;
    for offsets in [
        &[] as &[i32],
        &[0, 8],
        &[-1, 7],
        &[0, 7, 3],
        &[4, 2],
        &[0, i32::MAX],
    ] {
        match decoder.decode(data, offsets) {
            Err(EmberError::Execution(msg)) => {
                assert!(msg.contains("invalid JSON lines"), "{msg}")
            }
            other => panic!("{offsets:?}: {other:?}"),
        }
    }
}

#[test]
fn a_wide_schema_with_every_type() {
    let mut fields: Vec<Field> = vec![
        Field::new("bool", DataType::Boolean, true),
        Field::new("i8", DataType::Int8, true),
        Field::new("i16", DataType::Int16, true),
        Field::new("i32", DataType::Int32, true),
        Field::new("i64", DataType::Int64, false),
        Field::new("f64", DataType::Float64, true),
        Field::new("dec", DataType::Decimal128(20, 4), true),
        Field::new("date", DataType::Date32, true),
        Field::new("ts3", MS, true),
        Field::new("ts6", US, true),
        Field::new("str", DataType::Utf8, true),
    ];
    // Past the linear lookup: keys are found through the hash index.
    fields.extend((0..20).map(|i| Field::new(format!("pad{i}"), DataType::Int32, true)));
    let mut decoder = decoder_with(fields, false);
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"str":"s","ts6":"2020-01-01 00:00:00.000001","ts3":"2020-01-01 00:00:00.001","date":"2020-01-02","dec":-1.23456,"f64":0.5,"i64":-1,"i32":-2,"i16":-3,"i8":-4,"bool":"TRUE","pad19":19,"pad0":0}"#,
            r#"{"i64":5}"#,
        ],
    ));
    assert_eq!(batch.num_columns(), 31);
    assert_eq!(batch.schema(), *decoder.schema());
    assert!(batch.column(0).as_boolean().value(0));
    assert_eq!(batch.column(1).as_primitive::<Int8Type>().value(0), -4);
    assert_eq!(batch.column(2).as_primitive::<Int16Type>().value(0), -3);
    assert_eq!(batch.column(3).as_primitive::<Int32Type>().value(0), -2);
    assert_eq!(
        batch.column(4).as_primitive::<Int64Type>().values(),
        &[-1, 5]
    );
    assert_eq!(batch.column(5).as_primitive::<Float64Type>().value(0), 0.5);
    assert_eq!(
        batch.column(6).as_primitive::<Decimal128Type>().value(0),
        -12346
    );
    assert_eq!(batch.column(7).as_primitive::<Date32Type>().value(0), 18263);
    assert_eq!(
        batch
            .column(8)
            .as_primitive::<TimestampMillisecondType>()
            .value(0),
        1_577_836_800_001
    );
    assert_eq!(
        batch
            .column(9)
            .as_primitive::<TimestampMicrosecondType>()
            .value(0),
        1_577_836_800_000_001
    );
    assert_eq!(batch.column(10).as_string::<i32>().value(0), "s");
    assert_eq!(batch.column(11).as_primitive::<Int32Type>().value(0), 0);
    assert_eq!(batch.column(30).as_primitive::<Int32Type>().value(0), 19);
    for c in [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 30] {
        assert!(batch.column(c).is_null(1), "column {c}");
    }
    assert_eq!(batch.column(12).null_count(), 2);
}

#[test]
fn zero_column_schema_counts_rows() {
    let mut decoder = decoder_with(vec![], false);
    let batch = expect_batch(decode(&mut decoder, &[r#"{"a":1}"#, "", "{}"]));
    assert_eq!((batch.num_rows(), batch.num_columns()), (2, 0));
}

#[test]
fn unsupported_types_and_duplicate_names_are_rejected() {
    for t in [
        DataType::Float16,
        DataType::Binary,
        DataType::LargeUtf8,
        DataType::Utf8View,
        DataType::Timestamp(TimeUnit::Millisecond, Some("+00:00".into())),
        DataType::Timestamp(TimeUnit::Microsecond, Some("Europe/Berlin".into())),
        DataType::Timestamp(TimeUnit::Nanosecond, Some("UTC".into())),
        DataType::Timestamp(TimeUnit::Second, Some("UTC".into())),
        DataType::Timestamp(TimeUnit::Nanosecond, None),
        DataType::Timestamp(TimeUnit::Second, None),
        DataType::Time32(TimeUnit::Millisecond),
        DataType::Decimal128(10, -2),
        DataType::Decimal128(2, 3),
        DataType::Decimal256(40, 2),
        DataType::new_list(DataType::Int32, true),
        DataType::UInt32,
        DataType::Struct(Fields::empty()),
    ] {
        let err = JsonLinesDecoder::try_new(
            schema(vec![Field::new("x", t.clone(), true)]),
            JsonOptions::default(),
        )
        .expect_err("unsupported");
        match err {
            EmberError::Unsupported(msg) => {
                assert!(msg.starts_with("JSON field `x` of type"), "{msg}");
                assert!(msg.ends_with("is not decoded natively"), "{msg}");
            }
            other => panic!("{t}: {other:?}"),
        }
    }
    let duplicate = schema(vec![
        Field::new("x", DataType::Int32, true),
        Field::new("x", DataType::Utf8, true),
    ]);
    assert!(JsonLinesDecoder::try_new(duplicate, JsonOptions::default()).is_err());
}

#[test]
fn field_names_that_need_escaping_in_json() {
    let mut decoder = decoder_with(
        vec![
            Field::new("a\"b", DataType::Int32, true),
            Field::new("c\\d", DataType::Int32, true),
            Field::new("e\nf", DataType::Int32, true),
        ],
        false,
    );
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"a\"b":1,"c\\d":2,"e\nf":3}"#,
            r#"{"e\u000af":6,"c\u005cd":5,"a\u0022b":4}"#,
        ],
    ));
    for (c, expected) in [(0, [1, 4]), (1, [2, 5]), (2, [3, 6])] {
        assert_eq!(
            batch.column(c).as_primitive::<Int32Type>().values(),
            &expected
        );
    }
    // The raw (unescaped) spellings are not JSON strings.
    expect_fallback(decode(&mut decoder, &["{\"e\nf\":3}"]));
}

#[test]
fn keys_are_case_sensitive_and_exact() {
    let mut decoder = two_columns();
    let batch = expect_batch(decode(
        &mut decoder,
        &[r#"{"A":1,"B":"x"," a":2,"a\u0000":3,"aa":4,"":5}"#],
    ));
    assert_eq!(rows(&batch), vec![(None, None)]);
}

// ---------------------------------------------------------------------------------------------
// Numbers in strings: Flink parses the trimmed text with Java's parsers

fn int8(text: &str) -> i8 {
    accepts(&DataType::Int8, text)
        .as_primitive::<Int8Type>()
        .value(0)
}

fn int32(text: &str) -> i32 {
    accepts(&DataType::Int32, text)
        .as_primitive::<Int32Type>()
        .value(0)
}

/// The fallback reason for `text` as `data_type`.
fn reason(data_type: DataType, text: &str) -> &'static str {
    match value(data_type.clone(), text.as_bytes()) {
        Ok(column) => panic!("{text} as {data_type}: accepted as {column:?}"),
        Err(reason) => reason,
    }
}

#[test]
fn integers_from_strings_as_java_parse_int() {
    // Integer.parseInt(text.trim()) and friends: a sign, ASCII digits, leading zeros allowed.
    assert_eq!(int32(r#"" 42 ""#), 42);
    assert_eq!(int32(r#""+7""#), 7);
    assert_eq!(int32(r#""-7""#), -7);
    assert_eq!(int32(r#""-0""#), 0);
    assert_eq!(int32(r#""007""#), 7);
    assert_eq!(int32(r#""   -2147483648""#), i32::MIN);
    assert_eq!(int8(r#""127""#), 127);
    assert_eq!(int8(r#""-128""#), -128);
    assert_eq!(
        accepts(&DataType::Int16, r#""+32767""#)
            .as_primitive::<Int16Type>()
            .value(0),
        i16::MAX
    );
    assert_eq!(int64(r#""-9223372036854775808""#), Some(i64::MIN));
    assert_eq!(int64(r#""0000000000000000000000000000042""#), Some(42));
}

#[test]
fn integer_strings_out_of_range_fall_back() {
    for (t, text) in [
        (DataType::Int8, "128"),
        (DataType::Int8, "-129"),
        (DataType::Int16, "32768"),
        (DataType::Int32, "2147483648"),
        (DataType::Int32, "-2147483649"),
        (DataType::Int64, "9223372036854775808"),
        (DataType::Int64, "-9223372036854775809"),
        (DataType::Int64, "99999999999999999999999"),
    ] {
        assert_eq!(
            reason(t, &format!("\"{text}\"")),
            "integer out of range",
            "{text}"
        );
    }
}

#[test]
fn integer_strings_java_rejects_or_we_cannot_vouch_for_fall_back() {
    for text in [
        // Java's parseInt fails on these: Flink fails, so we must not produce a row.
        "", " ", "+", "-", "+-1", "--1", "1 2", "1.0", "1.", ".5", "1e3", "0x10", "1_000", "12a",
        "NaN", "true", "null",
        // Java accepts any Unicode digit (Arabic-Indic three, fullwidth one): left to Flink.
        "٣", "１", "4٢", // No-break space is not trimmed by String.trim().
        "\u{a0}42",
    ] {
        falls_back(&DataType::Int32, format!("\"{text}\"").as_bytes());
        falls_back(&DataType::Int64, format!("\"{text}\"").as_bytes());
    }
    // Escapes (even of plain digits or trimmed whitespace) are left to Flink.
    for text in [r#""\u0031""#, r#""\t42""#, r#""42\n""#, r#""4\/2""#] {
        assert_eq!(
            reason(DataType::Int32, text),
            "number in a string with escapes"
        );
    }
    assert_eq!(
        reason(DataType::Int32, r#""٣""#),
        "number in a string outside the plain decimal syntax"
    );
    // 100 characters after trimming are accepted, 101 are not.
    let hundred = format!("{}1", "0".repeat(99));
    assert_eq!(int32(&format!("\"  {hundred}  \"")), 1);
    falls_back(&DataType::Int32, format!("\"0{hundred}\"").as_bytes());
}

#[test]
fn doubles_from_strings_as_java_parse_double() {
    assert_eq!(double(r#""1.5""#), 1.5);
    assert_eq!(double(r#"" 42 ""#), 42.0);
    assert_eq!(double(r#""+7""#), 7.0);
    assert_eq!(double(r#"".5""#), 0.5);
    assert_eq!(double(r#""5.""#), 5.0);
    assert_eq!(double(r#""-.5e-1""#), -0.05);
    assert_eq!(double(r#""5.e3""#), 5000.0);
    assert_eq!(double(r#""1e3""#), 1000.0);
    assert_eq!(double(r#""1E+2""#), 100.0);
    assert_eq!(double(r#""0.1""#), 0.1);
    assert_eq!(double(r#""007.25""#), 7.25);
    assert_eq!(double(r#""-0""#).to_bits(), (-0.0f64).to_bits());
    assert_eq!(double(r#""-0.0e10""#).to_bits(), (-0.0f64).to_bits());
    assert_eq!(double(r#""9007199254740993""#), 9007199254740992.0);
    assert_eq!(
        double(r#""2.2250738585072011e-308""#),
        2.225073858507201e-308
    );
    assert_eq!(double(r#""1e400""#), f64::INFINITY);
    assert_eq!(double(r#""-1e-400""#).to_bits(), (-0.0f64).to_bits());
    for text in [
        "",
        " ",
        ".",
        "+",
        "-",
        "e5",
        ".e5",
        "1e",
        "1e+",
        "1..2",
        "--1",
        "+-1",
        "1 2",
        // Java accepts these, with meanings we leave to Flink.
        "NaN",
        "-NaN",
        "Infinity",
        "-Infinity",
        "+Infinity",
        "0x1p3",
        "0X10",
        "1d",
        "1f",
        "1.5D",
        "2F",
        // Rust accepts these, Java does not.
        "inf",
        "nan",
        "infinity",
        "1_0",
        "٣",
        "1.٣",
    ] {
        falls_back(&DataType::Float64, format!("\"{text}\"").as_bytes());
    }
    falls_back(&DataType::Float64, br#""\u0031.5""#);
}

#[test]
fn decimals_from_strings_as_java_big_decimal() {
    assert_eq!(decimal(10, 2, r#""12.50""#), Some(1250));
    assert_eq!(decimal(10, 2, r#"" 12.345 ""#), Some(1235)); // HALF_UP
    assert_eq!(decimal(10, 2, r#""1e3""#), Some(100_000));
    assert_eq!(decimal(10, 2, r#""1E-2""#), Some(1));
    assert_eq!(decimal(10, 2, r#"".5""#), Some(50));
    assert_eq!(decimal(10, 2, r#""5.""#), Some(500));
    assert_eq!(decimal(10, 2, r#""+7""#), Some(700));
    assert_eq!(decimal(10, 2, r#""+0.005""#), Some(1));
    assert_eq!(decimal(10, 2, r#""-0.005""#), Some(-1));
    assert_eq!(decimal(10, 2, r#""-0""#), Some(0));
    assert_eq!(decimal(10, 2, r#""00012.50""#), Some(1250));
    assert_eq!(decimal(10, 2, r#""5.e1""#), Some(5000));
    assert_eq!(decimal(10, 0, r#""-.5""#), Some(-1));
    // Precision overflow is NULL, as for number tokens.
    assert_eq!(decimal(5, 2, r#""1000""#), None);
    assert_eq!(decimal(5, 2, r#""999.995""#), None);
    assert_eq!(decimal(10, 2, r#""1e400""#), None);
    assert_eq!(decimal(10, 2, r#""1e-400""#), Some(0));
    assert_eq!(
        decimal(38, 0, &format!("\"{}\"", "9".repeat(38))),
        Some(10i128.pow(38) - 1)
    );
    for text in [
        "", ".", "e3", "1e", "1.2.3", "NaN", "Infinity", "1d", "0x10", "1,5", "٣", "1e٣", "1e10001",
    ] {
        falls_back(
            &DataType::Decimal128(10, 2),
            format!("\"{text}\"").as_bytes(),
        );
    }
    falls_back(&DataType::Decimal128(10, 2), br#""1\u002e5""#);
}

#[test]
fn numbers_in_strings_in_a_batch() {
    let mut decoder = decoder_with(
        vec![
            Field::new("qty", DataType::Int32, true),
            Field::new("price", DataType::Decimal128(10, 2), true),
            Field::new("ratio", DataType::Float64, true),
        ],
        false,
    );
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"qty":"3","price":"12.50","ratio":"0.25"}"#,
            r#"{"qty":4,"price":9.999,"ratio":1}"#,
            r#"{"qty":" -1 ","price":" .5 ","ratio":null}"#,
        ],
    ));
    assert_eq!(
        batch.column(0).as_primitive::<Int32Type>().values(),
        &[3, 4, -1]
    );
    assert_eq!(
        batch.column(1).as_primitive::<Decimal128Type>().values(),
        &[1250, 1000, 50]
    );
    let ratio = batch.column(2).as_primitive::<Float64Type>();
    assert_eq!((ratio.value(0), ratio.value(1)), (0.25, 1.0));
    assert!(ratio.is_null(2));
    let (line, why) = expect_fallback(decode(
        &mut decoder,
        &[r#"{"qty":"1"}"#, r#"{"qty":"1.0"}"#],
    ));
    assert_eq!((line, why), (1, "integer column from a non-integer value"));
}

// ---------------------------------------------------------------------------------------------
// Nested ROW (Arrow Struct)

fn strukt(fields: Vec<Field>) -> DataType {
    DataType::Struct(Fields::from(fields))
}

/// `info ROW<city STRING, zip INT>` after `id BIGINT`.
fn with_info(fail_on_missing_field: bool) -> JsonLinesDecoder {
    decoder_with(
        vec![
            Field::new("id", DataType::Int64, true),
            Field::new(
                "info",
                strukt(vec![
                    Field::new("city", DataType::Utf8, true),
                    Field::new("zip", DataType::Int32, true),
                ]),
                true,
            ),
        ],
        fail_on_missing_field,
    )
}

/// Row `i` of `column` as text: `null`, numbers, strings in quotes, structs as `{a, b}`.
fn show(column: &dyn Array, i: usize) -> String {
    if column.is_null(i) {
        return "null".into();
    }
    match column.data_type() {
        DataType::Int32 => column.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::Decimal128(..) => column.as_primitive::<Decimal128Type>().value(i).to_string(),
        DataType::Utf8 => format!("{:?}", column.as_string::<i32>().value(i)),
        DataType::Struct(_) => {
            let s = column.as_struct();
            let children: Vec<String> = s.columns().iter().map(|c| show(c, i)).collect();
            format!("{{{}}}", children.join(", "))
        }
        other => panic!("show {other}"),
    }
}

fn show_rows(batch: &RecordBatch) -> Vec<String> {
    (0..batch.num_rows())
        .map(|i| {
            let cells: Vec<String> = batch.columns().iter().map(|c| show(c, i)).collect();
            cells.join(" | ")
        })
        .collect()
}

#[test]
fn nested_rows_decode_like_flinks_row_converter() {
    let mut decoder = with_info(false);
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"id":1,"info":{"city":"Oslo","zip":150}}"#,
            r#"{"info":{"zip":151,"city":"Bergen"},"id":2}"#,
            r#"{"id":3,"info":{"x":[1,{"city":"no"}],"city":"Rome","y":{"zip":0},"zip":-1,"z":null}}"#,
            r#"{"id":4,"info":null}"#,
            r#"{"id":5}"#,
            r#"{"id":6,"info":{}}"#,
            r#"{"id":7,"info":{"city":"Nice"}}"#,
            r#"{"id":8,"info":{"city":null,"zip":null}}"#,
            r#"{"id":9,"info":{"\u0063ity":"Caen","zip":"14000"}}"#,
            " { \"info\" : { \"zip\" : 1 , \"city\" : \"Pau\" } , \"id\" : 10 } ",
            r#"{"zip":99,"city":"top","id":11,"info":{"id":1,"zip":2}}"#,
        ],
    ));
    assert_eq!(
        show_rows(&batch),
        [
            r#"1 | {"Oslo", 150}"#,
            r#"2 | {"Bergen", 151}"#,
            r#"3 | {"Rome", -1}"#,
            "4 | null",
            "5 | null",
            "6 | {null, null}",
            r#"7 | {"Nice", null}"#,
            "8 | {null, null}",
            r#"9 | {"Caen", 14000}"#,
            r#"10 | {"Pau", 1}"#,
            "11 | {null, 2}",
        ]
    );
    assert_eq!(batch.schema(), *decoder.schema());
    // The children of a NULL struct are NULL too.
    let info = batch.column(1).as_struct();
    assert_eq!(info.null_count(), 2);
    for child in info.columns() {
        assert!(child.is_null(3) && child.is_null(4));
    }
}

#[test]
fn a_nested_row_from_anything_but_an_object_falls_back() {
    let mut decoder = with_info(false);
    for value in [
        r#""Oslo""#,
        "1",
        "-1.5",
        "[]",
        r#"[{"city":"x"}]"#,
        "true",
        "false",
    ] {
        let line = format!(r#"{{"id":1,"info":{value}}}"#);
        let (_, why) = expect_fallback(decode(&mut decoder, &[&line]));
        assert_eq!(why, "ROW from a value that is not an object", "{value}");
    }
    // Errors inside the nested object fall back like at the top level.
    for line in [
        r#"{"info":{"zip":1,"zip":2}}"#,
        r#"{"info":{"zip":1.5}}"#,
        r#"{"info":{"city":{}}}"#,
        r#"{"info":{"zip":1,}}"#,
        r#"{"info":{"zip":1}"#,
        r#"{"info":{"zip" 1}}"#,
        r#"{"info":{zip:1}}"#,
        r#"{"info":{"city":"a"}}}"#,
    ] {
        expect_fallback(decode(&mut decoder, &[line]));
    }
    let (_, why) = expect_fallback(decode(&mut decoder, &[r#"{"info":{"zip":1,"zip":2}}"#]));
    assert_eq!(why, "key occurs twice");
}

#[test]
fn nested_rows_twice() {
    // a ROW<b ROW<c INT, d STRING>, e BIGINT>
    let inner = strukt(vec![
        Field::new("c", DataType::Int32, true),
        Field::new("d", DataType::Utf8, true),
    ]);
    let outer = strukt(vec![
        Field::new("b", inner, true),
        Field::new("e", DataType::Int64, true),
    ]);
    let mut decoder = decoder_with(vec![Field::new("a", outer, true)], false);
    let batch = expect_batch(decode(
        &mut decoder,
        &[
            r#"{"a":{"b":{"c":1,"d":"x"},"e":2}}"#,
            r#"{"a":{"e":3,"b":{"d":"y"}}}"#,
            r#"{"a":{"b":null,"e":4}}"#,
            r#"{"a":{"b":{}}}"#,
            r#"{"a":{}}"#,
            r#"{"a":null}"#,
            r#"{}"#,
            r#"{"a":{"b":{"c":5,"b":{"c":6},"x":{"y":{"z":[]}}},"c":7}}"#,
        ],
    ));
    assert_eq!(
        show_rows(&batch),
        [
            r#"{{1, "x"}, 2}"#,
            r#"{{null, "y"}, 3}"#,
            "{null, 4}",
            "{{null, null}, null}",
            "{null, null}",
            "null",
            "null",
            "{{5, null}, null}",
        ]
    );
    // NULL all the way down under a NULL parent.
    let a = batch.column(0).as_struct();
    let b = a.column(0).as_struct();
    for row in [5, 6] {
        assert!(a.is_null(row) && b.is_null(row));
        assert!(b.column(0).is_null(row) && b.column(1).is_null(row));
        assert!(a.column(1).is_null(row));
    }
    for line in [
        r#"{"a":{"b":"x"}}"#,
        r#"{"a":{"b":{"c":{}}}}"#,
        r#"{"a":{"b":[]}}"#,
    ] {
        expect_fallback(decode(&mut decoder, &[line]));
    }
}

#[test]
fn fail_on_missing_field_checks_nested_rows_too() {
    let mut strict = with_info(true);
    let batch = expect_batch(decode(
        &mut strict,
        &[
            r#"{"id":1,"info":{"city":"a","zip":1}}"#,
            // A NULL struct is present: its fields are not looked at.
            r#"{"id":2,"info":null}"#,
            r#"{"id":3,"info":{"zip":null,"city":null,"other":1}}"#,
        ],
    ));
    assert_eq!(
        show_rows(&batch),
        [r#"1 | {"a", 1}"#, "2 | null", "3 | {null, null}"]
    );
    for line in [
        r#"{"id":1,"info":{"city":"a"}}"#,
        r#"{"id":1,"info":{}}"#,
        r#"{"id":1}"#,
    ] {
        let (_, why) = expect_fallback(decode(&mut strict, &[line]));
        assert_eq!(why, "missing field with fail-on-missing-field", "{line}");
    }
}

#[test]
fn not_null_in_nested_rows() {
    // ROW<k INT NOT NULL, v STRING> in a nullable column: a present struct needs `k`; a NULL
    // struct has a (masked) NULL `k`, which Arrow allows.
    let mut decoder = decoder_with(
        vec![Field::new(
            "s",
            strukt(vec![
                Field::new("k", DataType::Int32, false),
                Field::new("v", DataType::Utf8, true),
            ]),
            true,
        )],
        false,
    );
    let batch = expect_batch(decode(
        &mut decoder,
        &[r#"{"s":{"k":1}}"#, r#"{"s":null}"#, r#"{}"#],
    ));
    assert_eq!(show_rows(&batch), ["{1, null}", "null", "null"]);
    for line in [r#"{"s":{"k":null}}"#, r#"{"s":{"v":"x"}}"#, r#"{"s":{}}"#] {
        let (_, why) = expect_fallback(decode(&mut decoder, &[line]));
        assert_eq!(why, "NULL in a NOT NULL column", "{line}");
    }
    // A NOT NULL struct column.
    let mut decoder = decoder_with(
        vec![Field::new(
            "s",
            strukt(vec![Field::new("k", DataType::Int32, true)]),
            false,
        )],
        false,
    );
    expect_batch(decode(&mut decoder, &[r#"{"s":{}}"#]));
    expect_fallback(decode(&mut decoder, &[r#"{"s":null}"#]));
    expect_fallback(decode(&mut decoder, &[r#"{}"#]));
}

#[test]
fn a_fallback_inside_a_nested_row_leaves_no_state() {
    let mut decoder = with_info(false);
    let (line, _) = expect_fallback(decode(
        &mut decoder,
        &[
            r#"{"id":1,"info":{"city":"a","zip":1}}"#,
            r#"{"id":2,"info":{"city":"b","zip":"x"}}"#,
        ],
    ));
    assert_eq!(line, 1);
    for round in 0..3 {
        let batch = expect_batch(decode(
            &mut decoder,
            &[
                &format!(r#"{{"id":{round},"info":{{"city":"c","zip":3}}}}"#),
                r#"{"info":null}"#,
            ],
        ));
        assert_eq!(
            show_rows(&batch),
            [format!(r#"{round} | {{"c", 3}}"#), "null | null".into()]
        );
    }
}

#[test]
fn wide_nested_rows_use_the_hash_lookup() {
    let children: Vec<Field> = (0..20)
        .map(|i| Field::new(format!("f{i}"), DataType::Int32, true))
        .collect();
    let mut decoder = decoder_with(vec![Field::new("w", strukt(children), true)], false);
    let batch = expect_batch(decode(
        &mut decoder,
        &[r#"{"w":{"f19":19,"f0":0,"zz":1,"f7":"7"}}"#],
    ));
    let w = batch.column(0).as_struct();
    let value = |c: usize| show(w.column(c), 0);
    assert_eq!(
        (value(0), value(7), value(19)),
        ("0".into(), "7".into(), "19".into())
    );
    assert_eq!(value(1), "null");
}

#[test]
fn nested_rows_up_to_the_nesting_limit() {
    // The line's object is level 1: 63 nested ROWs reach level 64, the limit of the input too.
    let chain = |levels: usize| {
        let mut t = DataType::Int32;
        for _ in 0..levels {
            t = strukt(vec![Field::new("n", t, true)]);
        }
        vec![Field::new("n", t, true)]
    };
    let deepest = 63;
    let mut decoder = decoder_with(chain(deepest - 1), false);
    let line = format!(r#"{}7{}"#, r#"{"n":"#.repeat(deepest), "}".repeat(deepest));
    let batch = expect_batch(decode(&mut decoder, &[&line]));
    let mut column = Arc::clone(batch.column(0));
    for _ in 0..deepest - 2 {
        column = Arc::clone(column.as_struct().column(0));
    }
    assert_eq!(show(&column, 0), "{7}");
    // Unknown containers inside the deepest object still count towards the limit.
    let mut decoder = decoder_with(chain(63), false);
    let at_limit = format!(r#"{}{{"x":1}}{}"#, r#"{"n":"#.repeat(63), "}".repeat(63));
    expect_batch(decode(&mut decoder, &[&at_limit]));
    let past = format!(r#"{}{{"x":[1]}}{}"#, r#"{"n":"#.repeat(63), "}".repeat(63));
    let (_, why) = expect_fallback(decode(&mut decoder, &[&past]));
    assert_eq!(why, "nesting deeper than 64");
    match JsonLinesDecoder::try_new(schema(chain(64)), JsonOptions::default()) {
        Err(EmberError::Unsupported(msg)) => assert!(msg.contains("nested deeper"), "{msg}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unsupported_children_and_duplicate_names_in_nested_rows_are_rejected() {
    let bad_child = schema(vec![Field::new(
        "s",
        strukt(vec![Field::new("f", DataType::Float16, true)]),
        true,
    )]);
    match JsonLinesDecoder::try_new(bad_child, JsonOptions::default()) {
        Err(EmberError::Unsupported(msg)) => assert!(msg.contains("`f`"), "{msg}"),
        other => panic!("{other:?}"),
    }
    let duplicate = schema(vec![Field::new(
        "s",
        strukt(vec![
            Field::new("f", DataType::Int32, true),
            Field::new("f", DataType::Utf8, true),
        ]),
        true,
    )]);
    assert!(JsonLinesDecoder::try_new(duplicate, JsonOptions::default()).is_err());
}

// ---------------------------------------------------------------------------------------------
// FLOAT, TIMESTAMP_LTZ and `json.timestamp-format.standard` (values checked against Flink 2.3's
// deserializer on JDK 17)

/// The bits of the FLOAT decoded from `text`.
fn float_bits(text: &str) -> u32 {
    accepts(&DataType::Float32, text)
        .as_primitive::<Float32Type>()
        .value(0)
        .to_bits()
}

#[test]
fn options_default_to_flinks_defaults() {
    let options = JsonOptions::default();
    assert!(!options.fail_on_missing_field);
    assert_eq!(options.timestamp_format, TimestampFormat::Sql);
}

#[test]
fn floats_are_parsed_as_floats_not_rounded_through_a_double() {
    // Jackson's `getFloatValue` of a float token parses the text as a float (correctly rounded).
    // Through a double these three would round to 1.0, 1.0000002 and 1.0000002: the decimal is within
    // a double's ulp of a float midpoint, so the double is the midpoint and then ties to even.
    assert_eq!(
        float_bits("1.00000005960464477539062500000001"),
        0x3f80_0001
    );
    assert_eq!(float_bits("1.00000017881393432617187499"), 0x3f80_0001);
    assert_eq!(float_bits(r#""1.00000017881393432617187499""#), 0x3f80_0001);
    assert_eq!(float_bits("1.000000178813934326171875"), 0x3f80_0002); // the midpoint: to even
    assert_eq!(float_bits("0.1"), 0.1f32.to_bits());
    assert_eq!(float_bits("1.5"), 1.5f32.to_bits());
    assert_eq!(float_bits("2.5e-3"), 0.0025f32.to_bits());
    assert_eq!(float_bits("1E5"), 100_000f32.to_bits());
    assert_eq!(float_bits("-0"), (-0.0f32).to_bits());
    assert_eq!(float_bits("-0.0"), (-0.0f32).to_bits());
    assert_eq!(float_bits("0"), 0);
}

#[test]
fn float_integers_subnormals_and_overflow() {
    // Integer tokens: `Float.parseFloat(text)`, ties to even above 2^24.
    assert_eq!(float_bits("9999999"), 0x4b18_967f);
    assert_eq!(float_bits("16777216"), 0x4b80_0000);
    assert_eq!(float_bits("16777217"), 0x4b80_0000);
    assert_eq!(float_bits("16777219"), 0x4b80_0002);
    assert_eq!(float_bits("-16777217"), 0xcb80_0000);
    assert_eq!(float_bits("123456789012345678901234567890"), 0x6fc7_7488);
    // Subnormals, and the halfway point below the smallest one (2^-150 ~ 7.00649232162408535e-46).
    assert_eq!(float_bits("1.4e-45"), 1);
    assert_eq!(float_bits("7.006492321624086e-46"), 1);
    assert_eq!(float_bits("7.006492321624085e-46"), 0);
    assert_eq!(float_bits("1e-46"), 0);
    assert_eq!(float_bits("-1e-400"), 0x8000_0000);
    assert_eq!(float_bits("1.17549435e-38"), 0x0080_0000); // the smallest normal
    // The top: below the midpoint between f32::MAX and 2^128 stays MAX, from it on is Infinity.
    assert_eq!(float_bits("3.4028235e38"), f32::MAX.to_bits());
    assert_eq!(float_bits("3.4028235677973366e38"), f32::MAX.to_bits());
    assert_eq!(
        float_bits("3.40282356779733661637539395458142568448e38"),
        f32::INFINITY.to_bits()
    );
    assert_eq!(float_bits("3.4028236e38"), f32::INFINITY.to_bits());
    assert_eq!(float_bits("1e39"), f32::INFINITY.to_bits());
    assert_eq!(float_bits("-1e39"), f32::NEG_INFINITY.to_bits());
    assert_eq!(float_bits("1e400"), f32::INFINITY.to_bits());
}

#[test]
fn floats_from_strings_as_java_parse_float() {
    // `Float.parseFloat(text.trim())`, in the syntax accepted for DOUBLE.
    assert_eq!(float_bits(r#"" 1.5 ""#), 1.5f32.to_bits());
    assert_eq!(float_bits(r#""+7""#), 7f32.to_bits());
    assert_eq!(float_bits(r#"".5""#), 0.5f32.to_bits());
    assert_eq!(float_bits(r#""5.""#), 5f32.to_bits());
    assert_eq!(float_bits(r#""1e3""#), 1000f32.to_bits());
    assert_eq!(float_bits(r#""-0""#), (-0.0f32).to_bits());
    assert_eq!(float_bits(r#""16777217""#), 0x4b80_0000);
    assert_eq!(float_bits(r#""1e39""#), f32::INFINITY.to_bits());
    assert!(accepts(&DataType::Float32, "null").is_null(0));
    for other in [
        // Java reads these (NaN, Infinity, suffixes, hex, escapes): left to it.
        r#""NaN""#,
        r#""Infinity""#,
        r#""-Infinity""#,
        r#""1f""#,
        r#""1d""#,
        r#""0x1p3""#,
        r#""\t2.5""#,
        r#""\u0031""#,
        // Java fails on these.
        r#""٣""#,
        r#""""#,
        r#"" ""#,
        r#""1e""#,
        r#""1_0""#,
        "true",
        "{}",
        "[1]",
        "NaN",
        ".5",
        "1.",
    ] {
        falls_back(&DataType::Float32, other.as_bytes());
    }
    let long = format!("1.{}", "0".repeat(99)); // 101 characters
    falls_back(&DataType::Float32, long.as_bytes());
    falls_back(&DataType::Float32, format!("\"{long}\"").as_bytes());
}

/// A TIMESTAMP or TIMESTAMP_LTZ value (epoch millis or micros per `data_type`) from the string
/// `text` in `format`.
fn timestamp_in(format: TimestampFormat, data_type: &DataType, text: &str) -> i64 {
    let column = value_in(format, data_type.clone(), format!("\"{text}\"").as_bytes())
        .unwrap_or_else(|reason| panic!("{text} as {data_type}: fallback ({reason})"));
    assert_eq!(column.data_type(), data_type);
    match data_type {
        DataType::Timestamp(TimeUnit::Millisecond, _) => {
            column.as_primitive::<TimestampMillisecondType>().value(0)
        }
        _ => column.as_primitive::<TimestampMicrosecondType>().value(0),
    }
}

fn timestamp_falls_back(format: TimestampFormat, data_type: &DataType, text: &str) {
    if let Ok(column) = value_in(format, data_type.clone(), format!("\"{text}\"").as_bytes()) {
        panic!("{text} as {data_type} ({format:?}): accepted as {column:?}");
    }
}

#[test]
fn sql_timestamp_ltz_is_the_sql_form_with_a_z_read_as_utc() {
    use TimestampFormat::Sql;
    let (ms, us) = (&ltz_ms(), &ltz_us());
    assert_eq!(timestamp_in(Sql, ms, "1970-01-01 00:00:00Z"), 0);
    assert_eq!(
        timestamp_in(Sql, ms, "2020-01-01 10:00:00Z"),
        1_577_872_800_000
    );
    assert_eq!(
        timestamp_in(Sql, ms, "2020-01-01 10:00:00.1Z"),
        1_577_872_800_100
    );
    assert_eq!(
        timestamp_in(Sql, ms, "2020-01-01 10:00:00.123Z"),
        1_577_872_800_123
    );
    assert_eq!(
        timestamp_in(Sql, us, "2020-01-01 10:00:00.123456Z"),
        1_577_872_800_123_456
    );
    assert_eq!(
        timestamp_in(Sql, us, "2020-01-01 10:00:00Z"),
        1_577_872_800_000_000
    );
    assert_eq!(timestamp_in(Sql, ms, "1969-12-31 23:59:59.999Z"), -1);
    assert_eq!(timestamp_in(Sql, us, "1969-12-31 23:59:59.5Z"), -500_000);
    assert_eq!(
        timestamp_in(Sql, ms, "0000-01-01 00:00:00Z"),
        -62_167_219_200_000
    );
    assert_eq!(
        timestamp_in(Sql, ms, "9999-12-31 23:59:59.999Z"),
        253_402_300_799_999
    );
    assert_eq!(
        timestamp_in(Sql, ms, "2000-02-29 12:00:00Z"),
        951_825_600_000
    );
    // TIMESTAMP keeps the SQL form without the Z.
    assert_eq!(
        timestamp_in(Sql, &MS, "2020-01-01 10:00:00.123"),
        1_577_872_800_123
    );
}

#[test]
fn other_sql_timestamp_ltz_forms_fall_back() {
    use TimestampFormat::Sql;
    let (ms, us) = (&ltz_ms(), &ltz_us());
    for (t, text) in [
        (ms, "2020-01-01 10:00:00"),       // Flink fails without the Z
        (ms, "2020-01-01 10:00:00z"),      // the literal is case-sensitive: Flink fails
        (ms, "2020-01-01 10:00:00+00:00"), // offsets: Flink fails
        (ms, "2020-01-01 10:00:00 Z"),
        (ms, "2020-01-01 10:00:00ZZ"),
        (ms, "2020-01-01 10:00:00Z "),
        (ms, "2020-01-01T10:00:00Z"),  // the ISO-8601 form: Flink fails
        (ms, "2020-01-01 10:00Z"),     // SQL takes no time without seconds
        (ms, "2020-01-01 10:00:00.Z"), // Flink reads 0 fraction digits
        (ms, "2020-01-01 10:00:00.1234Z"), // Flink keeps sub-millisecond digits
        (us, "2020-01-01 10:00:00.1234567Z"),
        (ms, "2020-01-01 24:00:00Z"), // Flink's SMART resolver: the next day
        (ms, "2021-02-29 10:00:00Z"), // SMART resolver: clamped to Feb 28
        (ms, "2020-01-01 10:60:00Z"),
        (ms, "2020-13-01 10:00:00Z"),
        (ms, " 2020-01-01 10:00:00Z"),
        (ms, "Z"),
        (ms, ""),
    ] {
        timestamp_falls_back(Sql, t, text);
    }
    falls_back(&ltz_ms(), b"1577872800000");
    falls_back(&ltz_ms(), b"true");
    assert!(accepts(&ltz_ms(), "null").is_null(0));
}

#[test]
fn iso_8601_timestamps() {
    use TimestampFormat::Iso8601;
    assert_eq!(
        timestamp_in(Iso8601, &MS, "2020-01-01T10:00:00"),
        1_577_872_800_000
    );
    // ISO_LOCAL_TIME: the seconds are optional.
    assert_eq!(
        timestamp_in(Iso8601, &MS, "2020-01-01T10:00"),
        1_577_872_800_000
    );
    assert_eq!(
        timestamp_in(Iso8601, &MS, "2020-01-01T10:00:00.123"),
        1_577_872_800_123
    );
    assert_eq!(
        timestamp_in(Iso8601, &US, "2020-01-01T10:00:00.123456"),
        1_577_872_800_123_456
    );
    assert_eq!(
        timestamp_in(Iso8601, &US, "2020-01-01T10:00"),
        1_577_872_800_000_000
    );
    assert_eq!(timestamp_in(Iso8601, &MS, "1969-12-31T23:59:59.999"), -1);
    assert_eq!(
        timestamp_in(Iso8601, &MS, "0000-01-01T00:00"),
        -62_167_219_200_000
    );
    assert_eq!(
        timestamp_in(Iso8601, &US, "9999-12-31T23:59:59.999999"),
        253_402_300_799_999_999
    );
    for (t, text) in [
        (&MS, "2020-01-01 10:00:00"),  // the SQL form: Flink fails
        (&MS, "2020-01-01t10:00:00"),  // ISO_LOCAL_DATE_TIME is case-insensitive: left to Flink
        (&MS, "2020-01-01T10:00:00Z"), // Flink fails on the trailing Z
        (&MS, "2020-01-01T10:00.5"),   // a fraction needs seconds: Flink fails
        (&MS, "2020-01-01T10"),
        (&MS, "2020-01-01T10:00:00."), // Flink reads 0 fraction digits
        (&MS, "2020-01-01T10:00:00.1234"), // Flink keeps sub-millisecond digits
        (&US, "2020-01-01T10:00:00.1234567"),
        (&MS, "2020-01-01T24:00"),
        (&MS, "2021-02-29T10:00"),
        (&MS, "+2020-01-01T10:00"),
        (&MS, "2020-01-01T10:00:00+01:00"),
    ] {
        timestamp_falls_back(Iso8601, t, text);
    }
}

#[test]
fn iso_8601_timestamp_ltz() {
    use TimestampFormat::Iso8601;
    let (ms, us) = (&ltz_ms(), &ltz_us());
    assert_eq!(
        timestamp_in(Iso8601, ms, "2020-01-01T10:00:00Z"),
        1_577_872_800_000
    );
    assert_eq!(
        timestamp_in(Iso8601, ms, "2020-01-01T10:00Z"),
        1_577_872_800_000
    );
    assert_eq!(
        timestamp_in(Iso8601, ms, "2020-01-01T10:00:00.123Z"),
        1_577_872_800_123
    );
    assert_eq!(
        timestamp_in(Iso8601, us, "2020-01-01T10:00:00.000001Z"),
        1_577_872_800_000_001
    );
    assert_eq!(timestamp_in(Iso8601, ms, "1969-12-31T23:59:59.5Z"), -500);
    assert_eq!(timestamp_in(Iso8601, us, "1969-12-31T23:59:59.999999Z"), -1);
    assert_eq!(
        timestamp_in(Iso8601, us, "0000-01-01T00:00:00.000001Z"),
        -62_167_219_199_999_999
    );
    assert_eq!(
        timestamp_in(Iso8601, us, "9999-12-31T23:59:59.999999Z"),
        253_402_300_799_999_999
    );
    for (t, text) in [
        (ms, "2020-01-01T10:00:00"), // no Z: Flink fails
        (ms, "2020-01-01T10:00"),
        (ms, "2020-01-01T10:00:00z"),
        (ms, "2020-01-01t10:00Z"),
        (ms, "2020-01-01 10:00:00Z"), // the SQL form: Flink fails
        (ms, "2020-01-01T10:00:00+00:00"),
        (ms, "2020-01-01T10:00:00.123+00:00"),
        (ms, "2020-01-01T10:00:00.Z"),
        (ms, "2020-01-01T10:00:00.1234Z"),
        (us, "2020-01-01T10:00:00.1234567Z"),
        (ms, "2020-01-01T24:00:00Z"), // SMART resolver: the next day
        (ms, "2021-02-29T10:00:00Z"), // SMART resolver: clamped
        (ms, "2020-01-01T10:00:00ZZ"),
        (ms, "2020-01-01T10:00:00Z[UTC]"),
        (ms, "2020-01-01T10Z"),
    ] {
        timestamp_falls_back(Iso8601, t, text);
    }
}

#[test]
fn timestamp_strings_with_escapes_are_decoded_first() {
    // Flink's formatter reads the decoded text.
    assert_eq!(
        timestamp_in(
            TimestampFormat::Sql,
            &ltz_ms(),
            r"2020-01-01\u002010:00:00\u005a"
        ),
        1_577_872_800_000
    );
    assert_eq!(
        timestamp_in(TimestampFormat::Iso8601, &MS, r"2020-01-01\u005410:00"),
        1_577_872_800_000
    );
}

#[test]
fn floats_and_timestamp_ltz_in_batches_and_nested_rows() {
    let fields = vec![
        Field::new("f", DataType::Float32, true),
        Field::new("z", ltz_ms(), true),
        Field::new(
            "r",
            strukt(vec![
                Field::new("z6", ltz_us(), true),
                Field::new("f", DataType::Float32, false),
            ]),
            true,
        ),
    ];
    let mut decoder = JsonLinesDecoder::try_new(
        schema(fields),
        JsonOptions {
            fail_on_missing_field: false,
            timestamp_format: TimestampFormat::Iso8601,
        },
    )
    .expect("decoder");
    for _ in 0..2 {
        let batch = expect_batch(decode(
            &mut decoder,
            &[
                r#"{"f":1.5,"z":"2020-01-01T10:00Z","r":{"z6":"2020-01-01T10:00:00.000001Z","f":"-2"}}"#,
                r#"{"r":null,"f":null}"#,
                r#"{"z":null,"f":"0.25","r":{"f":3e0}}"#,
            ],
        ));
        assert_eq!(batch.schema(), *decoder.schema());
        let f = batch.column(0).as_primitive::<Float32Type>();
        assert_eq!((f.value(0), f.is_null(1), f.value(2)), (1.5, true, 0.25));
        let z = batch.column(1).as_primitive::<TimestampMillisecondType>();
        assert_eq!(z.timezone(), Some("UTC"));
        assert_eq!(
            (z.value(0), z.is_null(1), z.is_null(2)),
            (1_577_872_800_000, true, true)
        );
        let r = batch.column(2).as_struct();
        assert!(r.is_null(1) && r.is_valid(2));
        let z6 = r.column(0).as_primitive::<TimestampMicrosecondType>();
        assert_eq!(z6.value(0), 1_577_872_800_000_001);
        assert!(z6.is_null(1) && z6.is_null(2));
        let rf = r.column(1).as_primitive::<Float32Type>();
        assert_eq!((rf.value(0), rf.value(2)), (-2.0, 3.0));
    }
    // A fallback in the middle leaves nothing behind for the next batch.
    let (line, _) = expect_fallback(decode(
        &mut decoder,
        &[r#"{"f":1}"#, r#"{"z":"2020-01-01 10:00:00Z"}"#],
    ));
    assert_eq!(line, 1);
    let (line, why) = expect_fallback(decode(&mut decoder, &[r#"{"r":{"f":null}}"#]));
    assert_eq!((line, why), (0, "NULL in a NOT NULL column"));
    let batch = expect_batch(decode(&mut decoder, &[r#"{"f":2}"#]));
    assert_eq!(batch.num_rows(), 1);
    assert_eq!(batch.column(0).as_primitive::<Float32Type>().value(0), 2.0);
}

#[test]
fn the_timestamp_standard_applies_to_every_timestamp_column() {
    let fields = vec![Field::new("t", MS, true), Field::new("z", ltz_ms(), true)];
    let mut sql = decoder_with(fields.clone(), false);
    let mut iso = JsonLinesDecoder::try_new(
        schema(fields),
        JsonOptions {
            timestamp_format: TimestampFormat::Iso8601,
            ..JsonOptions::default()
        },
    )
    .expect("decoder");
    let sql_line = r#"{"t":"2020-01-01 10:00:00","z":"2020-01-01 10:00:00Z"}"#;
    let iso_line = r#"{"t":"2020-01-01T10:00:00","z":"2020-01-01T10:00:00Z"}"#;
    for (decoder, good, bad) in [
        (&mut sql, sql_line, iso_line),
        (&mut iso, iso_line, sql_line),
    ] {
        let batch = expect_batch(decode(decoder, &[good]));
        let t = batch.column(0).as_primitive::<TimestampMillisecondType>();
        let z = batch.column(1).as_primitive::<TimestampMillisecondType>();
        assert_eq!(
            (t.value(0), z.value(0)),
            (1_577_872_800_000, 1_577_872_800_000)
        );
        expect_fallback(decode(decoder, &[bad]));
    }
}
