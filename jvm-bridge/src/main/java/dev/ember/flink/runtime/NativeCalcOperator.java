package dev.ember.flink.runtime;

import dev.ember.flink.format.LineDecoding;
import dev.ember.flink.format.LineChunks;
import dev.ember.flink.format.SinkEncoding;
import dev.ember.flink.jni.NativeBridge;
import dev.ember.flink.jni.NativeLibrary;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.RuntimeContextInitializationContextAdapters;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.operators.TableStreamOperator;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayDeque;

/**
 * Runs one Calc (filter + projection) in the native library, a batch of rows at a time.
 *
 * <p>Rows cross the JNI boundary in Flink's own {@link BinaryRowData} format: {@link #processElement} copies each
 * row's bytes into an off-heap buffer (one memcpy, no per-row objects); the native side decodes them to Arrow,
 * evaluates and writes result rows into a second off-heap buffer, at which a single reused {@link BinaryRowData}
 * is pointed row by row. Both buffers are reused for the operator's lifetime and grow only to the largest batch.
 *
 * <p>Buffered rows are flushed (evaluated and emitted) when the batch is full, when the oldest buffered row has
 * waited {@code flushIntervalMillis} (processing time), before a watermark is forwarded (so it never overtakes
 * rows it covers), before a checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at end of input. The
 * operator therefore holds no state across checkpoints.
 *
 * <p>Fed by a fused scan ({@code lineDecoding} set), the input records are chunks of raw lines of a file: they are
 * buffered the same way (a chunk at a time) and parsed natively straight into Arrow columns. A batch with a line outside the native parser's fast path
 * is decoded by Flink's own format instead (its rows, its errors, its {@code ignore-parse-errors}), then evaluated
 * natively as rows.
 *
 * <p>With {@code watermarkPlan} set, the operator also does the work of the {@code WatermarkAssignerOperator} between
 * two Calcs it was fused with (see {@code WatermarkFusion}): the native side reports each input row's watermark and
 * how many output rows precede it, and {@link #emitWithWatermarks} replays the stock assigner's logic row by row
 * (its eager emission when the watermark moved by more than the auto-watermark interval, its error for a NULL
 * rowtime), so watermarks sit between exactly the rows they sit between in a stock run. The periodic emission flushes
 * the buffer first: a watermark never overtakes a row that was processed before it.
 */
public final class NativeCalcOperator extends TableStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(NativeCalcOperator.class);

    /** Typical bytes per row before the first batch tells us better; buffers grow by doubling. */
    private static final int INITIAL_ROW_BYTES = 64;

    private final byte[] substraitPlan;
    private final RowType inputType;
    @Nullable private final LineDecoding lineDecoding;
    /** Set when the output is chunks of encoded lines for a fused sink: each evaluation emits at most one record. */
    @Nullable private final SinkEncoding sinkEncoding;
    private final boolean retainRowKind;
    private final int batchSize;
    private final long flushIntervalMillis;
    private final int outputArity;
    /** The fused watermark assigner's program ({@code [rowtime, watermark]} per input row), or null. */
    @Nullable private final byte[] watermarkPlan;

    private transient long handle;
    /** Writes input rows not in binary form, with only the fields the native Calc reads. */
    private transient PrunedRowWriter inputWriter;
    /** Buffered input: rows, or the lines of a fused scan. */
    private transient RowBuffer input;
    /** Lines of a fused scan decoded by Flink's format; allocated on first use. */
    @Nullable private transient RowBuffer decodedByFlink;
    @Nullable private transient DeserializationSchema<RowData> flinkFormat;
    /**
     * Rows Flink's format emits for one line. An {@code ArrayDeque}, as in the stock file reader: a format that emits
     * null (Flink's JSON format with {@code ignore-parse-errors}, for a line it gave up on) gets the same
     * NullPointerException inside its own error handling, which skips the line.
     */
    private transient ArrayDeque<RowData> flinkRows;
    private transient long lineBatches;
    private transient long lineBatchesLeftToFlink;
    private transient MemorySegment outRows;
    private transient MemorySegment outOffsets;
    private transient boolean flushTimerPending;
    private transient BinaryRowData outRow;
    private transient StreamRecord<RowData> outRecord;
    // The fused watermark assigner's state, as in WatermarkAssignerOperator (both start at 0 there too).
    private transient MemorySegment rowWatermarks;
    private transient MemorySegment rowEnds;
    private transient long watermarkInterval;
    private transient long currentWatermark;
    private transient long lastWatermark;
    private transient long lastWatermarkPeriodicEmitTime;

    NativeCalcOperator(
            StreamOperatorParameters<RowData> parameters,
            byte[] substraitPlan,
            RowType inputType,
            @Nullable LineDecoding lineDecoding,
            @Nullable SinkEncoding sinkEncoding,
            RowType outputType,
            boolean retainRowKind,
            int batchSize,
            long flushIntervalMillis,
            @Nullable byte[] watermarkPlan) {
        super(parameters);
        this.watermarkPlan = watermarkPlan;
        this.substraitPlan = substraitPlan;
        this.inputType = inputType;
        this.lineDecoding = lineDecoding;
        this.sinkEncoding = sinkEncoding;
        this.retainRowKind = retainRowKind;
        this.batchSize = batchSize;
        this.flushIntervalMillis = flushIntervalMillis;
        this.outputArity = outputType.getFieldCount();
    }

    @Override
    public void open() throws Exception {
        super.open();
        NativeLibrary.ensureLoaded();
        if (sinkEncoding != null) {
            handle = NativeBridge.createSinkCalc(
                    substraitPlan,
                    lineDecoding != null ? lineDecoding.format() : null,
                    lineDecoding != null ? lineDecoding.formatOptions() : new String[0],
                    sinkEncoding.format(), sinkEncoding.formatOptions(), sinkEncoding.fieldNames());
        } else if (watermarkPlan != null) {
            handle = NativeBridge.createWatermarkCalc(substraitPlan, watermarkPlan,
                    lineDecoding != null ? lineDecoding.format() : null,
                    lineDecoding != null ? lineDecoding.formatOptions() : new String[0]);
        } else if (lineDecoding != null) {
            handle = NativeBridge.createLineCalc(
                    substraitPlan, lineDecoding.format(), lineDecoding.formatOptions());
        } else {
            handle = NativeBridge.createCalc(substraitPlan);
        }
        if (lineDecoding != null) {
            flinkFormat = lineDecoding.stockSchema();
            flinkFormat.open(RuntimeContextInitializationContextAdapters.deserializationAdapter(getRuntimeContext()));
            flinkRows = new ArrayDeque<>();
        }
        inputWriter = PrunedRowWriter.forPaths(inputType, NativeBridge.referencedPaths(handle));
        input = new RowBuffer(batchSize, INITIAL_ROW_BYTES);
        outRows = RowBuffer.allocate(batchSize * INITIAL_ROW_BYTES);
        outOffsets = RowBuffer.allocate((batchSize + 1) * Integer.BYTES);
        outRow = new BinaryRowData(outputArity);
        outRecord = new StreamRecord<>(null);
        if (watermarkPlan != null) {
            rowWatermarks = RowBuffer.allocate(batchSize * Long.BYTES);
            rowEnds = RowBuffer.allocate(batchSize * Integer.BYTES);
            currentWatermark = 0;
            lastWatermark = 0;
            watermarkInterval = getExecutionConfig().getAutoWatermarkInterval();
            long now = getProcessingTimeService().getCurrentProcessingTime();
            lastWatermarkPeriodicEmitTime = now;
            if (watermarkInterval > 0) {
                getProcessingTimeService().registerTimer(now + watermarkInterval, this::onWatermarkTimer);
            }
        }
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        if (lineDecoding != null) {
            RowData chunk = element.getValue();
            input.appendLines(LineChunks.data(chunk), LineChunks.ends(chunk));
        } else {
            input.append(toBinary(element.getValue()));
        }
        if (input.count() >= batchSize) {
            flush();
        } else if (input.count() == 1 && flushIntervalMillis > 0 && !flushTimerPending) {
            flushTimerPending = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + flushIntervalMillis, time -> {
                flushTimerPending = false;
                flush();
            });
        }
    }

    /** Evaluates the buffered input natively and emits the results, in input order. */
    private void flush() throws Exception {
        if (input.count() == 0) {
            return;
        }
        int produced;
        // Input rows evaluated (the watermark buffers hold one entry per row).
        int rows = input.count();
        if (lineDecoding != null) {
            produced = watermarkPlan != null
                    ? evaluateWithWatermarks(input, true)
                    : NativeBridge.evaluateLineCalc(
                            handle, input.bytes(), input.offsets(), input.count(),
                            outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer());
            lineBatches++;
            if (produced == NativeBridge.LINES_LEFT_TO_FLINK) {
                lineBatchesLeftToFlink++;
                RowBuffer decoded = decodeWithFlink();
                rows = decoded.count();
                produced = evaluate(decoded);
            }
        } else {
            produced = evaluate(input);
        }
        if (produced < 0) {
            // The result did not fit: the native side kept it; retry with a buffer of the exact size needed.
            int needed = Math.max(-produced, outRows.size() * 2);
            outRows.free();
            outRows = RowBuffer.allocate(needed);
            produced = NativeBridge.drainCalc(handle, outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer());
        }
        input.clear();
        if (watermarkPlan != null) {
            emitWithWatermarks(rows);
            return;
        }
        for (int i = 0; i < produced; i++) {
            emit(i);
        }
    }

    private void emit(int i) {
        int start = outOffsets.getIntLittleEndian(i * Integer.BYTES);
        int end = outOffsets.getIntLittleEndian((i + 1) * Integer.BYTES);
        outRow.pointTo(outRows, start, end - start);
        if (!retainRowKind) {
            outRow.setRowKind(RowKind.INSERT);
        }
        output.collect(outRecord.replace(outRow));
    }

    /**
     * Emits the output of {@code rows} input rows with the watermarks the stock assigner would have emitted between
     * them: per input row, its watermark raises the current one, its output rows follow, then the eager check.
     */
    private void emitWithWatermarks(int rows) {
        int emitted = 0;
        for (int i = 0; i < rows; i++) {
            int end = rowEnds.getIntLittleEndian(i * Integer.BYTES);
            if (end < 0) {
                // Stock WatermarkAssignerOperator's error, word for word.
                throw new RuntimeException(
                        "RowTime field should not be null, please convert it to a non-null long value.");
            }
            // Long.MIN_VALUE = no watermark for this row: never raises the current one.
            currentWatermark = Math.max(currentWatermark, rowWatermarks.getLongLittleEndian(i * Long.BYTES));
            for (; emitted < end; emitted++) {
                emit(emitted);
            }
            if (currentWatermark - lastWatermark > watermarkInterval) {
                advanceWatermark();
            }
        }
    }

    private void advanceWatermark() {
        if (currentWatermark > lastWatermark) {
            lastWatermark = currentWatermark;
            output.emitWatermark(new Watermark(currentWatermark));
        }
    }

    /** The assigner's periodic emission; the buffered rows go first, as a stock assigner has emitted them already. */
    private void onWatermarkTimer(long timestamp) throws Exception {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (lastWatermarkPeriodicEmitTime + watermarkInterval <= now) {
            lastWatermarkPeriodicEmitTime = now;
            flush();
            advanceWatermark();
        }
        getProcessingTimeService().registerTimer(now + watermarkInterval, this::onWatermarkTimer);
    }

    private int evaluate(RowBuffer rows) {
        if (watermarkPlan != null) {
            return evaluateWithWatermarks(rows, false);
        }
        return NativeBridge.evaluateCalc(
                handle, rows.bytes(), rows.offsets(), rows.count(),
                outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer());
    }

    private int evaluateWithWatermarks(RowBuffer rows, boolean lines) {
        if (rowEnds.size() < rows.count() * Integer.BYTES) {
            // A chunk of lines can hold more than a batch of rows: one entry per line (or row).
            rowWatermarks.free();
            rowEnds.free();
            rowWatermarks = RowBuffer.allocate(rows.count() * Long.BYTES);
            rowEnds = RowBuffer.allocate(rows.count() * Integer.BYTES);
        }
        return NativeBridge.evaluateWatermarkCalc(
                handle, lines, rows.bytes(), rows.offsets(), rows.count(),
                outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer(),
                rowWatermarks.getOffHeapBuffer(), rowEnds.getOffHeapBuffer());
    }

    /** Decodes the buffered lines with Flink's own format: exactly the rows (or the error) of a stock scan. */
    private RowBuffer decodeWithFlink() throws Exception {
        if (decodedByFlink == null) {
            decodedByFlink = new RowBuffer(batchSize, INITIAL_ROW_BYTES);
        }
        decodedByFlink.clear();
        Collector<RowData> collector = new Collector<>() {
            @Override
            public void collect(RowData row) {
                flinkRows.add(row);
            }

            @Override
            public void close() {}
        };
        for (int i = 0; i < input.count(); i++) {
            flinkRows.clear();
            flinkFormat.deserialize(input.record(i), collector);
            for (RowData row : flinkRows) {
                decodedByFlink.append(toBinary(row));
            }
        }
        flinkRows.clear();
        return decodedByFlink;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (watermarkPlan != null) {
            // A fused assigner ignores upstream watermarks except the end of input, like the stock one.
            if (mark.getTimestamp() == Long.MAX_VALUE && currentWatermark != Long.MAX_VALUE) {
                flush();
                currentWatermark = Long.MAX_VALUE;
                output.emitWatermark(mark);
            }
            return;
        }
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermark(WatermarkEvent watermark) throws Exception {
        flush();
        super.processWatermark(watermark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        if (watermarkPlan != null) {
            processWatermark(Watermark.MAX_WATERMARK); // the stock assigner's final watermark
        }
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (lineDecoding != null && lineBatches > 0) {
            LOG.info(
                    "Ember: {} of {} batches of {} lines were decoded by Flink's format (a line outside the native fast"
                            + " path)",
                    lineBatchesLeftToFlink, lineBatches, lineDecoding.format());
        }
        try {
            super.close();
        } finally {
            if (handle != 0) {
                NativeBridge.closeCalc(handle);
                handle = 0;
            }
            for (RowBuffer buffer : new RowBuffer[] {input, decodedByFlink}) {
                if (buffer != null) {
                    buffer.free();
                }
            }
            for (MemorySegment segment : new MemorySegment[] {outRows, outOffsets, rowWatermarks, rowEnds}) {
                if (segment != null && !segment.isFreed()) {
                    segment.free();
                }
            }
        }
    }

    private BinaryRowData toBinary(RowData row) {
        // Upstream operators mostly emit BinaryRowData already (copied as is); sources and stock Calcs do not.
        return row instanceof BinaryRowData ? (BinaryRowData) row : inputWriter.write(row);
    }
}
