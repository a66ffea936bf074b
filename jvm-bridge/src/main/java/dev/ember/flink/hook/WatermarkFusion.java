package dev.ember.flink.hook;

import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.planner.calcite.FlinkTypeFactory;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNode;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeBase;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecCalc;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecWatermarkAssigner;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

import javax.annotation.Nullable;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calc → WatermarkAssigner → Calc as one native operator: the shape the planner gives a table with a computed rowtime
 * column and a WATERMARK (the first Calc computes the column, the second is the query's); without a computed column
 * (a WATERMARK on a physical column of a source that takes no watermark push-down, e.g. a file) the chain starts at
 * the assigner. Stock Flink runs each operator and deep-copies every row between them; fused, each row is decoded,
 * filtered and projected once.
 *
 * <p>The two Calcs merge the way Calcite merges adjacent Calcs (the top Calc's field references replaced by the
 * bottom Calc's expressions); the watermark expression is rewritten the same way into a second program over the
 * same input, {@code [rowtime, watermark]} for every row the bottom Calc keeps, which the operator turns into
 * watermarks exactly as the stock assigner does ({@code NativeCalcOperator#emitWithWatermarks}).
 */
final class WatermarkFusion {

    private static final Field WATERMARK_EXPR = field("watermarkExpr");
    private static final Field ROWTIME_FIELD_INDEX = field("rowtimeFieldIndex");

    private WatermarkFusion() {}

    /** Stock nodes, each read only by the next; no {@code bottom} Calc when the assigner reads something else. */
    record Chain(@Nullable StreamExecCalc bottom, StreamExecWatermarkAssigner assigner, StreamExecCalc top) {

        /** The chain ending in {@code top}, or null. */
        @Nullable
        static Chain endingAt(ExecNode<?> top, Map<ExecNode<?>, Integer> consumers) {
            if (top.getClass() != StreamExecCalc.class) {
                return null;
            }
            ExecNode<?> assigner = top.getInputEdges().get(0).getSource();
            if (assigner.getClass() != StreamExecWatermarkAssigner.class || consumers.getOrDefault(assigner, 0) != 1) {
                return null;
            }
            ExecNode<?> bottom = assigner.getInputEdges().get(0).getSource();
            boolean calcBelow = bottom.getClass() == StreamExecCalc.class && consumers.getOrDefault(bottom, 0) == 1;
            Chain chain = new Chain(calcBelow ? (StreamExecCalc) bottom : null, (StreamExecWatermarkAssigner) assigner,
                    (StreamExecCalc) top);
            // The fused node is built before the other Calcs are decided: it must not read one (a Calc read by
            // several operators), whose replacement it would miss.
            return chain.first().getInputEdges().get(0).getSource() instanceof StreamExecCalc ? null : chain;
        }

        /** The first node of the chain: its input is the fused operator's. */
        ExecNodeBase<?> first() {
            return bottom != null ? bottom : assigner;
        }

        RowType inputType() {
            return (RowType) first().getInputEdges().get(0).getOutputType();
        }

        String description() {
            return "NativeCalc(fused=[" + (bottom != null ? bottom.getDescription() + ", " : "")
                    + assigner.getDescription() + ", " + top.getDescription() + "])";
        }
    }

    /**
     * The chain's work over the bottom Calc's input: the emitted rows ({@code projection}, {@code condition}) and
     * {@code [rowtime, watermark]} of every row the bottom Calc keeps ({@code watermark}, {@code bottomCondition}).
     */
    record Merged(
            List<RexNode> projection,
            @Nullable RexNode condition,
            List<RexNode> watermark,
            @Nullable RexNode bottomCondition,
            RowType watermarkType) {}

    /** Why the chain cannot be fused, or null. */
    @Nullable
    static String obstacle(Chain chain, ReadableConfig config) {
        Duration idleTimeout = chain.assigner.getPersistedConfig()
                .getOptional(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT)
                .orElse(config.get(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT));
        if (idleTimeout != null && !idleTimeout.isZero() && !idleTimeout.isNegative()) {
            return "table.exec.source.idle-timeout is set (idleness is the stock assigner's)";
        }
        for (RexNode expression : chain.bottom == null ? List.<RexNode>of() : CalcParts.of(chain.bottom).projection()) {
            if (!RexUtil.isDeterministic(expression)) {
                // Merging may evaluate it more than once per row.
                return "the Calc below the watermark assigner computes a non-deterministic expression";
            }
        }
        return null;
    }

    static Merged merge(Chain chain, RexBuilder rexBuilder) {
        CalcParts bottom = chain.bottom != null ? CalcParts.of(chain.bottom) : identity(chain.inputType(), rexBuilder);
        CalcParts top = CalcParts.of(chain.top);
        RexShuttle inline = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return bottom.projection().get(ref.getIndex());
            }
        };
        List<RexNode> projection = new ArrayList<>();
        for (RexNode expression : top.projection()) {
            projection.add(expression.accept(inline));
        }
        List<RexNode> conditions = new ArrayList<>();
        if (bottom.condition() != null) {
            conditions.add(bottom.condition());
        }
        if (top.condition() != null) {
            conditions.add(top.condition().accept(inline));
        }
        RexNode condition = conditions.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, conditions);

        RexNode rowtime = bottom.projection().get(rowtimeFieldIndex(chain.assigner));
        RexNode watermark = watermarkExpr(chain.assigner).accept(inline);
        RowType watermarkType = RowType.of(
                new LogicalType[] {logical(rowtime), logical(watermark)}, new String[] {"rowtime", "watermark"});
        return new Merged(projection, condition, List.of(rowtime, watermark), bottom.condition(), watermarkType);
    }

    /** The Calc that passes every field of {@code type} through. */
    private static CalcParts identity(RowType type, RexBuilder rexBuilder) {
        FlinkTypeFactory typeFactory = (FlinkTypeFactory) rexBuilder.getTypeFactory();
        List<RexNode> fields = new ArrayList<>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            fields.add(rexBuilder.makeInputRef(typeFactory.createFieldTypeFromLogicalType(type.getTypeAt(i)), i));
        }
        return new CalcParts(fields, null);
    }

    private static LogicalType logical(RexNode expression) {
        return FlinkTypeFactory.toLogicalType(expression.getType());
    }

    private static RexNode watermarkExpr(StreamExecWatermarkAssigner assigner) {
        try {
            return (RexNode) WATERMARK_EXPR.get(assigner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the watermark assigner's expression", e);
        }
    }

    private static int rowtimeFieldIndex(StreamExecWatermarkAssigner assigner) {
        try {
            return ROWTIME_FIELD_INDEX.getInt(assigner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the watermark assigner's rowtime index", e);
        }
    }

    private static Field field(String name) {
        try {
            Field f = StreamExecWatermarkAssigner.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    "StreamExecWatermarkAssigner has no field '" + name + "' (Flink version mismatch?)", e);
        }
    }
}
