//! Shared test helpers: the golden-case JSON value conventions (`substrait-plans/README.md`) and a
//! small builder of Substrait plans in protobuf JSON.

#![allow(dead_code)]

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BooleanArray, Date32Array, Decimal128Array,
    Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, StringArray,
    StructArray, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow::buffer::NullBuffer;
use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use arrow::record_batch::{RecordBatch, RecordBatchOptions};
use serde_json::{Value, json};

// ---------------------------------------------------------------- JSON values -> Arrow

fn num_f64(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("bad number {n}")),
        Value::String(s) if s == "NaN" => Ok(f64::NAN),
        Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
        Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
        other => Err(format!("expected a floating point value, got {other}")),
    }
}

fn parse_decimal(s: &str, scale: i8) -> Result<i128, String> {
    let (int_part, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() != scale.max(0) as usize {
        return Err(format!(
            "decimal {s:?} must have exactly {scale} fraction digits"
        ));
    }
    format!("{int_part}{frac}")
        .parse::<i128>()
        .map_err(|e| format!("decimal {s:?}: {e}"))
}

fn days_of(s: &str) -> Result<i32, String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).ok_or("epoch")?;
    let d =
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("date {s:?}: {e}"))?;
    Ok((d - epoch).num_days() as i32)
}

fn micros_of(s: &str) -> Result<i64, String> {
    let fmt = if s.contains('.') {
        "%Y-%m-%d %H:%M:%S%.f"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    let t = chrono::NaiveDateTime::parse_from_str(s, fmt)
        .map_err(|e| format!("timestamp {s:?}: {e}"))?;
    Ok(t.and_utc().timestamp_micros())
}

fn hex_decode(s: &str) -> Result<Vec<u8>, String> {
    (0..s.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(s.get(i..i + 2).ok_or("odd hex")?, 16).map_err(|e| e.to_string())
        })
        .collect()
}

/// Builds one column from JSON values per the golden conventions.
pub fn json_to_array(values: &[&Value], field: &Field) -> Result<ArrayRef, String> {
    macro_rules! prim {
        ($arr:ty, $conv:expr) => {{
            let mut out = Vec::with_capacity(values.len());
            for v in values {
                out.push(if v.is_null() { None } else { Some($conv(v)?) });
            }
            Arc::new(<$arr>::from(out)) as ArrayRef
        }};
    }
    let int = |v: &Value| {
        v.as_i64()
            .ok_or_else(|| format!("expected an integer, got {v}"))
    };
    let string = |v: &Value| {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("expected a string, got {v}"))
    };
    Ok(match field.data_type() {
        DataType::Boolean => prim!(BooleanArray, |v: &Value| v
            .as_bool()
            .ok_or_else(|| format!("expected a boolean, got {v}"))),
        DataType::Int8 => prim!(Int8Array, |v: &Value| int(v).map(|x| x as i8)),
        DataType::Int16 => prim!(Int16Array, |v: &Value| int(v).map(|x| x as i16)),
        DataType::Int32 => prim!(Int32Array, |v: &Value| int(v).map(|x| x as i32)),
        DataType::Int64 => prim!(Int64Array, int),
        DataType::Float32 => prim!(Float32Array, |v: &Value| num_f64(v).map(|x| x as f32)),
        DataType::Float64 => prim!(Float64Array, num_f64),
        DataType::Utf8 => prim!(StringArray, string),
        DataType::Binary => {
            let mut out: Vec<Option<Vec<u8>>> = Vec::with_capacity(values.len());
            for v in values {
                out.push(if v.is_null() {
                    None
                } else {
                    Some(hex_decode(&string(v)?)?)
                });
            }
            Arc::new(BinaryArray::from_iter(out))
        }
        DataType::Decimal128(p, s) => {
            let mut out = Vec::with_capacity(values.len());
            for v in values {
                out.push(if v.is_null() {
                    None
                } else {
                    Some(parse_decimal(&string(v)?, *s)?)
                });
            }
            Arc::new(
                Decimal128Array::from(out)
                    .with_precision_and_scale(*p, *s)
                    .map_err(|e| e.to_string())?,
            )
        }
        DataType::Date32 => prim!(Date32Array, |v: &Value| days_of(&string(v)?)),
        DataType::Timestamp(TimeUnit::Millisecond, tz) => {
            let a = prim!(TimestampMillisecondArray, |v: &Value| micros_of(&string(
                v
            )?)
            .map(|m| m.div_euclid(1000)));
            Arc::new(
                a.as_primitive::<arrow::datatypes::TimestampMillisecondType>()
                    .clone()
                    .with_timezone_opt(tz.clone()),
            )
        }
        DataType::Timestamp(TimeUnit::Microsecond, tz) => {
            let a = prim!(TimestampMicrosecondArray, |v: &Value| micros_of(&string(
                v
            )?));
            Arc::new(
                a.as_primitive::<arrow::datatypes::TimestampMicrosecondType>()
                    .clone()
                    .with_timezone_opt(tz.clone()),
            )
        }
        DataType::Struct(fields) => {
            let mut children = Vec::with_capacity(fields.len());
            for (i, f) in fields.iter().enumerate() {
                let col: Vec<&Value> = values
                    .iter()
                    .map(|v| v.as_array().and_then(|a| a.get(i)).unwrap_or(&Value::Null))
                    .collect();
                children.push(json_to_array(&col, f)?);
            }
            let nulls =
                NullBuffer::from(values.iter().map(|v| !v.is_null()).collect::<Vec<bool>>());
            Arc::new(
                StructArray::try_new(fields.clone(), children, Some(nulls))
                    .map_err(|e| e.to_string())?,
            )
        }
        other => return Err(format!("unsupported type in golden input: {other}")),
    })
}

/// Builds a batch of `schema` from rows (arrays of values, RowKind already removed).
pub fn json_to_batch(rows: &[Vec<Value>], schema: &Arc<Schema>) -> Result<RecordBatch, String> {
    let mut cols = Vec::with_capacity(schema.fields().len());
    for (i, f) in schema.fields().iter().enumerate() {
        let col: Vec<&Value> = rows
            .iter()
            .map(|r| r.get(i).unwrap_or(&Value::Null))
            .collect();
        cols.push(json_to_array(&col, f)?);
    }
    RecordBatch::try_new_with_options(
        Arc::clone(schema),
        cols,
        &RecordBatchOptions::new().with_row_count(Some(rows.len())),
    )
    .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------- Arrow -> JSON values

fn f64_json(v: f64) -> Value {
    if v.is_nan() {
        json!("NaN")
    } else if v.is_infinite() {
        json!(if v > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        json!(v)
    }
}

fn timestamp_text(micros: i64, digits: usize) -> Value {
    let secs = micros.div_euclid(1_000_000);
    let sub = micros.rem_euclid(1_000_000) as u32;
    let Some(t) = chrono::DateTime::from_timestamp(secs, sub * 1000) else {
        return json!(format!("<bad timestamp {micros}>"));
    };
    let base = t.naive_utc().format("%Y-%m-%d %H:%M:%S").to_string();
    if digits == 0 {
        json!(base)
    } else {
        let frac = format!("{sub:06}000");
        json!(format!("{base}.{}", &frac[..digits]))
    }
}

/// Fraction digits of a `TIMESTAMP(p)`/`TIMESTAMP_LTZ(p)` type name, if it is one.
pub fn timestamp_precision(flink_type: Option<&String>) -> Option<usize> {
    let t = flink_type?;
    let start = t.find("TIMESTAMP")?;
    let open = t[start..].find('(')? + start;
    let close = t[open..].find(')')? + open;
    t[open + 1..close].trim().parse().ok()
}

/// Renders value `i` of `a` per the golden conventions (`ts_digits` overrides timestamp precision).
pub fn render(a: &ArrayRef, i: usize, ts_digits: Option<usize>) -> Value {
    if a.is_null(i) {
        return Value::Null;
    }
    match a.data_type() {
        DataType::Boolean => json!(a.as_boolean().value(i)),
        DataType::Int8 => json!(a.as_primitive::<arrow::datatypes::Int8Type>().value(i)),
        DataType::Int16 => json!(a.as_primitive::<arrow::datatypes::Int16Type>().value(i)),
        DataType::Int32 => json!(a.as_primitive::<arrow::datatypes::Int32Type>().value(i)),
        DataType::Int64 => json!(a.as_primitive::<arrow::datatypes::Int64Type>().value(i)),
        DataType::Float32 => f64_json(f64::from(
            a.as_primitive::<arrow::datatypes::Float32Type>().value(i),
        )),
        DataType::Float64 => f64_json(a.as_primitive::<arrow::datatypes::Float64Type>().value(i)),
        DataType::Utf8 => json!(a.as_string::<i32>().value(i)),
        DataType::Binary => json!(
            a.as_binary::<i32>()
                .value(i)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ),
        DataType::Decimal128(_, s) => json!(ember_kernels::decimal::to_plain_string(
            a.as_primitive::<arrow::datatypes::Decimal128Type>()
                .value(i),
            *s
        )),
        DataType::Date32 => {
            let d = a.as_primitive::<arrow::datatypes::Date32Type>().value(i);
            let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|e| e.checked_add_signed(chrono::TimeDelta::days(i64::from(d))));
            json!(
                date.map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            )
        }
        DataType::Timestamp(TimeUnit::Millisecond, _) => timestamp_text(
            a.as_primitive::<arrow::datatypes::TimestampMillisecondType>()
                .value(i)
                * 1000,
            ts_digits.unwrap_or(3),
        ),
        DataType::Timestamp(TimeUnit::Microsecond, _) => timestamp_text(
            a.as_primitive::<arrow::datatypes::TimestampMicrosecondType>()
                .value(i),
            ts_digits.unwrap_or(6),
        ),
        DataType::Struct(_) => {
            let s = a.as_struct();
            Value::Array(s.columns().iter().map(|c| render(c, i, None)).collect())
        }
        other => json!(format!("<unrenderable {other}>")),
    }
}

/// Renders all rows of `batch` (without RowKind).
pub fn render_batch(batch: &RecordBatch) -> Vec<Vec<Value>> {
    let digits: Vec<Option<usize>> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| timestamp_precision(f.metadata().get(ember_substrait::FLINK_TYPE_METADATA_KEY)))
        .collect();
    (0..batch.num_rows())
        .map(|i| {
            batch
                .columns()
                .iter()
                .zip(&digits)
                .map(|(c, d)| render(c, i, *d))
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------- plan builder (protobuf JSON)

/// Substrait type JSON, e.g. `ty("i32", true)`.
pub fn ty(kind: &str, nullable: bool) -> Value {
    json!({ kind: { "nullability": nullability(nullable) } })
}

/// Nullability enum value.
pub fn nullability(nullable: bool) -> &'static str {
    if nullable {
        "NULLABILITY_NULLABLE"
    } else {
        "NULLABILITY_REQUIRED"
    }
}

/// `decimal(p, s)` type JSON.
pub fn decimal_ty(p: i32, s: i32, nullable: bool) -> Value {
    json!({ "decimal": { "precision": p, "scale": s, "nullability": nullability(nullable) } })
}

/// `varchar(n)` type JSON.
pub fn varchar_ty(n: i32, nullable: bool) -> Value {
    json!({ "varchar": { "length": n, "nullability": nullability(nullable) } })
}

/// `fixed_char(n)` type JSON.
pub fn char_ty(n: i32, nullable: bool) -> Value {
    json!({ "fixedChar": { "length": n, "nullability": nullability(nullable) } })
}

/// `precision_timestamp(p)` type JSON.
pub fn ts_ty(p: i32, nullable: bool) -> Value {
    json!({ "precisionTimestamp": { "precision": p, "nullability": nullability(nullable) } })
}

/// Reference to input field `path[0]`, nested fields `path[1..]`.
pub fn field(path: &[i32]) -> Value {
    let mut seg = Value::Null;
    for f in path.iter().rev() {
        seg = if seg.is_null() {
            json!({ "structField": { "field": f } })
        } else {
            json!({ "structField": { "field": f, "child": seg } })
        };
    }
    json!({ "selection": { "directReference": seg, "rootReference": {} } })
}

/// Literal JSON, e.g. `lit(json!({"i32": 5}))`.
pub fn lit(v: Value) -> Value {
    let mut l = v;
    if let Some(o) = l.as_object_mut() {
        o.entry("nullable").or_insert(json!(false));
    }
    json!({ "literal": l })
}

/// Typed NULL literal.
pub fn null_lit(t: Value) -> Value {
    json!({ "literal": { "null": t, "nullable": true } })
}

/// CAST (`safe` = TRY_CAST).
pub fn cast(e: Value, t: Value, safe: bool) -> Value {
    let fb = if safe {
        "FAILURE_BEHAVIOR_RETURN_NULL"
    } else {
        "FAILURE_BEHAVIOR_THROW_EXCEPTION"
    };
    json!({ "cast": { "type": t, "input": e, "failureBehavior": fb } })
}

/// CASE WHEN.
pub fn if_then(ifs: Vec<(Value, Value)>, otherwise: Value) -> Value {
    let ifs: Vec<Value> = ifs
        .into_iter()
        .map(|(c, t)| json!({ "if": c, "then": t }))
        .collect();
    json!({ "ifThen": { "ifs": ifs, "else": otherwise } })
}

/// Collects function names while building expressions.
#[derive(Default)]
pub struct Plan {
    functions: Vec<String>,
}

impl Plan {
    /// `name(args) -> output`.
    pub fn call(&mut self, name: &str, args: Vec<Value>, output: Value) -> Value {
        let anchor = match self.functions.iter().position(|f| f == name) {
            Some(i) => i + 1,
            None => {
                self.functions.push(name.to_string());
                self.functions.len()
            }
        };
        let args: Vec<Value> = args.into_iter().map(|a| json!({ "value": a })).collect();
        json!({ "scalarFunction": { "functionReference": anchor, "arguments": args, "outputType": output } })
    }

    /// The full plan JSON: input columns (name, type), optional condition, projections (name, expr).
    pub fn build(
        &self,
        input: &[(&str, Value)],
        condition: Option<Value>,
        projections: &[(&str, Value)],
    ) -> String {
        let names: Vec<&str> = input.iter().map(|(n, _)| *n).collect();
        let types: Vec<Value> = input.iter().map(|(_, t)| t.clone()).collect();
        self.build_named(&names, &types, condition, projections)
    }

    /// Like [`Plan::build`] with explicit depth-first names (for nested ROW inputs).
    pub fn build_named(
        &self,
        names: &[&str],
        types: &[Value],
        condition: Option<Value>,
        projections: &[(&str, Value)],
    ) -> String {
        let input = types;
        let mut rel = json!({ "read": {
            "baseSchema": { "names": names, "struct": { "types": types, "nullability": "NULLABILITY_REQUIRED" } },
            "namedTable": { "names": ["calc_input"] }
        }});
        if let Some(c) = condition {
            rel = json!({ "filter": { "input": rel, "condition": c } });
        }
        let k = input.len();
        let _ = names;
        let mapping: Vec<usize> = (k..k + projections.len()).collect();
        let exprs: Vec<Value> = projections.iter().map(|(_, e)| e.clone()).collect();
        let out_names: Vec<&str> = projections.iter().map(|(n, _)| *n).collect();
        let extensions: Vec<Value> = self
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| json!({ "extensionFunction": { "extensionUrnReference": 1, "functionAnchor": i + 1, "name": f } }))
            .collect();
        json!({
            "extensionUrns": [{ "extensionUrnAnchor": 1, "urn": "extension:dev.ember:functions_flink" }],
            "extensions": extensions,
            "relations": [{ "root": {
                "input": { "project": { "common": { "emit": { "outputMapping": mapping } }, "input": rel, "expressions": exprs } },
                "names": out_names
            }}]
        })
        .to_string()
    }
}
