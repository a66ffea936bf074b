package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;

import java.util.List;

/**
 * {@code CASE} (a Substrait {@code IfThen}, not a function) and {@code COALESCE} ({@code coalesce}). Both evaluate later
 * branches only on rows that need them (contract: lazy), which is why CASE must not become a plain function call.
 */
public final class ConditionalSerde implements FunctionSerde {

    /** The registry name of CASE; it has no YAML entry, it only keys the per-function switch. */
    public static final String IF_THEN = "if_then";

    @Override
    public String describe(String substraitName) {
        return IF_THEN.equals(substraitName)
                ? "a Substrait IfThen: lazy like Flink's generated CASE (a branch is evaluated only where taken)"
                : null;
    }

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        List<Expression> operands = context.convertOperands(call);
        if (!IF_THEN.equals(substraitName)) {
            return context.scalarFunction(substraitName, operands, call.getType());
        }
        // Calcite's CASE: (when1, then1, when2, then2, ..., else); the parser always adds the ELSE (NULL).
        Expression.IfThen.Builder ifThen = Expression.IfThen.newBuilder();
        int last = operands.size() - 1;
        for (int i = 0; i < last; i += 2) {
            ifThen.addIfs(
                    Expression.IfThen.IfClause.newBuilder().setIf(operands.get(i)).setThen(operands.get(i + 1)));
        }
        ifThen.setElse(operands.get(last));
        return Expression.newBuilder().setIfThen(ifThen).build();
    }
}
