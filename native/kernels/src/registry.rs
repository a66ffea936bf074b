//! THE native function table: Substrait function name -> Flink-semantics implementation.
//!
//! A function is supported natively if and only if it is listed here; the extension YAML
//! (`substrait-plans/extensions/functions_flink.yaml`) is generated from this table
//! (`cargo run -p ember-kernels --bin print_function_yaml -- --write`, checked by a test).
//! Builders validate argument and result types at plan time and answer
//! [`EmberError::Unsupported`] for any combination whose Flink semantics they do not reproduce.

use std::sync::{Arc, OnceLock};

use arrow::datatypes::FieldRef;
use datafusion_common::ScalarValue;
use datafusion_physical_expr::PhysicalExpr;
use datafusion_physical_expr::expressions::Literal;

use crate::arithmetic::{self, ArithOp};
use crate::comparison::{self, CmpOp};
use crate::types::FlinkType;
use crate::{conditional, logical, string};
use ember_common::{EmberError, Result};

/// URN of the extension the functions are declared in.
pub const EXTENSION_URN: &str = "extension:dev.ember:functions_flink";

/// What a builder gets: the compiled arguments, their Flink types and the call's `output_type`.
pub struct BuildArgs {
    /// Compiled argument expressions.
    pub args: Vec<Arc<dyn PhysicalExpr>>,
    /// Flink type of each argument.
    pub arg_types: Vec<FlinkType>,
    /// The Substrait `output_type` of the call (Flink's result type).
    pub output: FlinkType,
    /// Function name (for messages).
    pub name: String,
}

impl BuildArgs {
    /// Fails with a plan error unless there are exactly `n` arguments.
    pub fn expect_arity(&self, n: usize) -> Result<()> {
        if self.args.len() != n {
            return Err(EmberError::Plan(format!(
                "function {} expects {n} arguments, got {}",
                self.name,
                self.args.len()
            )));
        }
        Ok(())
    }

    /// The Arrow field of the result.
    pub fn return_field(&self) -> FieldRef {
        Arc::new(self.output.to_field(&self.name))
    }

    /// The value of argument `i` if it is a literal.
    pub fn literal(&self, i: usize) -> Option<&ScalarValue> {
        self.args
            .get(i)
            .and_then(|a| a.downcast_ref::<Literal>())
            .map(|l| l.value())
    }

    /// Unsupported error for this call with the given reason.
    pub fn unsupported(&self, reason: impl AsRef<str>) -> EmberError {
        EmberError::Unsupported(format!(
            "function {}({}) is not supported natively: {}",
            self.name,
            self.arg_types
                .iter()
                .map(|t| t.sql_name())
                .collect::<Vec<_>>()
                .join(", "),
            reason.as_ref()
        ))
    }
}

/// Builds the physical expression of one call.
pub type Builder = fn(&BuildArgs) -> Result<Arc<dyn PhysicalExpr>>;

/// One row of the function table.
pub struct FunctionDef {
    /// Substrait function name (plain, e.g. `add`).
    pub name: &'static str,
    /// One-line description with the Flink semantics (goes to the YAML).
    pub description: &'static str,
    /// YAML signatures: (argument types, return type) in Substrait type-expression syntax.
    pub impls: &'static [(&'static [&'static str], &'static str)],
    /// Whether the YAML declares the last argument variadic.
    pub variadic: bool,
    /// Builds the implementation.
    pub build: Builder,
}

const NUM2: &[(&[&str], &str)] = &[(&["any1", "any2"], "any3")];
const ANY2_BOOL: &[(&[&str], &str)] = &[(&["any1", "any2"], "boolean")];
const ANY1_BOOL: &[(&[&str], &str)] = &[(&["any1"], "boolean")];
const BOOL_N: &[(&[&str], &str)] = &[(&["boolean?"], "boolean?")];

fn table() -> Vec<FunctionDef> {
    vec![
        FunctionDef {
            name: "add",
            description: "Flink `+`: integers wrap like Java, FLOAT/DOUBLE IEEE, DECIMAL exact then HALF_UP to the result scale, NULL on precision overflow.",
            impls: NUM2,
            variadic: false,
            build: |a| arithmetic::build(ArithOp::Add, a),
        },
        FunctionDef {
            name: "subtract",
            description: "Flink `-` (binary); semantics as add.",
            impls: NUM2,
            variadic: false,
            build: |a| arithmetic::build(ArithOp::Subtract, a),
        },
        FunctionDef {
            name: "multiply",
            description: "Flink `*`; semantics as add.",
            impls: NUM2,
            variadic: false,
            build: |a| arithmetic::build(ArithOp::Multiply, a),
        },
        FunctionDef {
            name: "divide",
            description: "Flink `/`: integer division truncates, integer division by zero throws ArithmeticException('/ by zero'); DECIMAL divides with MathContext(38, HALF_UP) then rounds HALF_UP to the result scale.",
            impls: NUM2,
            variadic: false,
            build: |a| arithmetic::build(ArithOp::Divide, a),
        },
        FunctionDef {
            name: "modulus",
            description: "Flink `%` / MOD: sign of the dividend; integer modulus by zero throws ArithmeticException('/ by zero').",
            impls: NUM2,
            variadic: false,
            build: |a| arithmetic::build(ArithOp::Modulus, a),
        },
        FunctionDef {
            name: "negate",
            description: "Flink unary `-`: integers wrap (-MIN = MIN).",
            impls: &[(&["any1"], "any1")],
            variadic: false,
            build: arithmetic::negate::build,
        },
        FunctionDef {
            name: "equal",
            description: "Flink `=`: numerics after Java binary numeric promotion (IEEE for FLOAT/DOUBLE), strings by UTF-8 bytes.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build(CmpOp::Eq, a),
        },
        FunctionDef {
            name: "not_equal",
            description: "Flink `<>`.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build(CmpOp::NotEq, a),
        },
        FunctionDef {
            name: "lt",
            description: "Flink `<`.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build(CmpOp::Lt, a),
        },
        FunctionDef {
            name: "lte",
            description: "Flink `<=`.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build(CmpOp::LtEq, a),
        },
        FunctionDef {
            name: "gt",
            description: "Flink `>`.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build(CmpOp::Gt, a),
        },
        FunctionDef {
            name: "gte",
            description: "Flink `>=`.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build(CmpOp::GtEq, a),
        },
        FunctionDef {
            name: "is_distinct_from",
            description: "Flink IS DISTINCT FROM: never NULL.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build_distinct(true, a),
        },
        FunctionDef {
            name: "is_not_distinct_from",
            description: "Flink IS NOT DISTINCT FROM: never NULL.",
            impls: ANY2_BOOL,
            variadic: false,
            build: |a| comparison::build_distinct(false, a),
        },
        FunctionDef {
            name: "is_null",
            description: "Flink IS NULL.",
            impls: ANY1_BOOL,
            variadic: false,
            build: logical::build_is_null,
        },
        FunctionDef {
            name: "is_not_null",
            description: "Flink IS NOT NULL.",
            impls: ANY1_BOOL,
            variadic: false,
            build: logical::build_is_not_null,
        },
        FunctionDef {
            name: "is_true",
            description: "Flink IS TRUE: never NULL.",
            impls: &[(&["boolean?"], "boolean")],
            variadic: false,
            build: |a| logical::build_is_bool(logical::IsBool::True, a),
        },
        FunctionDef {
            name: "is_false",
            description: "Flink IS FALSE: never NULL.",
            impls: &[(&["boolean?"], "boolean")],
            variadic: false,
            build: |a| logical::build_is_bool(logical::IsBool::False, a),
        },
        FunctionDef {
            name: "is_not_true",
            description: "Flink IS NOT TRUE: never NULL.",
            impls: &[(&["boolean?"], "boolean")],
            variadic: false,
            build: |a| logical::build_is_bool(logical::IsBool::NotTrue, a),
        },
        FunctionDef {
            name: "is_not_false",
            description: "Flink IS NOT FALSE: never NULL.",
            impls: &[(&["boolean?"], "boolean")],
            variadic: false,
            build: |a| logical::build_is_bool(logical::IsBool::NotFalse, a),
        },
        FunctionDef {
            name: "and",
            description: "Flink AND: three-valued, lazy (later arguments are evaluated only on rows not yet FALSE).",
            impls: BOOL_N,
            variadic: true,
            build: |a| logical::build_and_or(true, a),
        },
        FunctionDef {
            name: "or",
            description: "Flink OR: three-valued, lazy (later arguments are evaluated only on rows not yet TRUE).",
            impls: BOOL_N,
            variadic: true,
            build: |a| logical::build_and_or(false, a),
        },
        FunctionDef {
            name: "not",
            description: "Flink NOT: three-valued.",
            impls: &[(&["boolean?"], "boolean?")],
            variadic: false,
            build: logical::build_not,
        },
        FunctionDef {
            name: "coalesce",
            description: "Flink COALESCE: eager like CoalesceFunction.eval(Object...): every argument is evaluated (and may fail) on every row, the first non-NULL one is the result.",
            impls: &[(&["any1"], "any1")],
            variadic: true,
            build: conditional::build_coalesce,
        },
        FunctionDef {
            name: "upper",
            description: "Flink UPPER: Java String.toUpperCase (full Unicode mapping, e.g. 'ß' -> 'SS').",
            impls: &[(&["string"], "string")],
            variadic: false,
            build: |a| string::case::build(true, a),
        },
        FunctionDef {
            name: "lower",
            description: "Flink LOWER: Java String.toLowerCase.",
            impls: &[(&["string"], "string")],
            variadic: false,
            build: |a| string::case::build(false, a),
        },
        FunctionDef {
            name: "char_length",
            description: "Flink CHAR_LENGTH: number of code points.",
            impls: &[(&["string"], "i32")],
            variadic: false,
            build: string::char_length::build,
        },
        FunctionDef {
            name: "substring",
            description: "Flink SUBSTRING(s FROM i [FOR n]): BinaryStringDataUtil.substringSQL (1-based, negative start counts from the end, NULL for negative length).",
            impls: &[
                (&["string", "i32"], "string"),
                (&["string", "i32", "i32"], "string"),
            ],
            variadic: false,
            build: string::substring::build,
        },
        FunctionDef {
            name: "concat",
            description: "Flink `||` / CONCAT: NULL if any argument is NULL.",
            impls: &[(&["string"], "string")],
            variadic: true,
            build: string::concat::build,
        },
        FunctionDef {
            name: "trim",
            description: "Flink TRIM(mode, chars, s) in Calcite's argument order; mode is the string literal BOTH, LEADING or TRAILING; removes any of the code points of chars.",
            impls: &[(&["string", "string", "string"], "string")],
            variadic: false,
            build: string::trim::build,
        },
        FunctionDef {
            name: "like",
            description: "Flink LIKE (s, pattern [, escape]): pattern and escape must be literals; _ matches one code point except line terminators, % any sequence (LikeCallGen semantics).",
            impls: &[
                (&["string", "string"], "boolean"),
                (&["string", "string", "string"], "boolean"),
            ],
            variadic: false,
            build: string::like::build,
        },
        // ==== string functions (REPLACE, LPAD, ...): begin ====
        // ==== string functions (REPLACE, LPAD, ...): end ====

        // ==== regular expressions (REGEXP_*): begin ====
        // ==== regular expressions (REGEXP_*): end ====

        // ==== math and conditional functions (ABS, ROUND, IF, ...): begin ====
        // ==== math and conditional functions (ABS, ROUND, IF, ...): end ====

        // ==== hash functions (MD5, SHA2, HASH_CODE): begin ====
        // ==== hash functions (MD5, SHA2, HASH_CODE): end ====

        // ==== temporal functions (EXTRACT, DATE_FORMAT, ...): begin ====
        // ==== temporal functions (EXTRACT, DATE_FORMAT, ...): end ====

        // ==== JSON functions (JSON_VALUE): begin ====
        // ==== JSON functions (JSON_VALUE): end ====
    ]
}

/// The function table, built once.
pub fn functions() -> &'static [FunctionDef] {
    static TABLE: OnceLock<Vec<FunctionDef>> = OnceLock::new();
    TABLE.get_or_init(table)
}

/// The implementation registered under `name` (anything after a `:` is ignored).
pub fn lookup(name: &str) -> Option<&'static FunctionDef> {
    let plain = name.split(':').next().unwrap_or(name);
    functions().iter().find(|f| f.name == plain)
}

/// Builds the physical expression of `name(args)`; Unsupported for unknown names.
pub fn build_call(args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    match lookup(&args.name) {
        Some(def) => (def.build)(args),
        None => Err(EmberError::Unsupported(format!(
            "function {} is not supported natively",
            args.name.split(':').next().unwrap_or(&args.name)
        ))),
    }
}

/// The extension YAML (`functions_flink.yaml`) generated from the table.
pub fn function_yaml() -> String {
    let mut y = String::new();
    y.push_str("%YAML 1.2\n---\n");
    y.push_str("# GENERATED from native/kernels/src/registry.rs by\n");
    y.push_str("#   cargo run -p ember-kernels --bin print_function_yaml -- --write\n");
    y.push_str("# Do not edit by hand; a test fails when this file drifts from the registry.\n");
    y.push_str(&format!("urn: {EXTENSION_URN}\n"));
    y.push_str("scalar_functions:\n");
    for f in functions() {
        y.push_str(&format!("  - name: \"{}\"\n", f.name));
        y.push_str(&format!(
            "    description: \"{}\"\n",
            f.description.replace('"', "'")
        ));
        y.push_str("    impls:\n");
        for (args, ret) in f.impls {
            y.push_str("      - args:\n");
            for (i, a) in args.iter().enumerate() {
                y.push_str(&format!(
                    "          - name: arg{i}\n            value: \"{a}\"\n"
                ));
            }
            if f.variadic {
                y.push_str("        variadic:\n          min: 1\n");
            }
            y.push_str(&format!("        return: \"{ret}\"\n"));
        }
    }
    y
}
