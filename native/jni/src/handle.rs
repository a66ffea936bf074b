//! Per-operator native state behind the `jlong` handle a `NativeCalcOperator` owns from `open()` to `close()`.
//!
//! Memory held between calls: the compiled program, the codec's reusable buffers and, only when Java's output
//! buffer was too small, one encoded-pending result batch. Nothing grows with the length of the stream.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, UInt8Array};
use arrow::compute::filter;
use arrow::datatypes::{
    DataType, Field, Schema, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use arrow::record_batch::RecordBatch;
use ember_common::EmberError;
use ember_formats::{Decoded, JsonLinesDecoder, JsonOptions, TimestampFormat};

use crate::line_formats::{LineParser, csv_decoder};
use ember_rows::{Encoded, Projection, RowDecoder, RowEncoder};
use ember_substrait::CalcProgram;
use jni::JNIEnv;
use jni::objects::JByteBuffer;

use crate::sink::LineSink;

/// The compiled Calc plus its row codec, and the line parser of a fused scan's format.
pub struct CalcHandle {
    program: CalcProgram,
    decoder: RowDecoder,
    encoder: RowEncoder,
    /// The input fields Java must write for the decoder (decoded paths, plus raw ROW columns whole).
    read_paths: Vec<Vec<usize>>,
    /// Set for a Calc fed by a fused scan: raw lines -> the Calc's input rows.
    lines: Option<LineParser>,
    /// Result of the last `evaluate` that did not fit Java's output buffer, with its row kinds.
    pending: Option<(RecordBatch, Vec<u8>)>,
    /// Set for a Calc whose output a fused sink writes: results -> chunks of encoded lines (`sink.rs`).
    sink: Option<LineSink>,
    /// Set for a Calc fused with the watermark assigner above it: `[rowtime, watermark]` of each input row
    /// (`CalcHandle::evaluate_with_watermarks`).
    watermark: Option<CalcProgram>,
}

/// The caller's direct buffers for one call, as slices (see `native/rows/README.md`).
pub struct DirectBuffers<'a> {
    in_rows: &'a [u8],
    in_offsets: &'a [i32],
    out_rows: &'a mut [u8],
    out_offsets: &'a mut [i32],
}

impl CalcHandle {
    /// Compiles the plan (protobuf bytes) and sets up the codec for its input and output schemas. ROW columns the
    /// Calc passes through unchanged cross as raw bytes (`CalcProgram::pass_rows_through_raw`).
    pub fn try_new(plan: &[u8]) -> Result<Self, EmberError> {
        Self::build(plan, true, None)
    }

    /// A Calc fused with a watermark assigner: `plan` computes the rows the fused operators emit,
    /// `watermark_plan` (same input, the bottom Calc's condition) projects each input row to `[rowtime,
    /// watermark]`, both TIMESTAMP, for [`CalcHandle::evaluate_with_watermarks`].
    /// With `lines` (`format`, options) the Calc reads the raw lines of a fused scan, as [`CalcHandle::try_new_lines`].
    pub fn try_new_with_watermark(
        plan: &[u8],
        watermark_plan: &[u8],
        lines: Option<(&str, &[(String, String)])>,
    ) -> Result<Self, EmberError> {
        let watermark = CalcProgram::try_new(watermark_plan)?;
        let output = watermark.output_schema();
        if output.fields().len() != 2
            || !output
                .fields()
                .iter()
                .all(|f| matches!(f.data_type(), DataType::Timestamp(_, _)))
        {
            return Err(EmberError::Unsupported(format!(
                "a watermark program must output [rowtime, watermark] as timestamps, not {output}"
            )));
        }
        match lines {
            None => Self::build(plan, true, Some(watermark)),
            Some((format, options)) => Self::lines(plan, format, options, Some(watermark)),
        }
    }

    /// Like [`CalcHandle::try_new`], but every output column is a decoded Arrow column, for a Calc whose results
    /// a fused sink encodes ([`CalcHandle::with_sink`]) instead of the row encoder.
    pub fn try_new_for_sink(plan: &[u8]) -> Result<Self, EmberError> {
        Self::build(plan, false, None)
    }

    fn build(
        plan: &[u8],
        raw_rows: bool,
        watermark: Option<CalcProgram>,
    ) -> Result<Self, EmberError> {
        let mut program = CalcProgram::try_new(plan)?;
        let watermark_paths = match &watermark {
            None => Vec::new(),
            Some(w) => {
                if w.input_schema().fields() != program.input_schema().fields() {
                    return Err(invalid(
                        "the watermark program reads other input rows than the Calc".into(),
                    ));
                }
                w.referenced_paths()
            }
        };
        let mut raw = if raw_rows {
            program.pass_rows_through_raw()
        } else {
            Vec::new()
        };
        if raw
            .iter()
            .any(|&i| watermark_paths.iter().any(|p| p.first() == Some(&i)))
        {
            // The watermark reads a ROW column the Calc would pass through as raw bytes: decode it instead.
            program = CalcProgram::try_new(plan)?;
            raw = Vec::new();
        }
        let inputs = program.input_schema().fields().len();
        // Only the (nested) fields the Calc reads are decoded; the rest of each row is never touched.
        let decoded: Vec<Vec<usize>> = program
            .referenced_paths()
            .into_iter()
            .filter(|p| p.first().is_some_and(|&i| i < inputs))
            .chain(watermark_paths)
            .collect();
        let projection = Projection::from_paths(program.input_schema(), &decoded)?;
        let decoder = RowDecoder::try_new_with_raw_rows(
            Arc::clone(program.input_schema()),
            &projection,
            &raw,
        )?;
        let encoder = RowEncoder::try_new(Arc::clone(program.output_schema()))?;
        let mut read_paths = decoded;
        read_paths.extend(raw.iter().map(|&i| vec![i]));
        Ok(Self {
            program,
            decoder,
            encoder,
            read_paths,
            lines: None,
            pending: None,
            sink: None,
            watermark,
        })
    }

    /// The input fields the Calc reads, as paths (`CalcProgram::referenced_paths`, raw ROW columns whole).
    pub fn referenced_paths(&self) -> &[Vec<usize>] {
        &self.read_paths
    }

    /// A Calc that reads raw lines of a fused scan in `format` and parses them into its input rows.
    /// `options`: the table's format options without the format prefix.
    pub fn try_new_lines(
        plan: &[u8],
        format: &str,
        options: &[(String, String)],
    ) -> Result<Self, EmberError> {
        Self::lines(plan, format, options, None)
    }

    fn lines(
        plan: &[u8],
        format: &str,
        options: &[(String, String)],
        watermark: Option<CalcProgram>,
    ) -> Result<Self, EmberError> {
        // The parser builds the input batch itself: no raw ROW columns.
        let mut handle = Self::build(plan, false, watermark)?;
        // Every column nullable: a missing key is NULL even in a NOT NULL column, as in Flink's format.
        let fields: Vec<Field> = handle
            .program
            .input_schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone().with_nullable(true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        handle.lines = Some(match format {
            "json" => LineParser::Json(JsonLinesDecoder::try_new(schema, json_options(options)?)?),
            "csv" => LineParser::Csv(csv_decoder(schema, options)?),
            _ => {
                return Err(EmberError::Unsupported(format!(
                    "format `{format}` is not decoded natively"
                )));
            }
        });
        Ok(handle)
    }

    /// Makes the Calc hand its results to a fused sink as chunks of lines in `format` (see `sink.rs`).
    pub fn with_sink(
        mut self,
        format: &str,
        options: &[(String, String)],
        field_names: &[String],
    ) -> Result<Self, EmberError> {
        let sink = LineSink::try_new(self.program.output_schema(), format, options, field_names)?;
        self.sink = Some(sink);
        Ok(self)
    }

    /// Parses `num_lines` lines, runs the Calc and encodes the result like [`CalcHandle::evaluate`]; returns
    /// [`LINES_LEFT_TO_FLINK`] without evaluating if a line is outside the parser's fast path.
    pub fn evaluate_lines(
        &mut self,
        buffers: DirectBuffers<'_>,
        num_lines: i32,
    ) -> Result<i32, EmberError> {
        self.run(buffers, num_lines, true, None)
    }

    /// Decodes `num_rows` rows, runs the Calc and encodes the result into the output buffers.
    /// Returns the number of output rows, or `-required_bytes` if the output buffer is too small (the result
    /// is then kept for [`CalcHandle::drain`]).
    pub fn evaluate(
        &mut self,
        buffers: DirectBuffers<'_>,
        num_rows: i32,
    ) -> Result<i32, EmberError> {
        self.run(buffers, num_rows, false, None)
    }

    /// Like [`CalcHandle::evaluate`], for a Calc fused with a watermark assigner: also writes, per input row
    /// `i`, `watermarks[i]` (the watermark in epoch milliseconds, `i64::MIN` for none: a row the bottom Calc
    /// drops or a NULL watermark) and `ends[i]` (how many output rows rows `0..=i` produced, or -1 if row `i`
    /// has a NULL rowtime, which stock Flink's assigner fails on). Java replays the assigner with these.
    /// With `lines`, the input is raw lines of a fused scan, as for [`CalcHandle::evaluate_lines`].
    pub fn evaluate_with_watermarks(
        &mut self,
        buffers: DirectBuffers<'_>,
        num_rows: i32,
        lines: bool,
        watermarks: &mut [i64],
        ends: &mut [i32],
    ) -> Result<i32, EmberError> {
        self.run(buffers, num_rows, lines, Some((watermarks, ends)))
    }

    /// One call: the input batch (decoded rows, or parsed lines), the watermarks if asked, the Calc, the encoding.
    fn run(
        &mut self,
        buffers: DirectBuffers<'_>,
        num_rows: i32,
        lines: bool,
        watermarks: Option<(&mut [i64], &mut [i32])>,
    ) -> Result<i32, EmberError> {
        self.pending = None;
        let offsets = offsets(buffers.in_offsets, num_rows)?;
        let Some((batch, kinds)) = self.input(buffers.in_rows, offsets, lines)? else {
            return Ok(LINES_LEFT_TO_FLINK);
        };
        let n = batch.num_rows();
        let ends = match watermarks {
            None => None,
            Some((watermarks, ends)) => {
                let (Some(watermarks), Some(ends)) = (watermarks.get_mut(..n), ends.get_mut(..n))
                else {
                    return Err(invalid(format!(
                        "watermark buffers hold fewer than {n} rows"
                    )));
                };
                let program = self
                    .watermark
                    .as_ref()
                    .ok_or_else(|| invalid("not a Calc fused with a watermark assigner".into()))?;
                let assigned = program.evaluate(&batch)?;
                write_watermarks(
                    assigned.selection.as_ref(),
                    assigned.batch.column(0),
                    assigned.batch.column(1),
                    watermarks,
                    ends,
                )?;
                Some(ends)
            }
        };
        let output = self.program.evaluate(&batch)?;
        if let Some(ends) = ends {
            let mut produced = 0;
            for (i, end) in ends.iter_mut().enumerate() {
                if output.selection.as_ref().is_none_or(|s| s.value(i)) {
                    produced += 1;
                }
                if *end >= 0 {
                    *end = produced;
                }
            }
        }
        let kinds = kept_kinds(kinds, output.selection.as_ref())?;
        self.encode(output.batch, kinds, buffers.out_rows, buffers.out_offsets)
    }

    /// The input batch and its row kinds: decoded rows, or parsed lines (all +I). `None` if a line is outside
    /// the parser's fast path (the batch is left to Flink's format).
    fn input(
        &mut self,
        in_rows: &[u8],
        offsets: &[i32],
        lines: bool,
    ) -> Result<Option<(RecordBatch, Vec<u8>)>, EmberError> {
        if !lines {
            let (batch, kinds) = self.decoder.decode(in_rows, offsets)?;
            return Ok(Some((batch, kinds.to_vec())));
        }
        let parser = self
            .lines
            .as_mut()
            .ok_or_else(|| invalid("not a Calc over raw lines".into()))?;
        match parser.decode(in_rows, offsets)? {
            Decoded::Batch(batch) => {
                let kinds = vec![0u8; batch.num_rows()];
                Ok(Some((batch, kinds)))
            }
            Decoded::Fallback { line, reason } => {
                tracing::debug!(line, reason, "batch left to Flink's format");
                Ok(None)
            }
        }
    }

    /// Writes the kept result into a (now large enough) output buffer.
    pub fn drain(
        &mut self,
        out_rows: &mut [u8],
        out_offsets: &mut [i32],
    ) -> Result<i32, EmberError> {
        let (batch, kinds) = self
            .pending
            .take()
            .ok_or_else(|| invalid("no pending result to drain".into()))?;
        self.encode(batch, kinds, out_rows, out_offsets)
    }

    fn encode(
        &mut self,
        batch: RecordBatch,
        kinds: Vec<u8>,
        out_rows: &mut [u8],
        out_offsets: &mut [i32],
    ) -> Result<i32, EmberError> {
        let encoded = match &mut self.sink {
            // The sink is insert-only (checked when planning): row kinds are not written. A chunk that does not fit
            // is encoded again by `drain` (only while Java's buffer grows to the largest chunk).
            Some(sink) => {
                if kinds.iter().any(|&kind| kind != 0) {
                    return Err(invalid(
                        "a fused sink received a row that is not an insertion".into(),
                    ));
                }
                sink.write(&batch, out_rows, out_offsets)?
            }
            None => self.encoder.encode(&batch, &kinds, out_rows, out_offsets)?,
        };
        match encoded {
            Encoded::Rows(rows) => i32::try_from(rows).map_err(|_| invalid(format!("{rows} rows"))),
            Encoded::NeedBytes(bytes) => {
                let bytes = i32::try_from(bytes).map_err(|_| {
                    invalid(format!(
                        "a result batch of {bytes} bytes exceeds 2 GiB; lower ember.batch-size"
                    ))
                })?;
                self.pending = Some((batch, kinds));
                Ok(-bytes)
            }
        }
    }
}

impl<'a> DirectBuffers<'a> {
    /// Views the four direct buffers of an `evaluateCalc` call as slices.
    ///
    /// # Safety
    /// The buffers must be direct buffers that stay alive and are not accessed by Java during the call, and the
    /// returned slices must not outlive the call.
    pub unsafe fn resolve(
        env: &mut JNIEnv,
        in_rows: &JByteBuffer,
        in_offsets: &JByteBuffer,
        out_rows: &JByteBuffer,
        out_offsets: &JByteBuffer,
    ) -> Result<Self, EmberError> {
        // SAFETY: forwarded contract.
        unsafe {
            let in_rows = bytes(env, in_rows)?;
            let in_offsets = ints(env, in_offsets)?;
            let (out_rows, out_offsets) = Self::resolve_output(env, out_rows, out_offsets)?;
            Ok(Self {
                in_rows,
                in_offsets,
                out_rows,
                out_offsets,
            })
        }
    }

    /// Views the two output buffers as slices.
    ///
    /// # Safety
    /// As for [`DirectBuffers::resolve`].
    pub unsafe fn resolve_output(
        env: &mut JNIEnv,
        out_rows: &JByteBuffer,
        out_offsets: &JByteBuffer,
    ) -> Result<(&'a mut [u8], &'a mut [i32]), EmberError> {
        // SAFETY: forwarded contract.
        unsafe {
            let rows = bytes(env, out_rows)?;
            let offsets = ints(env, out_offsets)?;
            Ok((
                std::slice::from_raw_parts_mut(rows.as_ptr().cast_mut(), rows.len()),
                std::slice::from_raw_parts_mut(offsets.as_ptr().cast_mut(), offsets.len()),
            ))
        }
    }
}

/// The `json.*` table options (prefix removed) as the native parser's options. Options that change the rows
/// decoded are applied or refused; an unknown option is refused, so none is ever silently ignored.
fn json_options(options: &[(String, String)]) -> Result<JsonOptions, EmberError> {
    let mut json = JsonOptions::default();
    for (key, value) in options {
        let flag = || value.eq_ignore_ascii_case("true");
        match (key.as_str(), value.as_str()) {
            ("fail-on-missing-field", _) => json.fail_on_missing_field = flag(),
            // Only lines that parse without error are decoded natively; errors are Flink's business.
            ("ignore-parse-errors", _) => {}
            ("timestamp-format.standard", "SQL") => json.timestamp_format = TimestampFormat::Sql,
            ("timestamp-format.standard", "ISO-8601") => {
                json.timestamp_format = TimestampFormat::Iso8601
            }
            ("decode.json-parser.enabled", v) if v.eq_ignore_ascii_case("true") => {}
            // Writing options, and MAP keys (MAP columns are not decoded natively).
            ("encode.decimal-as-plain-number" | "encode.ignore-null-fields", _) => {}
            ("map-null-key.mode" | "map-null-key.literal", _) => {}
            _ => {
                return Err(EmberError::Unsupported(format!(
                    "json option '{key}' = '{value}' is not decoded natively"
                )));
            }
        }
    }
    Ok(json)
}

/// The row kinds of the rows `selection` keeps (all if `None`).
fn kept_kinds(kinds: Vec<u8>, selection: Option<&BooleanArray>) -> Result<Vec<u8>, EmberError> {
    let Some(selection) = selection else {
        return Ok(kinds);
    };
    if kinds.iter().all(|&kind| kind == 0) {
        // Insert-only input (all parsed lines, most streams): nothing to filter.
        return Ok(vec![0; selection.true_count()]);
    }
    let kept = filter(&UInt8Array::from(kinds), selection)?;
    let kept = kept
        .as_any()
        .downcast_ref::<UInt8Array>()
        .ok_or_else(|| invalid("row kinds".into()))?;
    Ok(kept.values().to_vec())
}

/// Spreads the watermark program's output (one row per input row its condition kept) over all input rows:
/// `watermarks[i]` in epoch milliseconds or `i64::MIN`, `ends[i]` -1 for a NULL rowtime, else 0.
fn write_watermarks(
    selection: Option<&BooleanArray>,
    rowtime: &ArrayRef,
    watermark: &ArrayRef,
    watermarks: &mut [i64],
    ends: &mut [i32],
) -> Result<(), EmberError> {
    let millis = epoch_millis(watermark)?;
    let mut k = 0;
    for (i, (wm, end)) in watermarks.iter_mut().zip(ends.iter_mut()).enumerate() {
        if !selection.is_none_or(|s| s.value(i)) {
            *wm = i64::MIN;
            *end = 0;
            continue;
        }
        *end = if rowtime.is_null(k) { -1 } else { 0 };
        *wm = if watermark.is_null(k) {
            i64::MIN
        } else {
            millis[k]
        };
        k += 1;
    }
    Ok(())
}

/// A TIMESTAMP column as epoch milliseconds, rounded down like Flink's `TimestampData.getMillisecond()`.
fn epoch_millis(column: &ArrayRef) -> Result<Vec<i64>, EmberError> {
    let DataType::Timestamp(unit, _) = column.data_type() else {
        return Err(invalid(format!("watermark of type {}", column.data_type())));
    };
    Ok(match unit {
        TimeUnit::Second => column
            .as_primitive::<TimestampSecondType>()
            .values()
            .iter()
            .map(|v| v.saturating_mul(1000))
            .collect(),
        TimeUnit::Millisecond => column
            .as_primitive::<TimestampMillisecondType>()
            .values()
            .to_vec(),
        TimeUnit::Microsecond => column
            .as_primitive::<TimestampMicrosecondType>()
            .values()
            .iter()
            .map(|v| v.div_euclid(1_000))
            .collect(),
        TimeUnit::Nanosecond => column
            .as_primitive::<TimestampNanosecondType>()
            .values()
            .iter()
            .map(|v| v.div_euclid(1_000_000))
            .collect(),
    })
}

/// `NativeBridge.LINES_LEFT_TO_FLINK`.
pub const LINES_LEFT_TO_FLINK: i32 = i32::MIN;

/// The first `n + 1` offsets.
fn offsets(all: &[i32], n: i32) -> Result<&[i32], EmberError> {
    let n = usize::try_from(n).map_err(|_| invalid(format!("negative row count {n}")))?;
    all.get(..=n)
        .ok_or_else(|| invalid(format!("offsets buffer holds fewer than {} entries", n + 1)))
}

fn invalid(message: String) -> EmberError {
    EmberError::Execution(message)
}

/// # Safety
/// `buffer` must be a live direct buffer; the slice must not outlive the JNI call.
unsafe fn bytes<'a>(env: &mut JNIEnv, buffer: &JByteBuffer) -> Result<&'a [u8], EmberError> {
    let address = env
        .get_direct_buffer_address(buffer)
        .map_err(|e| invalid(format!("not a direct buffer: {e}")))?;
    let capacity = env
        .get_direct_buffer_capacity(buffer)
        .map_err(|e| invalid(format!("buffer capacity: {e}")))?;
    if capacity == 0 {
        return Ok(&[]);
    }
    // SAFETY: JNI guarantees `capacity` bytes at `address` for a live direct buffer.
    Ok(unsafe { std::slice::from_raw_parts(address, capacity) })
}

/// # Safety
/// As for [`bytes`]; the buffer must be 4-byte aligned (direct buffers are malloc-aligned).
unsafe fn ints<'a>(env: &mut JNIEnv, buffer: &JByteBuffer) -> Result<&'a [i32], EmberError> {
    // SAFETY: forwarded contract.
    unsafe { aligned(env, buffer) }
}

/// A direct buffer as a mutable slice of `T` (`i32`, `i64`: any bit pattern is valid).
///
/// # Safety
/// As for [`bytes`], and Java must not touch the buffer during the call; it must be aligned for `T`.
pub unsafe fn aligned_mut<'a, T: Copy>(
    env: &mut JNIEnv,
    buffer: &JByteBuffer,
) -> Result<&'a mut [T], EmberError> {
    // SAFETY: forwarded contract.
    let values: &[T] = unsafe { aligned(env, buffer)? };
    // SAFETY: the direct buffer is writable memory that nothing else accesses during the call.
    Ok(unsafe { std::slice::from_raw_parts_mut(values.as_ptr().cast_mut(), values.len()) })
}

/// # Safety
/// As for [`bytes`]; `T` must be a plain integer type and the buffer aligned for it.
unsafe fn aligned<'a, T: Copy>(
    env: &mut JNIEnv,
    buffer: &JByteBuffer,
) -> Result<&'a [T], EmberError> {
    // SAFETY: forwarded contract.
    let raw = unsafe { bytes(env, buffer)? };
    if raw.is_empty() {
        return Ok(&[]);
    }
    // SAFETY: any bit pattern is a valid integer; align_to checks the alignment.
    let (head, values, _) = unsafe { raw.align_to::<T>() };
    if !head.is_empty() {
        return Err(invalid(format!(
            "direct buffer is not {}-byte aligned",
            std::mem::align_of::<T>()
        )));
    }
    Ok(values)
}
