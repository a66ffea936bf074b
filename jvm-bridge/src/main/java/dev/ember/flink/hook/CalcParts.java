package dev.ember.flink.hook;

import org.apache.flink.table.planner.plan.nodes.exec.common.CommonExecCalc;

import org.apache.calcite.rex.RexNode;

import javax.annotation.Nullable;

import java.lang.reflect.Field;
import java.util.List;

/**
 * The projection and condition of a stock Calc ExecNode. {@link CommonExecCalc} keeps them in protected fields without
 * getters, so they are read by reflection (allowed on Java 17: both sides live in unnamed modules).
 */
record CalcParts(List<RexNode> projection, @Nullable RexNode condition) {

    private static final Field PROJECTION = field("projection");
    private static final Field CONDITION = field("condition");

    @SuppressWarnings("unchecked")
    static CalcParts of(CommonExecCalc calc) {
        try {
            return new CalcParts((List<RexNode>) PROJECTION.get(calc), (RexNode) CONDITION.get(calc));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the Calc's projection/condition", e);
        }
    }

    private static Field field(String name) {
        try {
            Field f = CommonExecCalc.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("CommonExecCalc has no field '" + name + "' (Flink version mismatch?)", e);
        }
    }
}
