package dev.ember.flink.hook;

import dev.ember.flink.format.FusedScan;
import dev.ember.flink.format.SinkEncoding;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.table.planner.plan.nodes.exec.ExecEdge;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeConfig;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeContext;
import org.apache.flink.table.planner.plan.nodes.exec.InputProperty;
import org.apache.flink.table.planner.plan.nodes.exec.batch.BatchExecCalc;
import org.apache.flink.table.planner.plan.nodes.exec.utils.TransformationMetadata;
import org.apache.flink.table.types.logical.RowType;

import org.apache.calcite.rex.RexNode;

import javax.annotation.Nullable;

import java.util.List;

/**
 * A batch Calc that runs natively; the batch counterpart of {@link StreamExecNativeCalc} (same id, type, config).
 * Output rows are always {@code +I}, like the stock batch Calc ({@code retainHeader = false}).
 */
public class BatchExecNativeCalc extends BatchExecCalc {

    private final byte[] substraitPlan;
    @Nullable private final FusedScan fusedScan;
    @Nullable private final SinkEncoding sinkEncoding;
    private final boolean handOverInput;

    BatchExecNativeCalc(
            int id,
            ExecNodeContext context,
            ReadableConfig persistedConfig,
            List<RexNode> projection,
            @Nullable RexNode condition,
            List<InputProperty> inputProperties,
            RowType outputType,
            String description,
            byte[] substraitPlan,
            @Nullable FusedScan fusedScan,
            @Nullable SinkEncoding sinkEncoding,
            boolean handOverInput) {
        super(id, context, persistedConfig, projection, condition, inputProperties, outputType, description);
        this.handOverInput = handOverInput;
        this.substraitPlan = substraitPlan;
        this.fusedScan = fusedScan;
        this.sinkEncoding = sinkEncoding;
    }

    @Override
    protected Transformation<RowData> translateToPlanInternal(PlannerBase planner, ExecNodeConfig config) {
        ExecEdge inputEdge = getInputEdges().get(0);
        Transformation<?> input = inputEdge.translateToPlan(planner);
        return NativeCalcTranslation.translate(
                input,
                fusedScan,
                sinkEncoding,
                (RowType) inputEdge.getOutputType(),
                (RowType) getOutputType(),
                substraitPlan,
                null,
                handOverInput,
                false,
                createTransformationMeta(CALC_TRANSFORMATION, config),
                config);
    }

    /**
     * A native Calc cannot be fused into generated code. Fusion needs every member of a {@code MultipleInput} to
     * support it, so a region with a native Calc runs unfused.
     */
    @Override
    public boolean supportFusionCodegen() {
        return false;
    }

    /**
     * Keeps the stock uid. The stock method sets a uid only for classes listed in
     * {@code ExecNodeMetadataUtil.execNodes()} (or streaming nodes); this subclass is neither, so without the override
     * the Calc (and, through chaining, its neighbours) would get different operator ids than on stock Flink.
     */
    @Override
    protected TransformationMetadata createTransformationMeta(String operatorName, ExecNodeConfig config) {
        if (config.shouldSetUid()) {
            return new TransformationMetadata(
                    createTransformationUid(operatorName, config),
                    createTransformationName(config),
                    createTransformationDescription(config));
        }
        return super.createTransformationMeta(operatorName, config);
    }
}
