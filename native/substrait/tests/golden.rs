//! Golden cases: every `substrait-plans/cases/<name>/` with `plan.json` + `case.json` is executed
//! natively and compared with the rows stock Flink produced (`expected`).
//!
//! Fails when there are no cases at all: a runner that checks nothing must not pass.

mod common;

use std::path::{Path, PathBuf};

use arrow::array::Array;
use serde_json::Value;

use common::{json_to_batch, render_batch};
use ember_substrait::CalcProgram;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../substrait-plans/cases")
}

/// Runs one case; `Err` describes the first difference.
fn run_case(plan_json: &str, case_json: &str) -> Result<(), String> {
    let case: Value = serde_json::from_str(case_json).map_err(|e| format!("case.json: {e}"))?;
    let program = CalcProgram::from_json(plan_json).map_err(|e| format!("plan: {e}"))?;
    let split = |key: &str| -> Result<(Vec<String>, Vec<Vec<Value>>), String> {
        let rows = case
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("case.json has no `{key}` array"))?;
        let mut kinds = Vec::new();
        let mut values = Vec::new();
        for r in rows {
            let r = r
                .as_array()
                .ok_or_else(|| format!("{key} row {r} is not an array"))?;
            let kind = r
                .first()
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{key} row without RowKind"))?;
            kinds.push(kind.to_string());
            values.push(r[1..].to_vec());
        }
        Ok((kinds, values))
    };
    let (in_kinds, in_rows) = split("input")?;
    let (exp_kinds, exp_rows) = split("expected")?;
    let batch = json_to_batch(&in_rows, program.input_schema())?;
    let out = program
        .evaluate(&batch)
        .map_err(|e| format!("evaluate: {e}"))?;
    let kinds: Vec<String> = match &out.selection {
        None => in_kinds,
        Some(sel) => {
            if sel.null_count() != 0 {
                return Err("selection contains NULL".into());
            }
            in_kinds
                .into_iter()
                .enumerate()
                .filter(|(i, _)| sel.value(*i))
                .map(|(_, k)| k)
                .collect()
        }
    };
    let rows = render_batch(&out.batch);
    if out.batch.schema() != *program.output_schema() {
        return Err("output batch schema differs from output_schema()".into());
    }
    let actual: Vec<(String, Vec<Value>)> = kinds.into_iter().zip(rows).collect();
    let expected: Vec<(String, Vec<Value>)> = exp_kinds.into_iter().zip(exp_rows).collect();
    if actual.len() != expected.len() {
        return Err(format!(
            "expected {} rows, got {}: {actual:?}",
            expected.len(),
            actual.len()
        ));
    }
    for (i, (a, e)) in actual.iter().zip(&expected).enumerate() {
        if !rows_equal(a, e) {
            return Err(format!("row {i}: expected {e:?}, got {a:?}"));
        }
    }
    Ok(())
}

/// Equality with numbers compared by value (JSON `1` and `1.0` are the same DOUBLE).
fn rows_equal(a: &(String, Vec<Value>), e: &(String, Vec<Value>)) -> bool {
    a.0 == e.0 && a.1.len() == e.1.len() && a.1.iter().zip(&e.1).all(|(x, y)| values_equal(x, y))
}

fn values_equal(a: &Value, e: &Value) -> bool {
    match (a, e) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| values_equal(x, y))
        }
        _ => a == e,
    }
}

#[test]
fn golden_cases() {
    let dir = cases_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|it| {
            it.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("plan.json").is_file() && p.join("case.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    assert!(
        !cases.is_empty(),
        "no golden cases found in {} (each case is a directory with plan.json + case.json, written by the Java translator tests)",
        dir.display()
    );
    let mut failures = Vec::new();
    for c in &cases {
        let read = |f: &str| std::fs::read_to_string(c.join(f)).unwrap_or_default();
        if let Err(e) = run_case(&read("plan.json"), &read("case.json")) {
            failures.push(format!("{}: {e}", c.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Exercises the runner itself on a plan built in Rust (filter + nested field + RowKinds).
#[test]
fn runner_on_rust_built_plan() {
    use common::*;
    use serde_json::json;
    // SELECT a + 1, UPPER(s), bid.price [, extra] FROM calc_input WHERE b > 5
    let example = |extra: Option<(&str, Value)>| {
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
        let up = p.call("upper", vec![field(&[2])], ty("string", true));
        let row = json!({ "struct": { "types": [ty("i64", true), ty("string", true)], "nullability": "NULLABILITY_NULLABLE" } });
        let mut outputs = vec![("a1", a1), ("u", up), ("price", field(&[3, 0]))];
        outputs.extend(extra);
        p.build_named(
            &["a", "b", "s", "bid", "price", "url"],
            &[ty("i32", true), ty("i64", true), ty("string", true), row],
            Some(cond),
            &outputs,
        )
    };
    // CAST BIGINT -> TIMESTAMP is not supported: the plan must be rejected with a precise reason.
    let unsupported = example(Some(("ts", cast(field(&[3, 0]), ts_ty(0, true), false))));
    let err = CalcProgram::from_json(&unsupported)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("CAST from BIGINT to TIMESTAMP(0) is not supported natively"),
        "{err}"
    );

    let plan = example(None);
    let case = json!({
        "description": "filter + arithmetic + string function",
        "source": "a INT, b BIGINT, s STRING, bid ROW<price BIGINT, url STRING>",
        "query": "SELECT a + 1 AS a1, UPPER(s) AS u, bid.price FROM calc_input WHERE b > 5",
        "input": [["+I", 1, 10, "x", [3, "u"]], ["-U", null, 7, "straße", null], ["+U", 5, 1, "z", [1, "v"]], ["-D", 2147483647, null, "w", [null, null]]],
        "expected": [["+I", 2, "X", 3], ["-U", null, "STRASSE", null]]
    });
    assert_eq!(run_case(&plan, &case.to_string()), Ok(()));
    // A wrong expectation must be reported.
    let mut wrong = case.clone();
    wrong["expected"][0][1] = json!(3);
    assert!(run_case(&plan, &wrong.to_string()).is_err());
}
