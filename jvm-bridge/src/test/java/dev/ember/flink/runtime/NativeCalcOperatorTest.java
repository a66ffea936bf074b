package dev.ember.flink.runtime;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;

import com.google.protobuf.util.JsonFormat;
import io.substrait.proto.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's flush contract, on the golden plan {@code filter_arith_upper}
 * ({@code SELECT a + 1, b * 2, a / 7, b % 3, -a, UPPER(s) ... WHERE b > 5}): rows wait for a full batch, but a
 * watermark, the processing-time timer, a checkpoint barrier and end of input each flush them first; RowKind is kept.
 */
class NativeCalcOperatorTest {

    private static final RowType INPUT = RowType.of(new IntType(), new BigIntType(), VarCharType.STRING_TYPE);
    private static final RowType OUTPUT = RowType.of(
            new IntType(), new BigIntType(), new IntType(), new BigIntType(), new IntType(), VarCharType.STRING_TYPE);
    private static final long FLUSH_MS = 50;

    private OneInputStreamOperatorTestHarness<RowData, RowData> harness;

    @BeforeEach
    void open() throws Exception {
        Plan.Builder plan = Plan.newBuilder();
        JsonFormat.parser().merge(
                Files.readString(Path.of("../substrait-plans/cases/filter_arith_upper/plan.json")), plan);
        NativeCalcOperatorFactory factory =
                new NativeCalcOperatorFactory(plan.build().toByteArray(), INPUT, null, OUTPUT, true, 3, FLUSH_MS);
        harness = new OneInputStreamOperatorTestHarness<>(factory, new RowDataSerializer(INPUT));
        harness.setup(new RowDataSerializer(OUTPUT));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void buffersUntilTheBatchIsFullAndKeepsOrderAndRowKind() throws Exception {
        harness.processElement(row(RowKind.INSERT, 1, 10L, "abc"));
        harness.processElement(row(RowKind.UPDATE_BEFORE, 5, 1L, "filtered out"));
        assertThat(harness.getOutput()).isEmpty();
        harness.processElement(row(RowKind.DELETE, -22, 7L, "mIxEd"));
        assertThat(emitted()).containsExactly("+I(2,20,0,1,-1,ABC)", "-D(-21,14,-3,1,22,MIXED)");
    }

    @Test
    void watermarkNeverOvertakesBufferedRows() throws Exception {
        harness.processElement(row(RowKind.INSERT, 1, 10L, "abc"));
        harness.processWatermark(new Watermark(100));
        List<Object> out = new ArrayList<>(harness.getOutput());
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
        assertThat(out.get(1)).isEqualTo(new Watermark(100));
    }

    @Test
    void processingTimeTimerBoundsLatency() throws Exception {
        harness.setProcessingTime(1_000);
        harness.processElement(row(RowKind.UPDATE_AFTER, 1, 10L, "abc"));
        harness.setProcessingTime(1_000 + FLUSH_MS - 1);
        assertThat(harness.getOutput()).isEmpty();
        harness.setProcessingTime(1_000 + FLUSH_MS);
        assertThat(emitted()).containsExactly("+U(2,20,0,1,-1,ABC)");
    }

    @Test
    void checkpointBarrierAndEndOfInputFlush() throws Exception {
        harness.processElement(row(RowKind.INSERT, 1, 10L, "abc"));
        harness.prepareSnapshotPreBarrier(1);
        assertThat(emitted()).hasSize(1);
        harness.processElement(row(RowKind.INSERT, 2147483647, 6L, "straße"));
        harness.endInput();
        assertThat(emitted()).containsExactly("+I(2,20,0,1,-1,ABC)", "+I(-2147483648,12,306783378,0,-2147483647,STRASSE)");
    }

    private static StreamRecord<RowData> row(RowKind kind, Integer a, Long b, String s) {
        return new StreamRecord<>(GenericRowData.ofKind(kind, a, b, s == null ? null : StringData.fromString(s)));
    }

    private List<String> emitted() {
        List<String> rows = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord) {
                RowData r = (RowData) ((StreamRecord<?>) o).getValue();
                rows.add(String.format("%s(%s,%s,%s,%s,%s,%s)", r.getRowKind().shortString(), r.getInt(0), r.getLong(1),
                        r.getInt(2), r.getLong(3), r.getInt(4), r.getString(5)));
            }
        }
        return rows;
    }
}
