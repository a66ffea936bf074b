package dev.ember.flink.hook;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.runtime.NativeCalcOperatorFactory;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.plan.nodes.exec.ExecEdge;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeConfig;
import org.apache.flink.table.planner.plan.nodes.exec.utils.ExecNodeUtil;
import org.apache.flink.table.planner.plan.nodes.exec.utils.TransformationMetadata;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * The part of {@code translateToPlanInternal} shared by {@link StreamExecNativeCalc} and {@link BatchExecNativeCalc}:
 * wires a {@link NativeCalcOperatorFactory} exactly where {@code CommonExecCalc} wires its generated operator, with the
 * same transformation metadata (so names, descriptions and uids stay stock; only the operator differs).
 */
final class NativeCalcTranslation {

    private NativeCalcTranslation() {}

    @SuppressWarnings("unchecked")
    static Transformation<RowData> translate(
            ExecEdge inputEdge,
            Transformation<?> input,
            RowType outputType,
            byte[] substraitPlan,
            boolean retainRowKind,
            TransformationMetadata meta,
            ExecNodeConfig config) {
        NativeCalcOperatorFactory factory =
                new NativeCalcOperatorFactory(
                        substraitPlan,
                        (RowType) inputEdge.getOutputType(),
                        outputType,
                        retainRowKind,
                        // ExecNodeConfig: the node's persisted config first, then the session's (SET works).
                        config.get(EmberOptions.BATCH_SIZE),
                        config.get(EmberOptions.FLUSH_INTERVAL).toMillis());
        return ExecNodeUtil.createOneInputTransformation(
                (Transformation<RowData>) input,
                meta,
                factory,
                InternalTypeInfo.of(outputType),
                input.getParallelism(),
                false);
    }
}
