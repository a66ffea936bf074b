//! Expected values are Flink 2.3's (`CsvReaderFormat` over Jackson 2.20 + `CsvToRowDataConverters`).

use std::sync::Arc;

use arrow::array::{
    Array, AsArray, BooleanArray, Date32Array, Decimal128Array, Float64Array, Int8Array,
    Int32Array, Int64Array, StringArray, TimestampMillisecondArray,
};
use arrow::datatypes::{DataType, Field, Schema, TimeUnit};

use super::*;

fn decoder(types: &[DataType], options: CsvOptions) -> CsvDecoder {
    let fields: Vec<Field> = types
        .iter()
        .enumerate()
        .map(|(i, t)| Field::new(format!("c{i}"), t.clone(), true))
        .collect();
    let projection: Vec<usize> = (0..types.len()).collect();
    CsvDecoder::try_new(
        Arc::new(Schema::new(fields)),
        types.len(),
        &projection,
        options,
    )
    .expect("decoder")
}

fn records(rs: &[&str]) -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0];
    for r in rs {
        data.extend_from_slice(r.as_bytes());
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}

fn batch(d: &mut CsvDecoder, rs: &[&str]) -> RecordBatch {
    let (data, offsets) = records(rs);
    match d.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(b) => b,
        Decoded::Fallback { line, reason } => panic!("fallback at {line}: {reason}"),
    }
}

fn fallback(d: &mut CsvDecoder, rs: &[&str]) -> usize {
    let (data, offsets) = records(rs);
    match d.decode(&data, &offsets).expect("decode") {
        Decoded::Batch(_) => panic!("expected a fallback for {rs:?}"),
        Decoded::Fallback { line, .. } => line,
    }
}

fn strings(d: &mut CsvDecoder, rs: &[&str]) -> Vec<Vec<Option<String>>> {
    let b = batch(d, rs);
    (0..b.num_rows())
        .map(|r| {
            (0..b.num_columns())
                .map(|c| {
                    let a = b
                        .column(c)
                        .as_any()
                        .downcast_ref::<StringArray>()
                        .expect("utf8");
                    a.is_valid(r).then(|| a.value(r).to_string())
                })
                .collect()
        })
        .collect()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn quoting_and_terminators() {
    let mut d = decoder(&[DataType::Utf8, DataType::Utf8], CsvOptions::default());
    assert_eq!(
        strings(
            &mut d,
            &[
                "a,b\n",
                "\"x,y\",\"say \"\"hi\"\"\"\r\n",
                "\"multi\nline\",z\r",
                " p , q ",
                "\"q\"  ,\"r\" \n"
            ]
        ),
        vec![
            vec![s("a"), s("b")],
            vec![s("x,y"), s("say \"hi\"")],
            vec![s("multi\nline"), s("z")],
            vec![s(" p "), s(" q ")],
            vec![s("q"), s("r")],
        ]
    );
    // Trailing delimiter: an empty last field; one extra blank field is dropped (ALLOW_TRAILING_COMMA).
    assert_eq!(
        strings(&mut d, &["a,\n", "a,b,\n", "a,b, \n"]),
        vec![
            vec![s("a"), s("")],
            vec![s("a"), s("b")],
            vec![s("a"), s("b")],
        ]
    );
    // Fewer fields: the rest NULL only if not projected... here both are projected: Flink fails.
    assert_eq!(fallback(&mut d, &["a,b\n", "a\n"]), 1);
    assert_eq!(fallback(&mut d, &["a,b,c\n"]), 0);
    assert_eq!(fallback(&mut d, &["\"a\"x,b\n"]), 0);
    assert_eq!(fallback(&mut d, &["\"a,b\n"]), 0);
    let data = b"a,\xffb\n";
    assert!(matches!(
        d.decode(data, &[0, data.len() as i32]).expect("decode"),
        Decoded::Fallback { line: 0, .. }
    ));
}

#[test]
fn escapes_comments_and_null_literal() {
    let options = CsvOptions {
        escape: Some(b'\\'),
        allow_comments: true,
        null_literal: Some(b"n/a".to_vec()),
        field_delimiter: b';',
        ..CsvOptions::default()
    };
    let mut d = decoder(&[DataType::Utf8, DataType::Utf8], options);
    assert_eq!(
        strings(
            &mut d,
            &["#c\n\n  a\\;b;c\\n\n", "\"x\\\"y\";n/a\n", "\"n/a\";\\é\n"]
        ),
        vec![
            vec![s("a;b"), s("c\n")],
            vec![s("x\"y"), None],
            vec![None, s("é")],
        ]
    );
    assert_eq!(fallback(&mut d, &["# only\n"]), 0);
}

#[test]
fn projection_and_missing_columns() {
    // Physical (a INT, b STRING, c STRING), projected (c, a): a record of 2 fields has c NULL.
    let schema = Schema::new(vec![
        Field::new("c", DataType::Utf8, true),
        Field::new("a", DataType::Int32, true),
    ]);
    let mut d =
        CsvDecoder::try_new(Arc::new(schema), 3, &[2, 0], CsvOptions::default()).expect("decoder");
    let b = batch(&mut d, &["1,x,y\n", "2,x\n"]);
    let c = b.column(0).as_string::<i32>();
    assert_eq!((c.value(0), c.is_null(1)), ("y", true));
    let a = b
        .column(1)
        .as_any()
        .downcast_ref::<Int32Array>()
        .expect("int");
    assert_eq!(a.values().to_vec(), vec![1, 2]);
    // One field for two projected columns: Flink's "Row length mismatch".
    assert_eq!(fallback(&mut d, &["1\n"]), 0);
}

#[test]
fn typed_values_as_java_parses_them() {
    let types = [
        DataType::Boolean,
        DataType::Int8,
        DataType::Int64,
        DataType::Float64,
        DataType::Decimal128(5, 2),
        DataType::Date32,
        DataType::Timestamp(TimeUnit::Millisecond, None),
    ];
    let mut d = decoder(&types, CsvOptions::default());
    let b = batch(
        &mut d,
        &[
            " TRUE , +7 ,-9223372036854775808, 1e3 ,1.005,2020-02-29, 2020-12-30 12:13:14.5 \n",
            "yes,-128,007,.5,999.995,1970-01-01,1970-01-01 00:00:00\n",
        ],
    );
    let bools = b
        .column(0)
        .as_any()
        .downcast_ref::<BooleanArray>()
        .expect("bool");
    assert_eq!((bools.value(0), bools.value(1)), (true, false));
    let i8s = b
        .column(1)
        .as_any()
        .downcast_ref::<Int8Array>()
        .expect("i8");
    assert_eq!(i8s.values().to_vec(), vec![7, -128]);
    let i64s = b
        .column(2)
        .as_any()
        .downcast_ref::<Int64Array>()
        .expect("i64");
    assert_eq!(i64s.values().to_vec(), vec![i64::MIN, 7]);
    let f64s = b
        .column(3)
        .as_any()
        .downcast_ref::<Float64Array>()
        .expect("f64");
    assert_eq!(f64s.values().to_vec(), vec![1000.0, 0.5]);
    let decs = b
        .column(4)
        .as_any()
        .downcast_ref::<Decimal128Array>()
        .expect("dec");
    // 1.005 HALF_UP -> 1.01; 999.995 -> 1000.00 needs 6 digits: NULL (DecimalData.fromBigDecimal).
    assert_eq!((decs.value(0), decs.is_null(1)), (101, true));
    let dates = b
        .column(5)
        .as_any()
        .downcast_ref::<Date32Array>()
        .expect("date");
    assert_eq!(dates.values().to_vec(), vec![18321, 0]);
    let ts = b
        .column(6)
        .as_any()
        .downcast_ref::<TimestampMillisecondArray>()
        .expect("ts");
    assert_eq!(ts.values().to_vec(), vec![1_609_330_394_500, 0]);

    // Java throws (or the form is left to Flink): each falls back.
    let ok = "true,1,1,1,1,2020-01-01,2020-01-01 00:00:00\n";
    for bad in [
        "true,128,1,1,1,2020-01-01,2020-01-01 00:00:00\n", // Byte.parseByte overflow
        "true,,1,1,1,2020-01-01,2020-01-01 00:00:00\n",    // empty int
        "true,1,1.0,1,1,2020-01-01,2020-01-01 00:00:00\n", // Long.parseLong("1.0")
        "true,1,1,NaN,1,2020-01-01,2020-01-01 00:00:00\n", // parseDouble("NaN"): Java-only form
        "true,1,1,1, 1,2020-01-01,2020-01-01 00:00:00\n",  // new BigDecimal(" 1") throws
        "true,1,1,1,1,2020-1-01,2020-01-01 00:00:00\n",    // Date.valueOf lenient forms
        "true,1,1,1,1,2020-02-30,2020-01-01 00:00:00\n",   // Date.valueOf rolls over
        "true,1,1,1,1,1500-01-01,2020-01-01 00:00:00\n",   // Julian calendar
        "true,1,1,1,1, 2020-01-01,2020-01-01 00:00:00\n",  // Date.valueOf does not trim
        "true,1,1,1,1,2020-01-01,2020-01-01T00:00:00\n",   // not the SQL form
    ] {
        assert_eq!(fallback(&mut d, &[ok, bad]), 1, "{bad}");
    }
}

#[test]
fn empty_line_is_a_record_of_one_empty_field() {
    let mut d = decoder(&[DataType::Utf8], CsvOptions::default());
    assert_eq!(
        strings(&mut d, &["\n", "\r\n", ""]),
        vec![vec![s("")], vec![s("")], vec![s("")]]
    );
    let mut d = decoder(&[DataType::Int32], CsvOptions::default());
    assert_eq!(fallback(&mut d, &["\n"]), 0);
}

#[test]
fn disabled_quote_and_options_check() {
    let options = CsvOptions {
        quote: None,
        field_delimiter: b'\t',
        ..CsvOptions::default()
    };
    let mut d = decoder(&[DataType::Utf8, DataType::Utf8], options);
    assert_eq!(
        strings(&mut d, &["\"a\t b\"\n"]),
        vec![vec![s("\"a"), s(" b\"")]]
    );
    let same = CsvOptions {
        escape: Some(b','),
        ..CsvOptions::default()
    };
    let schema = Arc::new(Schema::new(vec![Field::new("a", DataType::Utf8, true)]));
    assert!(CsvDecoder::try_new(schema, 1, &[0], same).is_err());
}
