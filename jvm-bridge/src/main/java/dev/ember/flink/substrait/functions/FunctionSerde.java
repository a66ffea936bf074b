package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;

/**
 * Converts the calls of one function family to Substrait. One implementation per family (arithmetic, comparison,
 * logic, conditional, string, cast); {@link FunctionRegistry} says which Flink operator goes to which serde under which
 * Substrait name.
 */
public interface FunctionSerde {

    /**
     * Whether this particular call can run natively (operand types, literal-only arguments, …). Called before
     * {@link #convert}; the default accepts every call whose types are supported.
     */
    default SupportLevel supportLevel(String substraitName, RexCall call) {
        return SupportLevel.COMPATIBLE;
    }

    /**
     * What a registry name means when it is not a function of the extension YAML (whose descriptions say it), e.g. a
     * Substrait expression form; for the generated coverage table.
     */
    default String describe(String substraitName) {
        return null;
    }

    /** The Substrait expression for {@code call}. */
    Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException;
}
