package dev.ember.flink.hook;

import dev.ember.flink.runtime.HandedOverRows;
import dev.ember.flink.runtime.PassThroughOperator;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeBase;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeConfig;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeContext;
import org.apache.flink.table.planner.plan.nodes.exec.InputProperty;
import org.apache.flink.table.planner.plan.nodes.exec.SingleTransformationTranslator;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecNode;
import org.apache.flink.table.planner.plan.nodes.exec.utils.ExecNodeUtil;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;

/**
 * The place of a stock node whose work a fused native Calc does ({@link WatermarkFusion}): a
 * {@link PassThroughOperator} with the stock node's id, type and transformation name, so the job keeps the stock
 * topology (and operator IDs); the vertex shows it as {@code FusedIntoNativeCalc[id]}.
 */
final class StreamExecFusedIntoNativeCalc extends ExecNodeBase<RowData>
        implements StreamExecNode<RowData>, SingleTransformationTranslator<RowData> {

    private final String transformationName;
    /** Whether another pass-through node follows (it then takes the rows as they are, see {@link HandedOverRows}). */
    private final boolean handsOver;

    StreamExecFusedIntoNativeCalc(
            int id,
            ExecNodeContext context,
            ReadableConfig persistedConfig,
            List<InputProperty> inputProperties,
            LogicalType outputType,
            String description,
            String transformationName,
            boolean handsOver) {
        super(id, context, persistedConfig, inputProperties, outputType, description);
        this.transformationName = transformationName;
        this.handsOver = handsOver;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Transformation<RowData> translateToPlanInternal(PlannerBase planner, ExecNodeConfig config) {
        Transformation<RowData> input = (Transformation<RowData>) getInputEdges().get(0).translateToPlan(planner);
        SimpleOperatorFactory<RowData> factory = SimpleOperatorFactory.of(new PassThroughOperator());
        factory.setChainingStrategy(ChainingStrategy.ALWAYS); // like the stock Calc and assigner it stands for
        return ExecNodeUtil.createOneInputTransformation(
                input,
                createTransformationMeta(transformationName, config),
                factory,
                handsOver ? new HandedOverRows((RowType) getOutputType()) : InternalTypeInfo.of(getOutputType()),
                input.getParallelism(),
                false);
    }
}
