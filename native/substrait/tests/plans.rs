//! Plan-level tests: Substrait plans built in Rust, evaluated end to end.

mod common;

use serde_json::{Value, json};

use common::*;
use ember_substrait::CalcProgram;

/// Kept row indexes (None = all) and rendered output rows.
type RunOutput = (Option<Vec<usize>>, Vec<Vec<Value>>);

/// Compiles `plan`, feeds `rows` and returns what was kept and produced.
fn run(plan: &str, rows: Value) -> Result<RunOutput, String> {
    let program = CalcProgram::from_json(plan).map_err(|e| e.to_string())?;
    let rows: Vec<Vec<Value>> = serde_json::from_value(rows).map_err(|e| e.to_string())?;
    let batch = json_to_batch(&rows, program.input_schema())?;
    let out = program
        .evaluate(&batch)
        .map_err(|e| format!("{} | {}", e.java_exception_class(), e.java_message()))?;
    let kept = out
        .selection
        .map(|s| (0..s.len()).filter(|i| s.value(*i)).collect());
    Ok((kept, render_batch(&out.batch)))
}

fn single(p: &Plan, input: &[(&str, Value)], e: Value, rows: Value) -> Result<Vec<Value>, String> {
    let plan = p.build(input, None, &[("x", e)]);
    let (_, out) = run(&plan, rows)?;
    Ok(out.into_iter().map(|mut r| r.remove(0)).collect())
}

#[test]
fn filter_then_project_with_selection() {
    let mut p = Plan::default();
    let cond = p.call(
        "gt",
        vec![field(&[1]), lit(json!({"i64": 5}))],
        ty("bool", true),
    );
    let a1 = p.call(
        "add",
        vec![field(&[0]), lit(json!({"i32": 1}))],
        ty("i32", true),
    );
    let plan = p.build(
        &[("a", ty("i32", true)), ("b", ty("i64", true))],
        Some(cond),
        &[("a1", a1)],
    );
    let (kept, out) = run(
        &plan,
        json!([[2147483647, 6], [1, 5], [null, null], [3, 9]]),
    )
    .expect("runs");
    assert_eq!(kept, Some(vec![0, 3]));
    assert_eq!(out, vec![vec![json!(-2147483648)], vec![json!(4)]]);
    // All rows kept: selection is None.
    let (kept, out) = run(&plan, json!([[1, 6]])).expect("runs");
    assert_eq!(kept, None);
    assert_eq!(out, vec![vec![json!(2)]]);
}

#[test]
fn lazy_and_never_divides_by_zero() {
    let mut p = Plan::default();
    let nz = p.call(
        "not_equal",
        vec![field(&[1]), lit(json!({"i32": 0}))],
        ty("bool", true),
    );
    let div = p.call("divide", vec![field(&[0]), field(&[1])], ty("i32", true));
    let gt = p.call("gt", vec![div, lit(json!({"i32": 1}))], ty("bool", true));
    let and = p.call("and", vec![nz, gt], ty("bool", true));
    let plan = p.build(
        &[("a", ty("i32", true)), ("b", ty("i32", true))],
        Some(and),
        &[("a", field(&[0]))],
    );
    let (kept, out) =
        run(&plan, json!([[10, 0], [10, 2], [1, 1], [null, 0]])).expect("no division by zero");
    assert_eq!(kept, Some(vec![1]));
    assert_eq!(out, vec![vec![json!(10)]]);
    // Without the guard Flink throws ArithmeticException("/ by zero").
    let mut p = Plan::default();
    let div = p.call("divide", vec![field(&[0]), field(&[1])], ty("i32", true));
    let err = single(
        &p,
        &[("a", ty("i32", true)), ("b", ty("i32", true))],
        div,
        json!([[10, 0]]),
    )
    .expect_err("must fail");
    assert_eq!(err, "java.lang.ArithmeticException | / by zero");
}

#[test]
fn lazy_or_and_three_valued_logic() {
    let mut p = Plan::default();
    let or = p.call("or", vec![field(&[0]), field(&[1])], ty("bool", true));
    let and = p.call("and", vec![field(&[0]), field(&[1])], ty("bool", true));
    let not = p.call("not", vec![field(&[0])], ty("bool", true));
    let plan = p.build(
        &[("a", ty("bool", true)), ("b", ty("bool", true))],
        None,
        &[("or", or), ("and", and), ("not", not)],
    );
    let (_, out) = run(
        &plan,
        json!([
            [null, false],
            [null, true],
            [false, null],
            [true, null],
            [null, null]
        ]),
    )
    .expect("runs");
    assert_eq!(
        out,
        vec![
            vec![Value::Null, json!(false), Value::Null],
            vec![json!(true), Value::Null, Value::Null],
            vec![Value::Null, json!(false), json!(true)],
            vec![json!(true), Value::Null, json!(false)],
            vec![Value::Null, Value::Null, Value::Null],
        ]
    );
}

#[test]
fn case_is_lazy_and_coalesce_picks_first_non_null() {
    let mut p = Plan::default();
    let is_zero = p.call(
        "equal",
        vec![field(&[1]), lit(json!({"i32": 0}))],
        ty("bool", true),
    );
    let div = p.call("divide", vec![field(&[0]), field(&[1])], ty("i32", true));
    let case = if_then(vec![(is_zero, lit(json!({"i32": -1})))], div);
    let coalesce = p.call(
        "coalesce",
        vec![field(&[1]), field(&[0]), lit(json!({"i32": 7}))],
        ty("i32", false),
    );
    let plan = p.build(
        &[("a", ty("i32", true)), ("b", ty("i32", true))],
        None,
        &[("c", case), ("k", coalesce)],
    );
    let (_, out) = run(&plan, json!([[10, 0], [10, 3], [null, null], [5, null]])).expect("runs");
    assert_eq!(
        out,
        vec![
            vec![json!(-1), json!(0)],
            vec![json!(3), json!(3)],
            vec![Value::Null, json!(7)],
            vec![Value::Null, json!(5)],
        ]
    );
}

#[test]
fn nested_struct_field_refs() {
    let p = Plan::default();
    let inner =
        json!({ "struct": { "types": [ty("i32", true)], "nullability": "NULLABILITY_NULLABLE" } });
    let outer = json!({ "struct": { "types": [ty("string", true), inner], "nullability": "NULLABILITY_NULLABLE" } });
    let plan = p.build_named(
        &["r", "s", "q", "v"],
        &[outer],
        None,
        &[("s", field(&[0, 0])), ("v", field(&[0, 1, 0]))],
    );
    let (_, out) = run(
        &plan,
        json!([[["x", [1]]], [null], [["y", null]], [[null, [null]]]]),
    )
    .expect("runs");
    assert_eq!(
        out,
        vec![
            vec![json!("x"), json!(1)],
            vec![Value::Null, Value::Null],
            vec![json!("y"), Value::Null],
            vec![Value::Null, Value::Null],
        ]
    );
}

#[test]
fn literals_of_every_type() {
    let p = Plan::default();
    let dec = 12345i128.to_le_bytes().to_vec();
    let b64 = |b: &[u8]| {
        // pbjson encodes bytes as standard base64.
        const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for c in b.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for k in 0..4 {
                if k <= c.len() {
                    s.push(T[((n >> (18 - 6 * k)) & 63) as usize] as char);
                } else {
                    s.push('=');
                }
            }
        }
        s
    };
    let lits = vec![
        ("bool", lit(json!({"boolean": true}))),
        ("i8", lit(json!({"i8": -128}))),
        ("i16", lit(json!({"i16": 32767}))),
        ("i32", lit(json!({"i32": -5}))),
        ("i64", lit(json!({"i64": "-9223372036854775808"}))),
        ("f32", lit(json!({"fp32": 1.5}))),
        ("f64", lit(json!({"fp64": "NaN"}))),
        ("str", lit(json!({"string": "ü😀"}))),
        ("vc", lit(json!({"varChar": {"value": "ab", "length": 5}}))),
        ("ch", lit(json!({"fixedChar": "ab "}))),
        (
            "dec",
            lit(json!({"decimal": {"value": b64(&dec), "precision": 10, "scale": 2}})),
        ),
        ("date", lit(json!({"date": -1}))),
        (
            "ts0",
            lit(json!({"precisionTimestamp": {"precision": 0, "value": "1"}})),
        ),
        (
            "ts6",
            lit(json!({"precisionTimestamp": {"precision": 6, "value": "-1"}})),
        ),
        ("nul", null_lit(ty("i32", true))),
    ];
    let plan = p.build(&[("a", ty("i32", true))], None, &lits);
    let (_, out) = run(&plan, json!([[1]])).expect("runs");
    assert_eq!(
        out[0],
        vec![
            json!(true),
            json!(-128),
            json!(32767),
            json!(-5),
            json!(i64::MIN),
            json!(1.5),
            json!("NaN"),
            json!("ü😀"),
            json!("ab"),
            json!("ab "),
            json!("123.45"),
            json!("1969-12-31"),
            json!("1970-01-01 00:00:01"),
            json!("1969-12-31 23:59:59.999999"),
            Value::Null,
        ]
    );
}

#[test]
fn decimal_arithmetic_rounds_half_up_and_overflows_to_null() {
    let mut p = Plan::default();
    let d = |s: i32| decimal_ty(10, s, true);
    let div = p.call(
        "divide",
        vec![field(&[0]), field(&[1])],
        decimal_ty(38, 6, true),
    );
    let mul = p.call(
        "multiply",
        vec![field(&[0]), field(&[1])],
        decimal_ty(3, 1, true),
    );
    let add = p.call(
        "add",
        vec![field(&[0]), lit(json!({"i32": 1}))],
        decimal_ty(11, 2, true),
    );
    let plan = p.build(
        &[("a", d(2)), ("b", d(2))],
        None,
        &[("div", div), ("mul", mul), ("add", add)],
    );
    let (_, out) = run(
        &plan,
        json!([
            ["1.00", "3.00"],
            ["2.00", "3.00"],
            ["-2.00", "3.00"],
            ["99.99", "99.99"]
        ]),
    )
    .expect("runs");
    assert_eq!(out[0], vec![json!("0.333333"), json!("3.0"), json!("2.00")]);
    assert_eq!(out[1], vec![json!("0.666667"), json!("6.0"), json!("3.00")]);
    assert_eq!(
        out[2],
        vec![json!("-0.666667"), json!("-6.0"), json!("-1.00")]
    );
    assert_eq!(
        out[3],
        vec![json!("1.000000"), Value::Null, json!("100.99")]
    );
}

#[test]
fn casts_follow_flink_rules() {
    let s = ty("string", true);
    let cases: Vec<(Value, Value, Value, Value)> = vec![
        // (input type, target type, inputs, expected)
        (
            ty("fp64", true),
            s.clone(),
            json!([[1e308], [0.1], [1e7], [-0.0], ["NaN"]]),
            json!(["1.0E308", "0.1", "1.0E7", "-0.0", "NaN"]),
        ),
        (
            ty("fp64", true),
            ty("i32", true),
            json!([[1e10], [-1.9], ["NaN"]]),
            json!([2147483647, -1, 0]),
        ),
        (
            ty("i32", true),
            ty("i8", true),
            json!([[200], [-129]]),
            json!([-56, 127]),
        ),
        (
            decimal_ty(5, 2, true),
            s.clone(),
            json!([["-0.05"], ["123.40"]]),
            json!(["-0.05", "123.40"]),
        ),
        (
            decimal_ty(5, 2, true),
            decimal_ty(3, 1, true),
            json!([["12.35"], ["-12.35"], ["999.99"]]),
            json!(["12.4", "-12.4", null]),
        ),
        (
            ty("bool", true),
            s.clone(),
            json!([[true], [false]]),
            json!(["TRUE", "FALSE"]),
        ),
        (
            s.clone(),
            ty("i32", true),
            json!([[" 42 "], ["-7.9"]]),
            json!([42, -7]),
        ),
        (
            s.clone(),
            ty("bool", true),
            json!([["YES"], ["0"]]),
            json!([true, false]),
        ),
        (
            s.clone(),
            char_ty(3, true),
            json!([["a"], ["abcd"], ["😀"]]),
            json!(["a  ", "abc", "😀  "]),
        ),
        (
            s.clone(),
            varchar_ty(2, true),
            json!([["abc"], ["a"]]),
            json!(["ab", "a"]),
        ),
        (
            ts_ty(3, true),
            s.clone(),
            json!([["2024-01-31 12:34:56.700"]]),
            json!(["2024-01-31 12:34:56.700"]),
        ),
        (
            ty("date", true),
            s.clone(),
            json!([["1969-07-20"]]),
            json!(["1969-07-20"]),
        ),
        (
            ty("fp64", true),
            decimal_ty(5, 2, true),
            json!([[1.005], [1e10]]),
            json!(["1.01", null]),
        ),
    ];
    for (from, to, input, expected) in cases {
        let p = Plan::default();
        let e = cast(field(&[0]), to.clone(), false);
        let got = single(&p, &[("a", from.clone())], e, input.clone())
            .map_err(|e| format!("{from} -> {to}: {e}"));
        assert_eq!(
            got,
            Ok(expected.as_array().cloned().unwrap_or_default()),
            "{from} -> {to}"
        );
    }
}

#[test]
fn cast_failures_throw_or_return_null() {
    let p = Plan::default();
    let input = [("s", ty("string", true))];
    let err = single(
        &p,
        &input,
        cast(field(&[0]), ty("i32", true), false),
        json!([["12a"]]),
    )
    .expect_err("fails");
    assert_eq!(
        err,
        "java.lang.NumberFormatException | For input string: '12a'. Invalid character found."
    );
    let err = single(
        &p,
        &input,
        cast(field(&[0]), ty("bool", true), false),
        json!([["maybe"]]),
    )
    .expect_err("fails");
    assert!(
        err.starts_with("org.apache.flink.table.api.TableException"),
        "{err}"
    );
    let got = single(
        &p,
        &input,
        cast(field(&[0]), ty("i32", true), true),
        json!([["12a"], ["3"], [null]]),
    )
    .expect("TRY_CAST");
    assert_eq!(got, vec![Value::Null, json!(3), Value::Null]);
}

#[test]
fn comparisons_widen_like_java() {
    let mut p = Plan::default();
    let lt = p.call("lt", vec![field(&[0]), field(&[1])], ty("bool", true));
    let eq = p.call("equal", vec![field(&[1]), field(&[1])], ty("bool", true));
    let dec = p.call("equal", vec![field(&[2]), field(&[0])], ty("bool", true));
    let distinct = p.call(
        "is_distinct_from",
        vec![field(&[0]), field(&[2])],
        ty("bool", false),
    );
    let plan = p.build(
        &[
            ("i", ty("i64", true)),
            ("d", ty("fp64", true)),
            ("m", decimal_ty(5, 1, true)),
        ],
        None,
        &[("lt", lt), ("eq", eq), ("dec", dec), ("distinct", distinct)],
    );
    let (_, out) = run(
        &plan,
        json!([[1, 1.5, "1.0"], [2, "NaN", "2.5"], [null, -0.0, null]]),
    )
    .expect("runs");
    assert_eq!(
        out[0],
        vec![json!(true), json!(true), json!(true), json!(false)]
    );
    assert_eq!(
        out[1],
        vec![json!(false), json!(false), json!(false), json!(true)]
    );
    assert_eq!(
        out[2],
        vec![Value::Null, json!(true), Value::Null, json!(false)]
    );
}

#[test]
fn string_functions_end_to_end() {
    let mut p = Plan::default();
    let s = || ty("string", true);
    let up = p.call("upper", vec![field(&[0])], s());
    let len = p.call("char_length", vec![field(&[0])], ty("i32", true));
    let sub = p.call("substring", vec![field(&[0]), lit(json!({"i32": -2}))], s());
    let trim = p.call(
        "trim",
        vec![
            lit(json!({"string": "BOTH"})),
            lit(json!({"string": "x"})),
            field(&[0]),
        ],
        s(),
    );
    let like = p.call(
        "like",
        vec![field(&[0]), lit(json!({"string": "%ß_"}))],
        ty("bool", true),
    );
    let cat = p.call(
        "concat",
        vec![field(&[0]), lit(json!({"string": "!"}))],
        s(),
    );
    let plan = p.build(
        &[("s", s())],
        None,
        &[
            ("up", up),
            ("len", len),
            ("sub", sub),
            ("trim", trim),
            ("like", like),
            ("cat", cat),
        ],
    );
    let (_, out) = run(&plan, json!([["xstraße😀x"], [""], [null]])).expect("runs");
    assert_eq!(
        out[0],
        vec![
            json!("XSTRASSE😀X"),
            json!(9),
            json!("😀x"),
            json!("straße😀"),
            json!(false),
            json!("xstraße😀x!")
        ]
    );
    assert_eq!(
        out[1],
        vec![
            json!(""),
            json!(0),
            json!(""),
            json!(""),
            json!(false),
            json!("!")
        ]
    );
    assert_eq!(out[2], vec![Value::Null; 6]);
}

#[test]
fn unsupported_things_are_reported_at_try_new() {
    let mut p = Plan::default();
    let f = p.call("parse_url", vec![field(&[0])], ty("string", true));
    let plan = p.build(&[("s", ty("string", true))], None, &[("x", f)]);
    let err = CalcProgram::from_json(&plan).expect_err("unsupported");
    assert_eq!(
        err.java_exception_class(),
        "dev.ember.flink.jni.EmberUnsupportedException"
    );
    assert_eq!(
        err.java_message(),
        "function parse_url is not supported natively"
    );

    let p = Plan::default();
    let plan = p.build(
        &[(
            "t",
            json!({"time": {"precision": 0, "nullability": "NULLABILITY_NULLABLE"}}),
        )],
        None,
        &[("x", field(&[0]))],
    );
    let err = CalcProgram::from_json(&plan).expect_err("unsupported");
    assert_eq!(
        err.java_exception_class(),
        "dev.ember.flink.jni.EmberUnsupportedException"
    );

    let p = Plan::default();
    let plan = p.build(
        &[("s", ty("string", true))],
        None,
        &[(
            "x",
            cast(
                field(&[0]),
                json!({"decimal": {"precision": 10, "scale": 2, "nullability": "NULLABILITY_NULLABLE"}}),
                false,
            ),
        )],
    );
    let err = CalcProgram::from_json(&plan).expect_err("unsupported");
    assert_eq!(
        err.java_message(),
        "CAST from STRING to DECIMAL(10, 2) is not supported natively"
    );
}

#[test]
fn protobuf_and_json_forms_agree() {
    use prost::Message;
    let mut p = Plan::default();
    let a1 = p.call("negate", vec![field(&[0])], ty("i32", true));
    let json_plan = p.build(&[("a", ty("i32", true))], None, &[("n", a1)]);
    let plan: substrait::proto::Plan = serde_json::from_str(&json_plan).expect("valid JSON plan");
    let program = CalcProgram::try_new(&plan.encode_to_vec()).expect("compiles");
    let batch = json_to_batch(
        &[vec![json!(i32::MIN)], vec![json!(5)]],
        program.input_schema(),
    )
    .expect("batch");
    let out = program.evaluate(&batch).expect("runs");
    assert_eq!(
        render_batch(&out.batch),
        vec![vec![json!(i32::MIN)], vec![json!(-5)]]
    );
}

/// The decoder skips columns no expression reads.
#[test]
fn referenced_columns_are_the_ones_read() {
    let mut p = Plan::default();
    let cond = p.call(
        "gt",
        vec![field(&[2]), lit(json!({"i64": 5}))],
        ty("bool", true),
    );
    let plan = p.build(
        &[
            ("a", ty("i32", true)),
            ("b", ty("i32", true)),
            ("c", ty("i64", true)),
        ],
        Some(cond),
        &[("a", field(&[0]))],
    );
    let program = CalcProgram::from_json(&plan).expect("compiles");
    assert_eq!(program.referenced_columns(), vec![true, false, true]);
}
