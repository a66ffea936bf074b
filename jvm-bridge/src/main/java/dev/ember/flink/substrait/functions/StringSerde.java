package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlTrimFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The string and regular-expression functions ({@code UPPER, SUBSTRING, TRIM, LIKE, REPLACE, LPAD, SPLIT_INDEX,
 * REGEXP_EXTRACT, ...}), converted one to one except TRIM. Whether a call is reproduced exactly (literal patterns, the
 * Java-to-Rust regex translation, argument types) is decided by the native builders at plan time, which return the
 * fallback reason.
 */
public final class StringSerde extends ScalarFunctionSerde {

    static final String TRIM = "trim";

    /**
     * Default-locale languages whose {@code String} case mapping differs from Ember's: dotted/dotless i (tr, az), the
     * Lithuanian dot (lt), Thai dictionary word breaks deciding the final sigma (th).
     */
    private static final Set<String> LOCALE_CASING_LANGUAGES = Set.of("tr", "az", "lt", "th");

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        if (TRIM.equals(substraitName)
                && !(call.getOperands().get(0) instanceof RexLiteral
                        && ((RexLiteral) call.getOperands().get(0)).getValue() instanceof SqlTrimFunction.Flag)) {
            return SupportLevel.unsupported("TRIM without a literal BOTH/LEADING/TRAILING mode is not supported");
        }
        if (("upper".equals(substraitName) || "lower".equals(substraitName))
                && LOCALE_CASING_LANGUAGES.contains(Locale.getDefault().getLanguage())) {
            // BinaryStringData falls back to String.toUpperCase()/toLowerCase(): the JVM default locale.
            return SupportLevel.unsupported("UPPER/LOWER follow the JVM default locale " + Locale.getDefault()
                    + ", whose case mapping differs from the root locale Ember implements");
        }
        return SupportLevel.COMPATIBLE;
    }

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        if (!TRIM.equals(substraitName)) {
            return super.convert(substraitName, call, context);
        }
        // Calcite's TRIM operands: (mode flag symbol, characters, string). The contract passes the mode as a string
        // literal "BOTH" / "LEADING" / "TRAILING".
        List<RexNode> operands = call.getOperands();
        SqlTrimFunction.Flag mode = (SqlTrimFunction.Flag) ((RexLiteral) operands.get(0)).getValue();
        List<Expression> args = new ArrayList<>();
        args.add(
                Expression.newBuilder()
                        .setLiteral(Expression.Literal.newBuilder().setString(mode.name()))
                        .build());
        args.add(context.convert(operands.get(1)));
        args.add(context.convert(operands.get(2)));
        return context.scalarFunction(substraitName, args, call.getType());
    }
}
