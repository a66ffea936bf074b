package dev.ember.flink.jni;

import java.nio.ByteBuffer;

/**
 * Every native method of Ember and nothing else. Implemented in {@code native/jni/src/lib.rs}; each method
 * throws {@link EmberNativeException} (or the Java exception class the native error maps to) on failure.
 * Call {@link NativeLibrary#ensureLoaded()} before the first use.
 */
public final class NativeBridge {

    private NativeBridge() {}

    /** Version string of the native library (also proves that it loaded). */
    public static native String nativeVersion();

    /**
     * Compiles a Substrait Calc plan (protobuf bytes) and returns nothing; throws with the reason if the native
     * side cannot run it. Used at planning time to decide fallback.
     */
    public static native void validateCalc(byte[] substraitPlan);

    /** Compiles a Substrait Calc plan once per operator instance; returns an opaque handle. */
    public static native long createCalc(byte[] substraitPlan);

    /**
     * Evaluates one batch of BinaryRowData rows (layout: {@code native/rows/README.md}).
     *
     * @return the number of output rows written to {@code outRows}/{@code outOffsets}, or, if {@code outRows}
     *     is too small, {@code -requiredBytes}: the result is kept and {@link #drainCalc} writes it once the
     *     caller has a large enough buffer.
     */
    public static native int evaluateCalc(
            long handle, ByteBuffer inRows, ByteBuffer inOffsets, int numRows, ByteBuffer outRows, ByteBuffer outOffsets);

    /** Writes the result kept by the last {@link #evaluateCalc} that returned a negative size. */
    public static native int drainCalc(long handle, ByteBuffer outRows, ByteBuffer outOffsets);

    /**
     * Checks a Calc fused with the watermark assigner above it: {@code substraitPlan} computes the emitted rows,
     * {@code watermarkPlan} (same input) projects each row the bottom Calc keeps to {@code [rowtime, watermark]}.
     * With a {@code lineFormat} the Calc reads the raw lines of a fused scan (as {@link #validateLineCalc}); null for
     * rows.
     */
    public static native void validateWatermarkCalc(
            byte[] substraitPlan, byte[] watermarkPlan, String lineFormat, String[] lineOptions);

    /** Like {@link #createCalc}, for a Calc fused with a watermark assigner (see {@link #validateWatermarkCalc}). */
    public static native long createWatermarkCalc(
            byte[] substraitPlan, byte[] watermarkPlan, String lineFormat, String[] lineOptions);

    /**
     * Like {@link #evaluateCalc} (or {@link #evaluateLineCalc} with {@code lines}: one row per line, or
     * {@link #LINES_LEFT_TO_FLINK}), and per input row {@code i}: {@code watermarks} (longs) gets the row's watermark
     * in epoch milliseconds or {@code Long.MIN_VALUE} for none, {@code ends} (ints) how many output rows rows
     * {@code 0..i} produced, or -1 if row {@code i} has a NULL rowtime.
     */
    public static native int evaluateWatermarkCalc(
            long handle, boolean lines, ByteBuffer inRows, ByteBuffer inOffsets, int numRows, ByteBuffer outRows,
            ByteBuffer outOffsets, ByteBuffer watermarks, ByteBuffer ends);

    /** Returned by {@link #evaluateLineCalc} when a line is outside the native parser's fast path. */
    public static final int LINES_LEFT_TO_FLINK = Integer.MIN_VALUE;

    /**
     * Like {@link #validateCalc}, for a Calc that reads raw lines of a fused scan in {@code format} (only
     * {@code "json"}) and decodes them into the plan's input rows. {@code formatOptions}: the table's format options
     * without the format prefix, as key/value pairs; an option the native parser does not implement is a rejection.
     */
    public static native void validateLineCalc(byte[] substraitPlan, String format, String[] formatOptions);

    /** Like {@link #createCalc}, for a Calc that reads raw lines (see {@link #validateLineCalc}). */
    public static native long createLineCalc(byte[] substraitPlan, String format, String[] formatOptions);

    /**
     * Parses {@code numLines} lines (bytes back to back in {@code inLines}, offsets as for rows) into the plan's input
     * rows and evaluates the Calc; result protocol as {@link #evaluateCalc}, or {@link #LINES_LEFT_TO_FLINK} if a line
     * is outside the native parser's fast path (nothing is kept: the caller decodes the batch with Flink's format and
     * calls {@link #evaluateCalc} on the same handle).
     */
    public static native int evaluateLineCalc(
            long handle, ByteBuffer inLines, ByteBuffer inOffsets, int numLines, ByteBuffer outRows,
            ByteBuffer outOffsets);

    /**
     * Like {@link #validateCalc} (or {@link #validateLineCalc} when {@code lineFormat} is not null), for a Calc whose
     * results a fused sink writes in {@code sinkFormat} (only {@code "json"}): each evaluation yields at most one
     * record of type {@code ROW<data BYTES>}, the batch's encoded lines separated by {@code \n} (no trailing one), in
     * the usual output protocol. {@code sinkOptions}: the sink table's format options without the prefix, as
     * key/value pairs (an option the encoder does not implement is a rejection); {@code sinkFieldNames}: the sink's
     * field names, nested ones after their ROW field (pre-order).
     */
    public static native void validateSinkCalc(byte[] substraitPlan, String lineFormat, String[] lineOptions,
            String sinkFormat, String[] sinkOptions, String[] sinkFieldNames);

    /** Like {@link #createCalc}, for a Calc whose results a fused sink writes (see {@link #validateSinkCalc}). */
    public static native long createSinkCalc(byte[] substraitPlan, String lineFormat, String[] lineOptions,
            String sinkFormat, String[] sinkOptions, String[] sinkFieldNames);

    /**
     * Panics natively with {@code message}: proves that a Rust panic becomes an {@link EmberNativeException}
     * ("native panic: message") instead of crashing the JVM. For tests and installation checks only.
     */
    public static native void selfTestPanic(String message);

    /**
     * The input fields the Calc reads, flattened as {@code [length, index...]} per path ({@code [i]} = all of field
     * {@code i}, {@code [i, j]} = nested field {@code j} of ROW field {@code i}).
     */
    public static native int[] referencedPaths(long handle);

    /** Frees the handle. Idempotent per handle value is not guaranteed: call once. */
    public static native void closeCalc(long handle);
}
