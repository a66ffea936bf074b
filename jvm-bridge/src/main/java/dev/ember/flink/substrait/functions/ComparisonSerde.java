package dev.ember.flink.substrait.functions;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;

/**
 * {@code = <> < <= > >=} and {@code IS [NOT] DISTINCT FROM}: {@code equal, not_equal, lt, lte, gt, gte,
 * is_distinct_from, is_not_distinct_from}. Operands may differ in numeric type (compared after widening); strings
 * compare by UTF-8 bytes like Flink's {@code BinaryStringData}.
 */
public final class ComparisonSerde extends ScalarFunctionSerde {

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        for (RexNode operand : call.getOperands()) {
            if (operand.getType().isStruct()) {
                return SupportLevel.unsupported("comparison of ROW values is not supported natively");
            }
        }
        return SupportLevel.COMPATIBLE;
    }
}
