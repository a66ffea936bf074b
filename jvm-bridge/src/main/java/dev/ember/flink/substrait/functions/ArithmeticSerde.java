package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * {@code + - * / %}, {@code MOD}, unary {@code -} on numbers: {@code add, subtract, multiply, divide, modulus, negate}.
 * Flink (Java) semantics on the native side: integer overflow wraps, integer division truncates, DECIMAL results have
 * Flink's precision/scale (carried in {@code output_type}). {@code TIMESTAMP_LTZ +/- INTERVAL} also arrives as
 * {@code + -} (a rowtime's {@code WATERMARK FOR ts AS ts - INTERVAL ...}): it goes to {@link TemporalSerde}.
 */
public final class ArithmeticSerde extends ScalarFunctionSerde {

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        if (isLocalZonedPlusInterval(call)) {
            return TemporalSerde.plusMinusSupport(call, call.getKind() == SqlKind.MINUS);
        }
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

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        if (isLocalZonedPlusInterval(call)) {
            return TemporalSerde.datetimePlus(call.getKind() == SqlKind.MINUS, call, context);
        }
        return super.convert(substraitName, call, context);
    }

    private static boolean isLocalZonedPlusInterval(RexCall call) {
        return (call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS)
                && call.getOperands().size() == 2
                && call.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                && SqlTypeUtil.isInterval(call.getOperands().get(1).getType());
    }
}
