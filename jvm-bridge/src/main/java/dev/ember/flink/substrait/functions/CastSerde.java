package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CAST} and {@code TRY_CAST}: a Substrait {@code Cast} to Flink's result type, failing the job on a bad value
 * ({@code THROW_EXCEPTION}, like Flink's CAST) or yielding NULL ({@code RETURN_NULL}, like TRY_CAST). Which
 * source/target pairs the native side can cast is its decision (validateCalc).
 */
public final class CastSerde implements FunctionSerde {

    @Override
    public String describe(String substraitName) {
        return "a Substrait Cast expression run by the native cast kernels (Flink's cast rules and texts; "
                + (TRY_CAST.equals(substraitName) ? "NULL where the cast fails)" : "fails like Flink's CAST)");
    }

    public static final String CAST = "cast";
    public static final String TRY_CAST = "try_cast";

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        if (call.getOperands().size() != 1) {
            return SupportLevel.unsupported("CAST with " + call.getOperands().size() + " operands is not supported");
        }
        SqlTypeName target = call.getType().getSqlTypeName();
        String reason = JavaDoubleText.unsupportedReason(call.getOperands().get(0).getType());
        if (reason != null && (SqlTypeName.CHAR_TYPES.contains(target) || target == SqlTypeName.DECIMAL)) {
            return SupportLevel.unsupported(reason);
        }
        return SupportLevel.COMPATIBLE;
    }

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        Expression.Cast.FailureBehavior failure =
                TRY_CAST.equals(substraitName)
                        ? Expression.Cast.FailureBehavior.FAILURE_BEHAVIOR_RETURN_NULL
                        : Expression.Cast.FailureBehavior.FAILURE_BEHAVIOR_THROW_EXCEPTION;
        return Expression.newBuilder()
                .setCast(
                        Expression.Cast.newBuilder()
                                .setType(context.type(call.getType()))
                                .setInput(context.convert(call.getOperands().get(0)))
                                .setFailureBehavior(failure))
                .build();
    }
}
