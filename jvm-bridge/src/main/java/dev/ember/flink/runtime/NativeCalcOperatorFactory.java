package dev.ember.flink.runtime;

import dev.ember.flink.format.LineDecoding;
import dev.ember.flink.format.SinkEncoding;

import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import javax.annotation.Nullable;

/**
 * Creates {@link NativeCalcOperator}s. Serialized into the job graph, so it holds only plain data: the Substrait
 * plan bytes (made at planning time), the row types and the tuning values. Chaining is stock Calc's (ALWAYS).
 */
public final class NativeCalcOperatorFactory extends AbstractStreamOperatorFactory<RowData>
        implements OneInputStreamOperatorFactory<RowData, RowData> {

    private static final long serialVersionUID = 1L;

    private final byte[] substraitPlan;
    private final RowType inputType;
    @Nullable private final LineDecoding lineDecoding;
    @Nullable private final SinkEncoding sinkEncoding;
    private final RowType outputType;
    private final boolean retainRowKind;
    private final int batchSize;
    private final long flushIntervalMillis;
    @Nullable private final byte[] watermarkPlan;

    /**
     * @param inputType the rows the Calc reads (for a fused scan: the rows it decodes the lines into)
     * @param lineDecoding set when the input is raw lines of a fused scan
     * @param sinkEncoding set when the output is chunks of encoded lines for a fused sink ({@code outputType} is then
     *     {@code EncodedChunks.TYPE})
     * @param retainRowKind true for streaming (output rows keep the input row's RowKind, like stock
     *     {@code StreamExecCalc}); false for batch (always +I, like {@code BatchExecCalc})
     * @param flushIntervalMillis latency bound for a partly filled batch; 0 disables the timer
     * @param watermarkPlan set when the Calc does the work of a watermark assigner it was fused with: the program
     *     computing {@code [rowtime, watermark]} of each input row
     */
    public NativeCalcOperatorFactory(
            byte[] substraitPlan,
            RowType inputType,
            @Nullable LineDecoding lineDecoding,
            @Nullable SinkEncoding sinkEncoding,
            RowType outputType,
            boolean retainRowKind,
            int batchSize,
            long flushIntervalMillis,
            @Nullable byte[] watermarkPlan) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ember.batch-size must be at least 1, got " + batchSize);
        }
        this.substraitPlan = substraitPlan;
        this.inputType = inputType;
        this.lineDecoding = lineDecoding;
        this.sinkEncoding = sinkEncoding;
        this.outputType = outputType;
        this.retainRowKind = retainRowKind;
        this.batchSize = batchSize;
        this.flushIntervalMillis = flushIntervalMillis;
        this.watermarkPlan = watermarkPlan;
    }

    /** A factory for a Calc whose output is rows (no fused sink). */
    public NativeCalcOperatorFactory(
            byte[] substraitPlan,
            RowType inputType,
            @Nullable LineDecoding lineDecoding,
            RowType outputType,
            boolean retainRowKind,
            int batchSize,
            long flushIntervalMillis) {
        this(substraitPlan, inputType, lineDecoding, null, outputType, retainRowKind, batchSize, flushIntervalMillis,
                null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<RowData>> T createStreamOperator(StreamOperatorParameters<RowData> parameters) {
        return (T) new NativeCalcOperator(
                parameters, substraitPlan, inputType, lineDecoding, sinkEncoding, outputType, retainRowKind, batchSize,
                flushIntervalMillis, watermarkPlan);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return NativeCalcOperator.class;
    }
}
