package dev.ember.flink.runtime;

import dev.ember.flink.jni.NativeBridge;
import dev.ember.flink.jni.NativeLibrary;

import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

import com.google.protobuf.util.JsonFormat;
import io.substrait.proto.Plan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the Java side of the row boundary, per row of a batch of {@value #ROWS}: how a non-binary row
 * (a Nexmark bid event as the source emits it) is written for the native Calc, the copy of a binary row into the
 * off-heap input buffer, and one full native round trip (copy in, JNI, decode, evaluate, encode, point a row at each
 * result). Run with {@code bash scripts/jmh.sh} (needs the release native library); not part of the tests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BoundaryBenchmark {

    static final int ROWS = 1024;

    private static final RowType BID = RowType.of(
            new LogicalType[] {
                new BigIntType(), new BigIntType(), new BigIntType(), VarCharType.STRING_TYPE, VarCharType.STRING_TYPE,
                new TimestampType(3), VarCharType.STRING_TYPE
            },
            new String[] {"auction", "bidder", "price", "channel", "url", "dateTime", "extra"});
    private static final RowType EVENT = RowType.of(
            new LogicalType[] {new IntType(), BID}, new String[] {"event_type", "bid"});
    /** The golden plan {@code filter_arith_upper}'s input: (INT, BIGINT, STRING). */
    private static final RowType CALC_INPUT = RowType.of(new IntType(), new BigIntType(), VarCharType.STRING_TYPE);

    private GenericRowData[] events;
    private RowDataSerializer eventSerializer;
    private PrunedRowWriter allFields;
    private PrunedRowWriter q2Fields;
    private BinaryRowData[] calcRows;
    private RowBuffer input;
    private long handle;
    private MemorySegment outRows;
    private MemorySegment outOffsets;
    private BinaryRowData outRow;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        events = new GenericRowData[ROWS];
        for (int i = 0; i < ROWS; i++) {
            events[i] = GenericRowData.of(2, GenericRowData.of(
                    1000L + i, 2000L + i, 3000L * i, StringData.fromString("channel-" + (i % 7)),
                    StringData.fromString("https://www.nexmark.com/item.htm?query=" + i),
                    TimestampData.fromEpochMillis(1_700_000_000_000L + i), StringData.fromString("x".repeat(i % 40))));
        }
        eventSerializer = new RowDataSerializer(EVENT);
        allFields = PrunedRowWriter.forPaths(EVENT, new int[] {1, 0, 1, 1});
        // q2 reads event_type, bid.auction and bid.price
        q2Fields = PrunedRowWriter.forPaths(EVENT, new int[] {1, 0, 2, 1, 0, 2, 1, 2});

        RowDataSerializer calcSerializer = new RowDataSerializer(CALC_INPUT);
        calcRows = new BinaryRowData[ROWS];
        for (int i = 0; i < ROWS; i++) {
            calcRows[i] = calcSerializer.toBinaryRow(
                    GenericRowData.of(i, (long) i, StringData.fromString("value " + i))).copy();
        }
        input = new RowBuffer(ROWS, 64);
        NativeLibrary.ensureLoaded();
        Plan.Builder plan = Plan.newBuilder();
        JsonFormat.parser().merge(
                Files.readString(Path.of("../substrait-plans/cases/filter_arith_upper/plan.json")), plan);
        handle = NativeBridge.createCalc(plan.build().toByteArray());
        outRows = RowBuffer.allocate(ROWS * 128);
        outOffsets = RowBuffer.allocate((ROWS + 1) * Integer.BYTES);
        outRow = new BinaryRowData(6);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        NativeBridge.closeCalc(handle);
        input.free();
        outRows.free();
        outOffsets.free();
    }

    /** Flink's generic serializer, all fields (what the operator did before {@link PrunedRowWriter}). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long toBinaryRowAllFields() {
        long sum = 0;
        for (GenericRowData e : events) {
            sum += eventSerializer.toBinaryRow(e).getSizeInBytes();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long prunedWriterAllFields() {
        long sum = 0;
        for (GenericRowData e : events) {
            sum += allFields.write(e).getSizeInBytes();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long prunedWriterQ2Fields() {
        long sum = 0;
        for (GenericRowData e : events) {
            sum += q2Fields.write(e).getSizeInBytes();
        }
        return sum;
    }

    /** Copying binary rows into the off-heap input buffer (3 fields each). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int appendBinaryRows() {
        input.clear();
        for (BinaryRowData r : calcRows) {
            input.append(r);
        }
        return input.count();
    }

    /**
     * One batch through the native Calc {@code SELECT a + 1, b * 2, a / 7, b % 3, -a, UPPER(s) WHERE b > 5}: copy in,
     * evaluate (JNI, decode, filter, 6 expressions, encode), point the output row at each result.
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long nativeRoundTrip() {
        return roundTrip(ROWS);
    }

    /** The same with a batch of one row: the fixed cost of a native call (JNI, schema set-up, buffers). */
    @Benchmark
    public long nativeRoundTripOneRowBatch() {
        return roundTrip(1);
    }

    private long roundTrip(int rows) {
        input.clear();
        for (int i = 0; i < rows; i++) {
            input.append(calcRows[i]);
        }
        int produced = NativeBridge.evaluateCalc(handle, input.bytes(), input.offsets(), input.count(),
                outRows.getOffHeapBuffer(), outOffsets.getOffHeapBuffer());
        long sum = 0;
        for (int i = 0; i < produced; i++) {
            int start = outOffsets.getIntLittleEndian(i * Integer.BYTES);
            int end = outOffsets.getIntLittleEndian((i + 1) * Integer.BYTES);
            outRow.pointTo(outRows, start, end - start);
            sum += outRow.getLong(1);
        }
        return sum;
    }
}
