package dev.ember.flink.substrait.functions;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * {@code + - * / %}, {@code MOD}, unary {@code -} on numbers: {@code add, subtract, multiply, divide, modulus, negate}.
 * Flink (Java) semantics on the native side: integer overflow wraps, integer division truncates, DECIMAL results have
 * Flink's precision/scale (carried in {@code output_type}).
 */
public final class ArithmeticSerde extends ScalarFunctionSerde {

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        // The same operators do date/time arithmetic (DATE + INTERVAL, TIMESTAMP - TIMESTAMP): not in the contract.
        for (RexNode operand : call.getOperands()) {
            if (!SqlTypeUtil.isNumeric(operand.getType())) {
                return SupportLevel.unsupported(
                        "function " + FunctionRegistry.sqlName(call.getOperator()) + " on "
                                + operand.getType().getSqlTypeName() + " is not supported natively");
            }
        }
        return SupportLevel.COMPATIBLE;
    }
}
