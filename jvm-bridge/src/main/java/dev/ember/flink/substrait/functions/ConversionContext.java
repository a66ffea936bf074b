package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;
import io.substrait.proto.Type;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What a {@link FunctionSerde} may use while converting one call: operand conversion, types and function anchors. */
public interface ConversionContext {

    /** Converts an operand (recursively). */
    Expression convert(RexNode node) throws UnsupportedExpressionException;

    /** The Substrait form of a Calcite type (via its Flink logical type). */
    Type type(RelDataType type) throws UnsupportedExpressionException;

    /** The session time zone ({@code table.local-time-zone}), which TIMESTAMP_LTZ semantics depend on. */
    ZoneId sessionZone();

    /** The plan-wide anchor of a function of the contract's YAML, declaring it on first use. */
    int functionReference(String substraitName);

    /** Converts all operands of {@code call}, in order. */
    default List<Expression> convertOperands(RexCall call) throws UnsupportedExpressionException {
        List<Expression> args = new ArrayList<>(call.getOperands().size());
        for (RexNode operand : call.getOperands()) {
            args.add(convert(operand));
        }
        return args;
    }

    /** A {@code ScalarFunction} calling {@code substraitName} with value arguments and Flink's result type. */
    default Expression scalarFunction(String substraitName, List<Expression> args, RelDataType outputType)
            throws UnsupportedExpressionException {
        Expression.ScalarFunction.Builder function =
                Expression.ScalarFunction.newBuilder()
                        .setFunctionReference(functionReference(substraitName))
                        .setOutputType(type(outputType));
        for (Expression arg : args) {
            function.addArguments(io.substrait.proto.FunctionArgument.newBuilder().setValue(arg));
        }
        return Expression.newBuilder().setScalarFunction(function).build();
    }
}
