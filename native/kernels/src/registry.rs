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
use crate::hash::Algorithm;
use crate::json::is_json::JsonKind;
use crate::types::FlinkType;
use crate::{conditional, hash, json, logical, math, string, temporal};
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

    /// The call as `kernel` over the compiled arguments, returning the plan's result type.
    pub fn kernel(&self, name: &str, kernel: Arc<crate::udf::KernelFn>) -> Arc<dyn PhysicalExpr> {
        crate::udf::kernel_expr(name, kernel, self.args.clone(), self.return_field())
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
const NUM1: &[(&[&str], &str)] = &[(&["any1"], "any1")];
const HASH1: &[(&[&str], &str)] = &[(&["any1"], "string")];

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
            description: "Flink COALESCE: eager like Flink's CoalesceFunction (every argument is evaluated on every row, so an error in any argument fails), then the first non-NULL value.",
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
        FunctionDef {
            name: "replace",
            description: "Flink REPLACE(s, search, replacement): Java String.replace; an empty search inserts the replacement around every UTF-16 unit.",
            impls: &[(&["string", "string", "string"], "string")],
            variadic: false,
            build: string::replace::build,
        },
        FunctionDef {
            name: "concat_ws",
            description: "Flink CONCAT_WS(sep, s...): NULL if sep is NULL, NULL arguments skipped, '' if all are NULL.",
            impls: &[(&["string", "string"], "string")],
            variadic: true,
            build: string::concat::build_ws,
        },
        FunctionDef {
            name: "lpad",
            description: "Flink LPAD(s, len, pad): SqlFunctionUtils.lpad on UTF-16 units; NULL for a negative length or an empty pad.",
            impls: &[(&["string", "i32", "string"], "string")],
            variadic: false,
            build: |a| string::pad::build_pad(true, a),
        },
        FunctionDef {
            name: "rpad",
            description: "Flink RPAD(s, len, pad): SqlFunctionUtils.rpad on UTF-16 units; NULL for a negative length or an empty pad.",
            impls: &[(&["string", "i32", "string"], "string")],
            variadic: false,
            build: |a| string::pad::build_pad(false, a),
        },
        FunctionDef {
            name: "repeat",
            description: "Flink REPEAT(s, n): '' for n <= 0.",
            impls: &[(&["string", "i32"], "string")],
            variadic: false,
            build: string::pad::build_repeat,
        },
        FunctionDef {
            name: "split_index",
            description: "Flink SPLIT_INDEX(s, sep, i): commons-lang3 splitByWholeSeparatorPreserveAllTokens(s, sep)[i], NULL out of range or for ''; an empty sep splits at Java whitespace.",
            impls: &[(&["string", "string", "i32"], "string")],
            variadic: false,
            build: string::split_index::build,
        },
        FunctionDef {
            name: "initcap",
            description: "Flink INITCAP: SqlFunctionUtils.initcap, ASCII letters only, non-ASCII characters separate words.",
            impls: &[(&["string"], "string")],
            variadic: false,
            build: string::case::build_initcap,
        },
        FunctionDef {
            name: "position",
            description: "Flink POSITION(seek IN s) / LOCATE(seek, s [, from]): 1-based code point position, 0 if absent, 1 for an empty seek.",
            impls: &[
                (&["string", "string"], "i32"),
                (&["string", "string", "i32"], "i32"),
            ],
            variadic: false,
            build: string::position::build,
        },
        FunctionDef {
            name: "left",
            description: "Flink LEFT(s, n): first n code points, '' for n <= 0.",
            impls: &[(&["string", "i32"], "string")],
            variadic: false,
            build: |a| string::left_right::build(true, a),
        },
        FunctionDef {
            name: "right",
            description: "Flink RIGHT(s, n): last n code points, '' for n <= 0.",
            impls: &[(&["string", "i32"], "string")],
            variadic: false,
            build: |a| string::left_right::build(false, a),
        },
        FunctionDef {
            name: "reverse",
            description: "Flink REVERSE: code points in reverse order.",
            impls: &[(&["string"], "string")],
            variadic: false,
            build: string::left_right::build_reverse,
        },
        FunctionDef {
            name: "ltrim",
            description: "Flink LTRIM(s [, chars]): removes leading U+0020 (or any of the literal chars).",
            impls: &[(&["string"], "string"), (&["string", "string"], "string")],
            variadic: false,
            build: |a| string::trim::build_side(true, a),
        },
        FunctionDef {
            name: "rtrim",
            description: "Flink RTRIM(s [, chars]): removes trailing U+0020 (or any of the literal chars).",
            impls: &[(&["string"], "string"), (&["string", "string"], "string")],
            variadic: false,
            build: |a| string::trim::build_side(false, a),
        },
        FunctionDef {
            name: "ascii",
            description: "Flink ASCII(s): the first UTF-8 byte as a signed Java byte, 0 for ''.",
            impls: &[(&["string"], "i32")],
            variadic: false,
            build: string::ascii::build_ascii,
        },
        FunctionDef {
            name: "chr",
            description: "Flink CHR(n): '' for n < 0, else the Latin-1 character n & 0xFF.",
            impls: &[(&["any1"], "string")],
            variadic: false,
            build: string::ascii::build_chr,
        },
        // ==== string functions (REPLACE, LPAD, ...): end ====

        // ==== regular expressions (REGEXP_*): begin ====
        FunctionDef {
            name: "regexp",
            description: "Flink REGEXP(s, pattern): SqlFunctionUtils.regExp, Matcher.find with a literal java.util.regex pattern; FALSE for an empty or invalid pattern.",
            impls: &[(&["string", "string"], "boolean")],
            variadic: false,
            build: string::regexp::build_regexp,
        },
        FunctionDef {
            name: "regexp_extract",
            description: "Flink REGEXP_EXTRACT(s, pattern [, group]): first Matcher.find match of a literal java.util.regex pattern; NULL for no match, an invalid pattern or a group out of range.",
            impls: &[
                (&["string", "string"], "string"),
                (&["string", "string", "any1"], "string"),
            ],
            variadic: false,
            build: string::regexp::build_extract,
        },
        FunctionDef {
            name: "regexp_replace",
            description: "Flink REGEXP_REPLACE(s, pattern, replacement): String.replaceAll with a literal java.util.regex pattern and a literal (quoted) replacement; NULL for an invalid pattern.",
            impls: &[(&["string", "string", "string"], "string")],
            variadic: false,
            build: string::regexp::build_replace,
        },
        // ==== regular expressions (REGEXP_*): end ====

        // ==== math and conditional functions (ABS, ROUND, IF, ...): begin ====
        FunctionDef {
            name: "abs",
            description: "Flink ABS: Math.abs (integers wrap: ABS(MIN_VALUE) = MIN_VALUE, -0.0 -> 0.0); DECIMAL exact, same type.",
            impls: NUM1,
            variadic: false,
            build: math::abs::build,
        },
        FunctionDef {
            name: "sign",
            description: "Flink SIGN: Integer/Long.signum, Math.signum (keeps +-0.0, NaN), DECIMAL +-1/0 at the argument's scale; not TINYINT/SMALLINT.",
            impls: NUM1,
            variadic: false,
            build: math::sign::build,
        },
        FunctionDef {
            name: "round",
            description: "Flink ROUND(x [, literal r]): SqlFunctionUtils.sround, HALF_UP on BigDecimal.valueOf(x) (NaN/Infinity throw NumberFormatException), integer results keep the low bits.",
            impls: &[(&["any1"], "any1"), (&["any1", "i32"], "any2")],
            variadic: false,
            build: math::round::build,
        },
        FunctionDef {
            name: "floor",
            description: "Flink numeric FLOOR: Math.floor, integers unchanged, DECIMAL setScale(0, FLOOR).",
            impls: NUM1,
            variadic: false,
            build: |a| math::floor_ceil::build(false, a),
        },
        FunctionDef {
            name: "ceil",
            description: "Flink numeric CEIL: Math.ceil, integers unchanged, DECIMAL setScale(0, CEILING).",
            impls: NUM1,
            variadic: false,
            build: |a| math::floor_ceil::build(true, a),
        },
        FunctionDef {
            name: "power",
            description: "Flink POWER(x, y) / SQRT(x) = Math.pow((double) x, y) for the literal exponents 2 (x * x) and 0.5 (sqrt with pow's special cases) only.",
            impls: &[(&["any1", "any2"], "fp64")],
            variadic: false,
            build: math::power::build,
        },
        FunctionDef {
            name: "hex",
            description: "Flink HEX: Long.toHexString upper-case for integers, upper-case hex of the UTF-8 bytes for strings.",
            impls: &[(&["any1"], "string")],
            variadic: false,
            build: |a| math::hex_bin::build(true, a),
        },
        FunctionDef {
            name: "bin",
            description: "Flink BIN: Long.toBinaryString of the integer widened to BIGINT.",
            impls: &[(&["any1"], "string")],
            variadic: false,
            build: |a| math::hex_bin::build(false, a),
        },
        // ==== math and conditional functions (ABS, ROUND, IF, ...): end ====

        // ==== hash functions (MD5, SHA2, HASH_CODE): begin ====
        FunctionDef {
            name: "md5",
            description: "Flink MD5: lower-case hex digest of the UTF-8 bytes of a string or of the bytes of BINARY/BYTES.",
            impls: HASH1,
            variadic: false,
            build: |a| hash::build(Some(Algorithm::Md5), a),
        },
        FunctionDef {
            name: "sha1",
            description: "Flink SHA1: lower-case hex digest of the UTF-8 bytes of a string or of the bytes of BINARY/BYTES.",
            impls: HASH1,
            variadic: false,
            build: |a| hash::build(Some(Algorithm::Sha1), a),
        },
        FunctionDef {
            name: "sha224",
            description: "Flink SHA224: lower-case hex digest of the UTF-8 bytes of a string or of the bytes of BINARY/BYTES.",
            impls: HASH1,
            variadic: false,
            build: |a| hash::build(Some(Algorithm::Sha224), a),
        },
        FunctionDef {
            name: "sha256",
            description: "Flink SHA256: lower-case hex digest of the UTF-8 bytes of a string or of the bytes of BINARY/BYTES.",
            impls: HASH1,
            variadic: false,
            build: |a| hash::build(Some(Algorithm::Sha256), a),
        },
        FunctionDef {
            name: "sha384",
            description: "Flink SHA384: lower-case hex digest of the UTF-8 bytes of a string or of the bytes of BINARY/BYTES.",
            impls: HASH1,
            variadic: false,
            build: |a| hash::build(Some(Algorithm::Sha384), a),
        },
        FunctionDef {
            name: "sha512",
            description: "Flink SHA512: lower-case hex digest of the UTF-8 bytes of a string or of the bytes of BINARY/BYTES.",
            impls: HASH1,
            variadic: false,
            build: |a| hash::build(Some(Algorithm::Sha512), a),
        },
        FunctionDef {
            name: "sha2",
            description: "Flink SHA2(x, bits): as SHA224..SHA512 for a literal bit length of 224, 256, 384 or 512.",
            impls: &[(&["any1", "i32"], "string")],
            variadic: false,
            build: |a| hash::build(None, a),
        },
        // ==== hash functions (MD5, SHA2, HASH_CODE): end ====

        // ==== temporal functions (EXTRACT, DATE_FORMAT, ...): begin ====
        FunctionDef {
            name: "extract",
            description: "Flink EXTRACT(unit FROM x) (also YEAR(x), HOUR(x), ...): unit is a TimeUnitRange name literal; TIMESTAMP uses ExtractCallGen's truncating millis arithmetic, TIMESTAMP_LTZ takes the session zone offset in seconds as a third INT literal.",
            impls: &[
                (&["string", "any1"], "i64"),
                (&["string", "any1", "i32"], "i64"),
            ],
            variadic: false,
            build: temporal::extract::build,
        },
        FunctionDef {
            name: "timestamp_floor",
            description: "Flink FLOOR(x TO unit) on DATE/TIMESTAMP/TIMESTAMP_LTZ (DateTimeUtils julianDateFloor, Julian calendar before 1582-10-15); TIMESTAMP_LTZ takes the zone offset in seconds as a third INT literal.",
            impls: &[
                (&["any1", "string"], "any1"),
                (&["any1", "string", "i32"], "any1"),
            ],
            variadic: false,
            build: |a| temporal::floor_ceil::build(true, a),
        },
        FunctionDef {
            name: "timestamp_ceil",
            description: "Flink CEIL(x TO unit); semantics as timestamp_floor.",
            impls: &[
                (&["any1", "string"], "any1"),
                (&["any1", "string", "i32"], "any1"),
            ],
            variadic: false,
            build: |a| temporal::floor_ceil::build(false, a),
        },
        FunctionDef {
            name: "add_millis",
            description: "Flink DATE/TIMESTAMP/TIMESTAMP_LTZ + INTERVAL DAY TO SECOND (also TIMESTAMPADD), the interval as BIGINT milliseconds: DATE adds Math.toIntExact(millis / 86400000) days, TIMESTAMP(_LTZ) adds to the epoch millis keeping the sub-millisecond fraction.",
            impls: &[(&["any1", "i64"], "any2")],
            variadic: false,
            build: |a| temporal::plus::build(false, a),
        },
        FunctionDef {
            name: "add_months",
            description: "Flink DATE/TIMESTAMP + INTERVAL YEAR TO MONTH, the interval as INT months: DateTimeUtils.addMonths (day clamped to the month's last day).",
            impls: &[(&["any1", "i32"], "any1")],
            variadic: false,
            build: |a| temporal::plus::build(true, a),
        },
        FunctionDef {
            name: "date_format",
            description: "Flink DATE_FORMAT(timestamp, pattern) = DateTimeUtils.formatTimestamp with a java.time DateTimeFormatter pattern literal (numeric fields and literals only), UTC for TIMESTAMP, the session zone offset (third INT literal, seconds) for TIMESTAMP_LTZ.",
            impls: &[
                (&["any1", "string"], "string"),
                (&["any1", "string", "i32"], "string"),
            ],
            variadic: false,
            build: temporal::date_format::build,
        },
        FunctionDef {
            name: "to_timestamp",
            description: "Flink TO_TIMESTAMP(str) = DateTimeUtils.parseTimestampData(str) (DEFAULT_TIMESTAMP_FORMATTER, SMART resolver, millisecond precision); any failure gives NULL.",
            impls: &[(&["string"], "precision_timestamp<3>")],
            variadic: false,
            build: temporal::to_datetime::build_to_timestamp,
        },
        FunctionDef {
            name: "to_date",
            description: "Flink TO_DATE(str) = DateTimeUtils.parseDate(str): NULL where it returns null; a digit run beyond int range throws NumberFormatException.",
            impls: &[(&["string"], "date")],
            variadic: false,
            build: temporal::to_datetime::build_to_date,
        },
        FunctionDef {
            name: "datetime_diff_millis",
            description: "Reinterpret(x - y) of a DATE/TIMESTAMP (or TIMESTAMP_LTZ) difference typed INTERVAL DAY TO SECOND (TIMESTAMPDIFF): epoch millis difference, DATE as date * 86400000, Java long arithmetic.",
            impls: &[(&["any1", "any2"], "i64")],
            variadic: false,
            build: |a| temporal::diff::build(false, a),
        },
        FunctionDef {
            name: "datetime_diff_months",
            description: "Reinterpret(x - y) typed INTERVAL YEAR TO MONTH (TIMESTAMPDIFF): DateTimeUtils.subtractMonths(long, long) on the epoch millis, subtractMonths(int, int) on the day numbers for DATE - DATE.",
            impls: &[(&["any1", "any2"], "any3")],
            variadic: false,
            build: |a| temporal::diff::build(true, a),
        },
        FunctionDef {
            name: "divide_integer",
            description: "Calcite's /INT (from the TIMESTAMPDIFF rewrite): Flink generates the same code as `/`.",
            impls: NUM2,
            variadic: false,
            build: |a| arithmetic::build(ArithOp::Divide, a),
        },
        // ==== temporal functions (EXTRACT, DATE_FORMAT, ...): end ====

        // ==== JSON functions (JSON_VALUE): begin ====
        FunctionDef {
            name: "json_value",
            description: "Flink JSON_VALUE(js, literal path) RETURNING STRING, NULL ON EMPTY / NULL ON ERROR: Jackson parsing (floats as BigDecimal text), Jayway definite paths ($, .name, ['name'], [index]); non-scalars, JSON null, missing paths and malformed documents give NULL.",
            impls: &[(&["string", "string"], "string")],
            variadic: false,
            build: json::json_value::build,
        },
        FunctionDef {
            name: "is_json_value",
            description: "Flink js IS JSON [VALUE]: whether Jackson parses the text (as that kind); NULL is FALSE.",
            impls: &[(&["string"], "boolean")],
            variadic: false,
            build: |a| json::is_json::build(JsonKind::Value, a),
        },
        FunctionDef {
            name: "is_json_object",
            description: "Flink js IS JSON OBJECT: whether Jackson parses the text (as that kind); NULL is FALSE.",
            impls: &[(&["string"], "boolean")],
            variadic: false,
            build: |a| json::is_json::build(JsonKind::Object, a),
        },
        FunctionDef {
            name: "is_json_array",
            description: "Flink js IS JSON ARRAY: whether Jackson parses the text (as that kind); NULL is FALSE.",
            impls: &[(&["string"], "boolean")],
            variadic: false,
            build: |a| json::is_json::build(JsonKind::Array, a),
        },
        FunctionDef {
            name: "is_json_scalar",
            description: "Flink js IS JSON SCALAR: whether Jackson parses the text (as that kind); NULL is FALSE.",
            impls: &[(&["string"], "boolean")],
            variadic: false,
            build: |a| json::is_json::build(JsonKind::Scalar, a),
        },
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
