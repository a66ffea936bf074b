package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;

/** Base of the families whose calls map one to one onto a Substrait {@code ScalarFunction} with the same operands. */
abstract class ScalarFunctionSerde implements FunctionSerde {

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        return context.scalarFunction(substraitName, context.convertOperands(call), call.getType());
    }
}
