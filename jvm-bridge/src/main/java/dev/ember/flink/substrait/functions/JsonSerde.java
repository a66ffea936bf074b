package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlJsonEmptyOrError;
import org.apache.calcite.sql.SqlJsonValueEmptyOrErrorBehavior;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.List;

/**
 * {@code JSON_VALUE} ({@code json_value}) and {@code IS [NOT] JSON [VALUE|OBJECT|ARRAY|SCALAR]} ({@code is_json_*},
 * negated with {@code not}). JSON_VALUE runs natively only with RETURNING STRING and the default {@code NULL ON EMPTY}
 * / {@code NULL ON ERROR} (explicit or implied): stock Flink's RETURNING of other types fails with a
 * ClassCastException on mismatching JSON types, and DEFAULT/ERROR behaviours are not reproduced.
 */
public final class JsonSerde implements FunctionSerde {

    static final String JSON_VALUE = "json_value";

    @Override
    public String describe(String substraitName) {
        String positive = notName(substraitName);
        return positive == null ? null : "NOT " + positive + "(...): the IS JSON test, negated (never NULL)";
    }

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        if (!JSON_VALUE.equals(substraitName)) {
            return SupportLevel.COMPATIBLE;
        }
        if (!SqlTypeUtil.inCharFamily(call.getType())) {
            return SupportLevel.unsupported("JSON_VALUE RETURNING " + call.getType() + " is not supported natively");
        }
        List<RexNode> operands = call.getOperands();
        for (int i = 2; i < operands.size(); i += 2) {
            if (i + 1 >= operands.size()
                    || !isSymbol(operands.get(i), SqlJsonValueEmptyOrErrorBehavior.NULL)
                    || !(isSymbol(operands.get(i + 1), SqlJsonEmptyOrError.EMPTY)
                            || isSymbol(operands.get(i + 1), SqlJsonEmptyOrError.ERROR))) {
                return SupportLevel.unsupported(
                        "JSON_VALUE with DEFAULT or ERROR ON EMPTY/ON ERROR is not supported natively");
            }
        }
        return SupportLevel.COMPATIBLE;
    }

    private static boolean isSymbol(RexNode node, Enum<?> symbol) {
        return node instanceof RexLiteral && ((RexLiteral) node).getValue() == symbol;
    }

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        List<RexNode> operands = call.getOperands();
        if (JSON_VALUE.equals(substraitName)) {
            // The NULL ON EMPTY / NULL ON ERROR symbols are the native default.
            return context.scalarFunction(
                    substraitName,
                    List.of(context.convert(operands.get(0)), context.convert(operands.get(1))),
                    call.getType());
        }
        String negated = notName(substraitName);
        if (negated == null) {
            return context.scalarFunction(substraitName, context.convertOperands(call), call.getType());
        }
        Expression isJson = context.scalarFunction(negated, context.convertOperands(call), call.getType());
        return context.scalarFunction("not", List.of(isJson), call.getType());
    }

    /** For {@code is_not_json_x}, the positive {@code is_json_x}; else null. */
    private static String notName(String substraitName) {
        return substraitName.startsWith("is_not_json_") ? "is_json_" + substraitName.substring("is_not_json_".length())
                : null;
    }
}
