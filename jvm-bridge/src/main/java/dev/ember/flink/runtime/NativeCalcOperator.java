package dev.ember.flink.runtime;

import dev.ember.flink.jni.NativeBridge;
import dev.ember.flink.jni.NativeLibrary;

import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.operators.TableStreamOperator;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

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
 */
public final class NativeCalcOperator extends TableStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    /** Typical bytes per row before the first batch tells us better; buffers grow by doubling. */
    private static final int INITIAL_ROW_BYTES = 64;

    private final byte[] substraitPlan;
    private final RowType inputType;
    private final boolean retainRowKind;
    private final int batchSize;
    private final long flushIntervalMillis;
    private final int outputArity;

    private transient long handle;
    private transient RowDataSerializer inputSerializer;
    private transient MemorySegment inRows;
    private transient MemorySegment inOffsets;
    private transient MemorySegment outRows;
    private transient MemorySegment outOffsets;
    private transient int bufferedRows;
    private transient int bufferedBytes;
    private transient boolean flushTimerPending;
    private transient BinaryRowData outRow;
    private transient StreamRecord<RowData> outRecord;

    NativeCalcOperator(
            StreamOperatorParameters<RowData> parameters,
            byte[] substraitPlan,
            RowType inputType,
            RowType outputType,
            boolean retainRowKind,
            int batchSize,
            long flushIntervalMillis) {
        super(parameters);
        this.substraitPlan = substraitPlan;
        this.inputType = inputType;
        this.retainRowKind = retainRowKind;
        this.batchSize = batchSize;
        this.flushIntervalMillis = flushIntervalMillis;
        this.outputArity = outputType.getFieldCount();
    }

    @Override
    public void open() throws Exception {
        super.open();
        NativeLibrary.ensureLoaded();
        handle = NativeBridge.createCalc(substraitPlan);
        inputSerializer = new RowDataSerializer(inputType);
        inRows = allocate(batchSize * INITIAL_ROW_BYTES);
        inOffsets = allocate((batchSize + 1) * Integer.BYTES);
        outRows = allocate(batchSize * INITIAL_ROW_BYTES);
        outOffsets = allocate((batchSize + 1) * Integer.BYTES);
        outRow = new BinaryRowData(outputArity);
        outRecord = new StreamRecord<>(null);
        bufferedRows = 0;
        bufferedBytes = 0;
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        BinaryRowData row = toBinary(element.getValue());
        int size = row.getSizeInBytes();
        if (bufferedBytes + size > inRows.size()) {
            inRows = grow(inRows, bufferedBytes, bufferedBytes + size);
        }
        copyRow(row, inRows, bufferedBytes);
        // Offsets: entry i = start of row i; entry n = end of the last row.
        inOffsets.putIntLittleEndian(bufferedRows * Integer.BYTES, bufferedBytes);
        bufferedBytes += size;
        bufferedRows++;
        inOffsets.putIntLittleEndian(bufferedRows * Integer.BYTES, bufferedBytes);

        if (bufferedRows >= batchSize) {
            flush();
        } else if (bufferedRows == 1 && flushIntervalMillis > 0 && !flushTimerPending) {
            flushTimerPending = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + flushIntervalMillis, time -> {
                flushTimerPending = false;
                flush();
            });
        }
    }

    /** Evaluates the buffered rows natively and emits the results, in input order. */
    private void flush() {
        if (bufferedRows == 0) {
            return;
        }
        int produced = NativeBridge.evaluateCalc(
                handle, inRows.getOffHeapBuffer(), inOffsets.getOffHeapBuffer(), bufferedRows,
                outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer());
        if (produced < 0) {
            // The result did not fit: the native side kept it; retry with a buffer of the exact size needed.
            int needed = Math.max(-produced, outRows.size() * 2);
            outRows.free();
            outRows = allocate(needed);
            produced = NativeBridge.drainCalc(handle, outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer());
        }
        bufferedRows = 0;
        bufferedBytes = 0;
        for (int i = 0; i < produced; i++) {
            int start = outOffsets.getIntLittleEndian(i * Integer.BYTES);
            int end = outOffsets.getIntLittleEndian((i + 1) * Integer.BYTES);
            outRow.pointTo(outRows, start, end - start);
            if (!retainRowKind) {
                outRow.setRowKind(RowKind.INSERT);
            }
            output.collect(outRecord.replace(outRow));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
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
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (handle != 0) {
                NativeBridge.closeCalc(handle);
                handle = 0;
            }
            for (MemorySegment segment : new MemorySegment[] {inRows, inOffsets, outRows, outOffsets}) {
                if (segment != null && !segment.isFreed()) {
                    segment.free();
                }
            }
        }
    }

    private BinaryRowData toBinary(RowData row) {
        // Upstream operators mostly emit BinaryRowData already; sources may emit GenericRowData.
        return row instanceof BinaryRowData ? (BinaryRowData) row : inputSerializer.toBinaryRow(row);
    }

    private static void copyRow(BinaryRowData row, MemorySegment target, int targetOffset) {
        MemorySegment[] segments = row.getSegments();
        int size = row.getSizeInBytes();
        int offset = row.getOffset();
        if (segments.length == 1 || offset + size <= segments[0].size()) {
            segments[0].copyTo(offset, target, targetOffset, size);
            return;
        }
        // A row spread over several segments (rows read from sort/spill buffers): copy piece by piece.
        int segmentSize = segments[0].size();
        int index = offset / segmentSize;
        int inSegment = offset % segmentSize;
        int remaining = size;
        while (remaining > 0) {
            int chunk = Math.min(remaining, segmentSize - inSegment);
            segments[index].copyTo(inSegment, target, targetOffset, chunk);
            targetOffset += chunk;
            remaining -= chunk;
            index++;
            inSegment = 0;
        }
    }

    /** Off-heap memory outside the JVM's direct-memory limit, as Flink's managed memory is. */
    private static MemorySegment allocate(int bytes) {
        return MemorySegmentFactory.allocateOffHeapUnsafeMemory(Math.max(bytes, 64));
    }

    private static MemorySegment grow(MemorySegment segment, int used, int needed) {
        MemorySegment bigger = allocate(Math.max(needed, segment.size() * 2));
        segment.copyTo(0, bigger, 0, used);
        segment.free();
        return bigger;
    }
}
