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
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecCalc;
import org.apache.flink.table.types.logical.RowType;

import org.apache.calcite.rex.RexNode;

import javax.annotation.Nullable;

import java.util.List;

/**
 * A streaming Calc that runs natively. It replaces a {@link StreamExecCalc} in the ExecNode graph and keeps that node's
 * id, type ({@code stream-exec-calc_1}), persisted config and so its operator uid; its simple class name makes the
 * vertex show as {@code NativeCalc[id]}. It extends the stock node (not {@code ExecNodeBase}) so that everything that
 * inspects Calc nodes by type keeps working; the projection/condition are kept for EXPLAIN and for planner code that
 * reads them.
 *
 * <p>Output rows keep the input row's RowKind, like the stock streaming Calc ({@code retainHeader = true}).
 *
 * <p>With a {@code watermarkPlan} the node stands for a Calc, the watermark assigner above it and the Calc above that,
 * fused ({@link WatermarkFusion}); its projection and condition are then the two Calcs merged (the first may be
 * missing: the chain then starts at the assigner, whose place the node takes).
 */
public class StreamExecNativeCalc extends StreamExecCalc {

    private final byte[] substraitPlan;
    @Nullable private final FusedScan fusedScan;
    @Nullable private final SinkEncoding sinkEncoding;
    @Nullable private final byte[] watermarkPlan;
    private final String transformationName;
    private final boolean handOverInput;

    StreamExecNativeCalc(
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
            @Nullable byte[] watermarkPlan,
            @Nullable String transformationName,
            boolean handOverInput) {
        super(id, context, persistedConfig, projection, condition, inputProperties, outputType, description);
        this.watermarkPlan = watermarkPlan;
        // A fused chain starting at a watermark assigner keeps the assigner's name (and so its uid).
        this.transformationName = transformationName != null ? transformationName : CALC_TRANSFORMATION;
        this.handOverInput = handOverInput;
        this.substraitPlan = substraitPlan;
        this.fusedScan = fusedScan;
        this.sinkEncoding = sinkEncoding;
    }

    @Override
    protected Transformation<RowData> translateToPlanInternal(PlannerBase planner, ExecNodeConfig config) {
        // Never cast `planner` to an Ember planner: translateToPlan hands nodes a plain dummy planner.
        ExecEdge inputEdge = getInputEdges().get(0);
        Transformation<?> input = inputEdge.translateToPlan(planner);
        return NativeCalcTranslation.translate(
                input,
                fusedScan,
                sinkEncoding,
                (RowType) inputEdge.getOutputType(),
                (RowType) getOutputType(),
                substraitPlan,
                watermarkPlan,
                handOverInput,
                true,
                createTransformationMeta(transformationName, config),
                config);
    }
}
