//! JNI entry points of the Ember native library (`libember_jni.so`), the counterpart of
//! `jvm-bridge/src/main/java/dev/ember/flink/jni/NativeBridge.java`.
//!
//! ```text
//!  Java NativeCalcOperator                    this crate                     other crates
//!  ───────────────────────                    ──────────                     ────────────
//!  BinaryRowData bytes ──(direct buffers)──▶ evaluateCalc ──▶ RowDecoder ──▶ Arrow batch   (ember-rows)
//!                                                          ──▶ CalcProgram ─▶ filter+project (ember-substrait)
//!  reused BinaryRowData ◀──(direct buffers)── RowEncoder ◀──────────────────── Arrow batch   (ember-rows)
//! ```
//!
//! Every `Java_*` function is one call to [`jni_call`]: it catches panics and turns every error into a Java
//! exception carrying the native message, so a native failure fails the Flink task, never the JVM.

mod handle;
mod line_formats;
mod sink;

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ember_common::EmberError;
use jni::JNIEnv;
use jni::objects::{JByteArray, JByteBuffer, JClass, JObjectArray, JString};
use jni::sys::{jboolean, jint, jintArray, jlong, jstring};

use handle::{CalcHandle, DirectBuffers};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Java class thrown for a caught Rust panic (a bug in Ember, never expected).
const PANIC_EXCEPTION: &str = "dev/ember/flink/jni/EmberNativeException";

/// Runs `f`, converting an `Err` or a panic into a pending Java exception and returning `default` to Java
/// (which never sees it: the JVM raises the exception as soon as the native method returns).
fn jni_call<T>(
    env: &mut JNIEnv,
    default: T,
    f: impl FnOnce(&mut JNIEnv) -> Result<T, EmberError>,
) -> T {
    match catch_unwind(AssertUnwindSafe(|| f(env))) {
        Ok(Ok(value)) => value,
        Ok(Err(error)) => {
            throw(
                env,
                &java_class_path(error.java_exception_class()),
                &error.java_message(),
            );
            default
        }
        Err(payload) => {
            throw(
                env,
                PANIC_EXCEPTION,
                &format!("native panic: {}", panic_message(payload.as_ref())),
            );
            default
        }
    }
}

/// `java.lang.ArithmeticException` -> `java/lang/ArithmeticException` (the form JNI's FindClass wants).
fn java_class_path(class_name: &str) -> String {
    class_name.replace('.', "/")
}

fn throw(env: &mut JNIEnv, class: &str, message: &str) {
    // A JNI call that failed (e.g. a buffer lookup) may already have an exception pending; keep that one.
    if env.exception_check().unwrap_or(false) {
        return;
    }
    if env.throw_new(class, message).is_err() {
        // The class could not be loaded: still surface the message.
        let _ = env.exception_clear();
        let _ = env.throw_new("java/lang/RuntimeException", message);
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

fn jni_error(context: &str, error: jni::errors::Error) -> EmberError {
    EmberError::Execution(format!("JNI {context}: {error}"))
}

/// The `jlong` Java keeps for `calc` until `closeCalc`.
fn into_handle(calc: CalcHandle) -> jlong {
    Box::into_raw(Box::new(calc)) as jlong
}

/// Reborrows the handle created by `createCalc`.
///
/// # Safety
/// `handle` must be a value returned by `createCalc` and not yet passed to `closeCalc`; Java calls a handle from
/// one thread at a time (the operator's task thread).
unsafe fn calc_handle<'a>(handle: jlong) -> Result<&'a mut CalcHandle, EmberError> {
    if handle == 0 {
        return Err(EmberError::Execution(
            "native Calc handle is closed".to_string(),
        ));
    }
    // SAFETY: per the contract above the pointer came from Box::into_raw and is exclusively ours now.
    Ok(unsafe { &mut *(handle as *mut CalcHandle) })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_nativeVersion<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
) -> jstring {
    jni_call(&mut env, std::ptr::null_mut(), |env| {
        let version: JString = env
            .new_string(concat!("ember-jni ", env!("CARGO_PKG_VERSION")))
            .map_err(|e| jni_error("new_string", e))?;
        Ok(version.into_raw())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_validateCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
) {
    jni_call(&mut env, (), |env| {
        let bytes = env
            .convert_byte_array(&plan)
            .map_err(|e| jni_error("plan bytes", e))?;
        CalcHandle::try_new(&bytes).map(drop)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_createCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
) -> jlong {
    jni_call(&mut env, 0, |env| {
        let bytes = env
            .convert_byte_array(&plan)
            .map_err(|e| jni_error("plan bytes", e))?;
        Ok(into_handle(CalcHandle::try_new(&bytes)?))
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_evaluateCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    in_rows: JByteBuffer<'l>,
    in_offsets: JByteBuffer<'l>,
    num_rows: jint,
    out_rows: JByteBuffer<'l>,
    out_offsets: JByteBuffer<'l>,
) -> jint {
    jni_call(&mut env, 0, |env| {
        // SAFETY: handle contract documented on calc_handle; buffers are live direct buffers owned by the caller
        // for the duration of this call.
        let calc = unsafe { calc_handle(handle)? };
        let buffers =
            unsafe { DirectBuffers::resolve(env, &in_rows, &in_offsets, &out_rows, &out_offsets)? };
        calc.evaluate(buffers, num_rows)
    })
}

/// The handle of `validateWatermarkCalc` / `createWatermarkCalc`; a null `format` for a Calc over rows.
fn watermark_calc(
    env: &mut JNIEnv,
    plan: &JByteArray,
    watermark_plan: &JByteArray,
    format: &JString,
    options: &JObjectArray,
) -> Result<CalcHandle, EmberError> {
    let plan = env
        .convert_byte_array(plan)
        .map_err(|e| jni_error("plan bytes", e))?;
    let watermark_plan = env
        .convert_byte_array(watermark_plan)
        .map_err(|e| jni_error("watermark plan bytes", e))?;
    if format.is_null() {
        return CalcHandle::try_new_with_watermark(&plan, &watermark_plan, None);
    }
    let format: String = env
        .get_string(format)
        .map_err(|e| jni_error("format", e))?
        .into();
    let pairs = pairs(strings(env, options)?);
    CalcHandle::try_new_with_watermark(&plan, &watermark_plan, Some((&format, &pairs)))
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_validateWatermarkCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
    watermark_plan: JByteArray<'l>,
    format: JString<'l>,
    options: JObjectArray<'l>,
) {
    jni_call(&mut env, (), |env| {
        watermark_calc(env, &plan, &watermark_plan, &format, &options).map(drop)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_createWatermarkCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
    watermark_plan: JByteArray<'l>,
    format: JString<'l>,
    options: JObjectArray<'l>,
) -> jlong {
    jni_call(&mut env, 0, |env| {
        Ok(into_handle(watermark_calc(
            env,
            &plan,
            &watermark_plan,
            &format,
            &options,
        )?))
    })
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)] // one JNI argument per Java parameter
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_evaluateWatermarkCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    lines: jboolean,
    in_rows: JByteBuffer<'l>,
    in_offsets: JByteBuffer<'l>,
    num_rows: jint,
    out_rows: JByteBuffer<'l>,
    out_offsets: JByteBuffer<'l>,
    watermarks: JByteBuffer<'l>,
    ends: JByteBuffer<'l>,
) -> jint {
    jni_call(&mut env, 0, |env| {
        // SAFETY: as in evaluateCalc; the two watermark buffers are live direct buffers of the caller as well.
        let calc = unsafe { calc_handle(handle)? };
        let buffers =
            unsafe { DirectBuffers::resolve(env, &in_rows, &in_offsets, &out_rows, &out_offsets)? };
        let watermarks = unsafe { handle::aligned_mut::<i64>(env, &watermarks)? };
        let ends = unsafe { handle::aligned_mut::<i32>(env, &ends)? };
        calc.evaluate_with_watermarks(buffers, num_rows, lines != 0, watermarks, ends)
    })
}

/// The arguments of `validateLineCalc` / `createLineCalc`, as Rust values.
fn line_calc(
    env: &mut JNIEnv,
    plan: &JByteArray,
    format: &JString,
    options: &JObjectArray,
) -> Result<CalcHandle, EmberError> {
    let bytes = env
        .convert_byte_array(plan)
        .map_err(|e| jni_error("plan bytes", e))?;
    let format: String = env
        .get_string(format)
        .map_err(|e| jni_error("format", e))?
        .into();
    let pairs = pairs(strings(env, options)?);
    CalcHandle::try_new_lines(&bytes, &format, &pairs)
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_validateLineCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
    format: JString<'l>,
    options: JObjectArray<'l>,
) {
    jni_call(&mut env, (), |env| {
        line_calc(env, &plan, &format, &options).map(drop)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_createLineCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
    format: JString<'l>,
    options: JObjectArray<'l>,
) -> jlong {
    jni_call(&mut env, 0, |env| {
        Ok(into_handle(line_calc(env, &plan, &format, &options)?))
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_evaluateLineCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    in_lines: JByteBuffer<'l>,
    in_offsets: JByteBuffer<'l>,
    num_lines: jint,
    out_rows: JByteBuffer<'l>,
    out_offsets: JByteBuffer<'l>,
) -> jint {
    jni_call(&mut env, 0, |env| {
        // SAFETY: as in evaluateCalc.
        let calc = unsafe { calc_handle(handle)? };
        let buffers = unsafe {
            DirectBuffers::resolve(env, &in_lines, &in_offsets, &out_rows, &out_offsets)?
        };
        calc.evaluate_lines(buffers, num_lines)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_drainCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    out_rows: JByteBuffer<'l>,
    out_offsets: JByteBuffer<'l>,
) -> jint {
    jni_call(&mut env, 0, |env| {
        // SAFETY: as in evaluateCalc.
        let calc = unsafe { calc_handle(handle)? };
        let (rows, offsets) =
            unsafe { DirectBuffers::resolve_output(env, &out_rows, &out_offsets)? };
        calc.drain(rows, offsets)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_closeCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
) {
    jni_call(&mut env, (), |_| {
        if handle != 0 {
            // SAFETY: handle came from Box::into_raw in into_handle and Java closes it exactly once.
            drop(unsafe { Box::from_raw(handle as *mut CalcHandle) });
        }
        Ok(())
    })
}

/// The input fields the Calc reads (see `CalcProgram::referenced_paths`), flattened as `[length, index...]` per
/// path: Java writes only these fields of rows that are not already in binary form.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_referencedPaths<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
) -> jintArray {
    jni_call(&mut env, std::ptr::null_mut(), |env| {
        // SAFETY: as in evaluateCalc.
        let calc = unsafe { calc_handle(handle)? };
        let mut flat: Vec<jint> = Vec::new();
        for path in calc.referenced_paths() {
            flat.push(path.len() as jint);
            flat.extend(path.iter().map(|&i| i as jint));
        }
        let array = env
            .new_int_array(flat.len() as jint)
            .map_err(|e| jni_error("int[]", e))?;
        env.set_int_array_region(&array, 0, &flat)
            .map_err(|e| jni_error("int[]", e))?;
        Ok(array.into_raw())
    })
}

/// Panics with `message` inside the JNI boundary. Exists so tests (and operators checking an installation) can
/// prove that a native panic surfaces as a Java exception carrying its message and never takes the JVM down.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_selfTestPanic<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    message: JString<'l>,
) {
    jni_call(&mut env, (), |env| {
        let message: String = env
            .get_string(&message)
            .map_err(|e| jni_error("message", e))?
            .into();
        panic!("{message}");
    })
}

/// The arguments of `validateSinkCalc` / `createSinkCalc`: a Calc (over rows, or over raw lines when
/// `line_format` is not null) whose results a fused sink writes in `sink_format`.
#[allow(clippy::too_many_arguments)]
fn sink_calc(
    env: &mut JNIEnv,
    plan: &JByteArray,
    line_format: &JString,
    line_options: &JObjectArray,
    sink_format: &JString,
    sink_options: &JObjectArray,
    field_names: &JObjectArray,
) -> Result<CalcHandle, EmberError> {
    let handle = if line_format.is_null() {
        let bytes = env
            .convert_byte_array(plan)
            .map_err(|e| jni_error("plan bytes", e))?;
        CalcHandle::try_new_for_sink(&bytes)?
    } else {
        line_calc(env, plan, line_format, line_options)?
    };
    let format: String = env
        .get_string(sink_format)
        .map_err(|e| jni_error("sink format", e))?
        .into();
    let options = pairs(strings(env, sink_options)?);
    let names = strings(env, field_names)?;
    handle.with_sink(&format, &options, &names)
}

/// `[k1, v1, k2, v2, ...]` as key/value pairs (a missing last value is empty).
fn pairs(strings: Vec<String>) -> Vec<(String, String)> {
    strings
        .chunks(2)
        .map(|kv| (kv[0].clone(), kv.get(1).cloned().unwrap_or_default()))
        .collect()
}

/// A Java `String[]` as Rust strings.
fn strings(env: &mut JNIEnv, array: &JObjectArray) -> Result<Vec<String>, EmberError> {
    let n = env
        .get_array_length(array)
        .map_err(|e| jni_error("string array", e))?;
    let mut strings = Vec::new();
    for i in 0..n {
        let item = env
            .get_object_array_element(array, i)
            .map_err(|e| jni_error("string array", e))?;
        let value: String = env
            .get_string(&JString::from(item))
            .map_err(|e| jni_error("string", e))?
            .into();
        strings.push(value);
    }
    Ok(strings)
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_validateSinkCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
    line_format: JString<'l>,
    line_options: JObjectArray<'l>,
    sink_format: JString<'l>,
    sink_options: JObjectArray<'l>,
    field_names: JObjectArray<'l>,
) {
    jni_call(&mut env, (), |env| {
        sink_calc(
            env,
            &plan,
            &line_format,
            &line_options,
            &sink_format,
            &sink_options,
            &field_names,
        )
        .map(drop)
    })
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_dev_ember_flink_jni_NativeBridge_createSinkCalc<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    plan: JByteArray<'l>,
    line_format: JString<'l>,
    line_options: JObjectArray<'l>,
    sink_format: JString<'l>,
    sink_options: JObjectArray<'l>,
    field_names: JObjectArray<'l>,
) -> jlong {
    jni_call(&mut env, 0, |env| {
        Ok(into_handle(sink_calc(
            env,
            &plan,
            &line_format,
            &line_options,
            &sink_format,
            &sink_options,
            &field_names,
        )?))
    })
}
