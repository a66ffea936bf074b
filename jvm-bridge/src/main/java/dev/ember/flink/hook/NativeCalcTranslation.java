package dev.ember.flink.hook;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.format.FusedScan;
import dev.ember.flink.format.SinkEncoding;
import dev.ember.flink.runtime.HandedOverRows;
import dev.ember.flink.runtime.NativeCalcOperatorFactory;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeConfig;
import org.apache.flink.table.planner.plan.nodes.exec.utils.ExecNodeUtil;
import org.apache.flink.table.planner.plan.nodes.exec.utils.TransformationMetadata;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import javax.annotation.Nullable;

/**
 * The part of {@code translateToPlanInternal} shared by {@link StreamExecNativeCalc} and {@link BatchExecNativeCalc}:
 * wires a {@link NativeCalcOperatorFactory} exactly where {@code CommonExecCalc} wires its generated operator, with the
 * same transformation metadata (so names, descriptions and uids stay stock; only the operator differs).
 */
final class NativeCalcTranslation {

    private NativeCalcTranslation() {}

    /**
     * @param input the translated input; for a fused scan, its raw lines
     * @param fusedScan the scan whose format the Calc decodes, or null for a Calc over rows
     * @param sinkEncoding how the Calc encodes its results for the fused sink it feeds, or null for rows
     * @param inputType the Calc's input row type (for a fused scan: the raw lines' type, the Calc reads the decoded
     *     rows)
     * @param watermarkPlan the program of a watermark assigner fused into the Calc, or null
     * @param handOverInput the Calc is the only reader of {@code input} (rows, not a fused scan): its records reach
     *     the Calc without Flink's defensive copy
     */
    @SuppressWarnings("unchecked")
    static Transformation<RowData> translate(
            Transformation<?> input,
            @Nullable FusedScan fusedScan,
            @Nullable SinkEncoding sinkEncoding,
            RowType inputType,
            RowType outputType,
            byte[] substraitPlan,
            @Nullable byte[] watermarkPlan,
            boolean handOverInput,
            boolean retainRowKind,
            TransformationMetadata meta,
            ExecNodeConfig config) {
        if (handOverInput) {
            try {
                // The Calc copies every input row into its batch buffer at once and keeps no reference: the record
                // Flink would copy for it (object reuse off) is handed over as it is (see HandedOverRows).
                ((Transformation<RowData>) input).setOutputType(new HandedOverRows(inputType));
            } catch (IllegalStateException e) {
                // The input's type was read already (e.g. by another translation step): rows are copied as usual.
            }
        }
        NativeCalcOperatorFactory factory =
                new NativeCalcOperatorFactory(
                        substraitPlan,
                        fusedScan != null ? fusedScan.decodedType() : inputType,
                        // Called after the input was translated, so a fused scan has created Flink's deserializer.
                        fusedScan != null ? fusedScan.runtime() : null,
                        sinkEncoding,
                        outputType,
                        retainRowKind,
                        // ExecNodeConfig: the node's persisted config first, then the session's (SET works).
                        config.get(EmberOptions.BATCH_SIZE),
                        config.get(EmberOptions.FLUSH_INTERVAL).toMillis(),
                        watermarkPlan);
        return ExecNodeUtil.createOneInputTransformation(
                (Transformation<RowData>) input,
                meta,
                factory,
                // A fused watermark assigner's Calc feeds the pass-through operators holding the absorbed places.
                watermarkPlan != null ? new HandedOverRows(outputType) : InternalTypeInfo.of(outputType),
                input.getParallelism(),
                false);
    }
}
