package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;
import dev.ember.flink.substrait.types.SubstraitTypes;

import io.substrait.proto.Expression;
import io.substrait.proto.FunctionArgument;

import org.apache.flink.table.types.logical.BigIntType;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporal functions: {@code EXTRACT} (and YEAR, MONTH, HOUR, ..., which Calcite rewrites to it) as {@code extract},
 * {@code FLOOR/CEIL(x TO unit)} as {@code timestamp_floor/timestamp_ceil}, {@code DATE_FORMAT(ts, pattern)} as
 * {@code date_format}, and datetime +/- interval (Calcite's
 * {@code DATETIME_PLUS} / {@code MINUS_DATE}, also what TIMESTAMPADD becomes) as {@code add_millis/add_months},
 * {@code TO_TIMESTAMP(str)} / {@code TO_DATE(str)}, and TIMESTAMPDIFF, which Calcite rewrites to
 * {@code CAST(Reinterpret(b - a) /INT k AS INTEGER)}: the {@code Reinterpret(b - a)} becomes
 * {@code datetime_diff_millis/datetime_diff_months(b, a)}, {@code /INT} is {@code divide_integer}.
 *
 * <p>Contract details (see {@code native/kernels/src/temporal/mod.rs}): a time unit symbol travels as the string
 * literal of its {@code TimeUnitRange} name; an INTERVAL operand is lowered to Flink's internal value (BIGINT millis or
 * INT months; the function name says which), so INTERVAL needs no contract type; a TIMESTAMP_LTZ operand gets the
 * session zone's UTC offset in seconds as a trailing INT literal, and zones whose offset varies (DST, historic
 * changes) are refused rather than approximated.
 */
public final class TemporalSerde implements FunctionSerde {

    public static final String EXTRACT = "extract";
    public static final String FLOOR = "timestamp_floor";
    public static final String CEIL = "timestamp_ceil";
    public static final String PLUS = "add_millis";
    public static final String DATE_FORMAT = "date_format";
    /** Registered for {@code MINUS_DATE}; converted to {@code add_millis/add_months} with a negated interval. */
    public static final String MINUS = "datetime_minus";
    public static final String TO_TIMESTAMP = "to_timestamp";
    public static final String TO_DATE = "to_date";
    /**
     * Registered for {@code REINTERPRET}: only {@code Reinterpret(x - y)} of two datetimes (TIMESTAMPDIFF's rewrite),
     * sent as {@code datetime_diff_millis/datetime_diff_months(x, y)} by the interval kind of the difference.
     */
    public static final String DIFF = "datetime_diff_millis";

    private static final String ADD_MONTHS = "add_months";
    private static final String DIFF_MONTHS = "datetime_diff_months";

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        List<RexNode> operands = call.getOperands();
        switch (substraitName) {
            case FLOOR:
            case CEIL:
                return SupportLevel.COMPATIBLE; // MathSerde hands over the two-operand form only
            case DATE_FORMAT:
                SqlTypeName input = operands.get(0).getType().getSqlTypeName();
                if (input != SqlTypeName.TIMESTAMP && input != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                    return SupportLevel.unsupported(
                            "DATE_FORMAT on " + input + " is not supported natively (only TIMESTAMP/TIMESTAMP_LTZ)");
                }
                if (operands.size() != 2 || !(operands.get(1) instanceof RexLiteral)) {
                    return SupportLevel.unsupported("DATE_FORMAT needs a literal pattern natively");
                }
                return SupportLevel.COMPATIBLE;
            case PLUS:
            case MINUS:
                return plusMinusSupport(call, MINUS.equals(substraitName));
            case TO_TIMESTAMP:
            case TO_DATE:
                if (operands.size() != 1) {
                    return SupportLevel.unsupported(
                            FunctionRegistry.sqlName(call.getOperator())
                                    + " with a format is not supported natively (java.time pattern with a"
                                    + " java.sql.Timestamp fallback / lenient SimpleDateFormat)");
                }
                return SupportLevel.COMPATIBLE;
            case DIFF:
                return datetimeDifference(operands.get(0)) != null
                        ? SupportLevel.COMPATIBLE
                        : SupportLevel.unsupported(
                                "REINTERPRET of " + operands.get(0) + " is not supported natively (only the"
                                        + " datetime difference of TIMESTAMPDIFF)");
            default:
                return SupportLevel.COMPATIBLE;
        }
    }

    /** Datetime +/- interval: a literal interval (or literal * INT for +); YEAR TO MONTH not on TIMESTAMP_LTZ. */
    static SupportLevel plusMinusSupport(RexCall call, boolean minus) {
        List<RexNode> operands = call.getOperands();
        RexNode interval = operands.get(1);
        SqlTypeName input = operands.get(0).getType().getSqlTypeName();
        if (!SqlTypeUtil.isInterval(interval.getType())
                || !(SqlTypeUtil.isDatetime(operands.get(0).getType())
                        || input == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)) {
            return SupportLevel.unsupported(
                    "datetime arithmetic " + call + " is not supported natively (only datetime +/- interval)");
        }
        if (input == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                && interval.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
            return SupportLevel.unsupported(
                    "TIMESTAMP_LTZ +/- INTERVAL YEAR TO MONTH is not supported natively (it depends on the session"
                            + " time zone)");
        }
        if (interval instanceof RexLiteral || (!minus && scaledInterval(interval) != null)) {
            return SupportLevel.COMPATIBLE;
        }
        return SupportLevel.unsupported("interval " + interval + " is not a literal (or literal * INT)");
    }

    /** {@code x - y} of two datetimes typed as an interval (what TIMESTAMPDIFF reinterprets), or null. */
    private static RexCall datetimeDifference(RexNode node) {
        if (!(node instanceof RexCall) || node.getKind() != SqlKind.MINUS || !SqlTypeUtil.isInterval(node.getType())) {
            return null;
        }
        for (RexNode operand : ((RexCall) node).getOperands()) {
            SqlTypeName type = operand.getType().getSqlTypeName();
            if (type != SqlTypeName.DATE
                    && type != SqlTypeName.TIMESTAMP
                    && type != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                return null;
            }
        }
        return (RexCall) node;
    }

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        List<RexNode> operands = call.getOperands();
        List<Expression> args = new ArrayList<>();
        switch (substraitName) {
            case EXTRACT:
                args.add(stringLiteral(unitName(operands.get(0))));
                args.add(context.convert(operands.get(1)));
                addZoneOffset(operands.get(1), args, context);
                return context.scalarFunction(substraitName, args, call.getType());
            case FLOOR:
            case CEIL:
                args.add(context.convert(operands.get(0)));
                args.add(stringLiteral(unitName(operands.get(1))));
                addZoneOffset(operands.get(0), args, context);
                return context.scalarFunction(substraitName, args, call.getType());
            case DATE_FORMAT:
                args.add(context.convert(operands.get(0)));
                args.add(stringLiteral(((RexLiteral) operands.get(1)).getValueAs(String.class)));
                addZoneOffset(operands.get(0), args, context);
                return context.scalarFunction(substraitName, args, call.getType());
            case TO_TIMESTAMP:
            case TO_DATE:
                args.add(context.convert(operands.get(0)));
                return context.scalarFunction(substraitName, args, call.getType());
            case DIFF:
                RexCall difference = datetimeDifference(operands.get(0));
                args.add(context.convert(difference.getOperands().get(0)));
                args.add(context.convert(difference.getOperands().get(1)));
                boolean months = difference.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
                return context.scalarFunction(months ? DIFF_MONTHS : DIFF, args, call.getType());
            default:
                return datetimePlus(MINUS.equals(substraitName), call, context);
        }
    }

    /** {@code x +/- interval} as {@code add_millis(x, millis)} or {@code add_months(x, months)}. */
    static Expression datetimePlus(boolean minus, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        RexNode interval = call.getOperands().get(1);
        boolean months = interval.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
        List<Expression> args = new ArrayList<>();
        args.add(context.convert(call.getOperands().get(0)));
        if (interval instanceof RexLiteral) {
            BigDecimal value = ((RexLiteral) interval).getValueAs(BigDecimal.class);
            if (value == null) {
                throw new UnsupportedExpressionException("NULL interval literal is not supported natively");
            }
            if (minus) {
                value = value.negate();
            }
            args.add(months ? intLiteral(value.intValueExact()) : longLiteral(value.longValueExact()));
        } else {
            // TIMESTAMPADD(unit, n, x) arrives as x + (INTERVAL '1' unit * n): Flink multiplies in the interval's
            // internal type (int months wrap like Java ints, long millis), which the native multiply reproduces.
            RexCall scaled = scaledInterval(interval);
            boolean literalFirst = scaled.getOperands().get(0) instanceof RexLiteral;
            RexNode count = scaled.getOperands().get(literalFirst ? 1 : 0);
            BigDecimal perUnit = ((RexLiteral) scaled.getOperands().get(literalFirst ? 0 : 1)).getValueAs(BigDecimal.class);
            Expression countExpr = context.convert(count);
            io.substrait.proto.Type productType = context.type(count.getType());
            Expression factor;
            if (months) {
                factor = intLiteral(perUnit.intValueExact());
            } else {
                productType = SubstraitTypes.toSubstrait(new BigIntType(count.getType().isNullable()));
                countExpr =
                        Expression.newBuilder()
                                .setCast(
                                        Expression.Cast.newBuilder()
                                                .setType(productType)
                                                .setInput(countExpr)
                                                .setFailureBehavior(
                                                        Expression.Cast.FailureBehavior
                                                                .FAILURE_BEHAVIOR_THROW_EXCEPTION))
                                .build();
                factor = longLiteral(perUnit.longValueExact());
            }
            Expression.ScalarFunction.Builder multiply =
                    Expression.ScalarFunction.newBuilder()
                            .setFunctionReference(context.functionReference("multiply"))
                            .setOutputType(productType)
                            .addArguments(FunctionArgument.newBuilder().setValue(countExpr))
                            .addArguments(FunctionArgument.newBuilder().setValue(factor));
            args.add(Expression.newBuilder().setScalarFunction(multiply).build());
        }
        return context.scalarFunction(months ? ADD_MONTHS : PLUS, args, call.getType());
    }

    /** {@code INTERVAL literal * n} (either order) with an INT count, or null. */
    private static RexCall scaledInterval(RexNode node) {
        if (!(node instanceof RexCall) || node.getKind() != SqlKind.TIMES) {
            return null;
        }
        List<RexNode> ops = ((RexCall) node).getOperands();
        for (int i = 0; i < 2; i++) {
            RexNode literal = ops.get(i);
            RexNode count = ops.get(1 - i);
            if (literal instanceof RexLiteral
                    && SqlTypeUtil.isInterval(literal.getType())
                    && !((RexLiteral) literal).isNull()
                    && count.getType().getSqlTypeName() == SqlTypeName.INTEGER) {
                return (RexCall) node;
            }
        }
        return null;
    }

    /** Appends the session zone offset for a TIMESTAMP_LTZ operand; refuses zones without a fixed offset. */
    private static void addZoneOffset(RexNode operand, List<Expression> args, ConversionContext context)
            throws UnsupportedExpressionException {
        if (operand.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            return;
        }
        ZoneId zone = context.sessionZone();
        if (!zone.getRules().isFixedOffset()) {
            throw new UnsupportedExpressionException(
                    "TIMESTAMP_LTZ functions need a fixed-offset session time zone natively, not " + zone);
        }
        args.add(intLiteral(zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds()));
    }

    private static String unitName(RexNode symbol) throws UnsupportedExpressionException {
        if (!(symbol instanceof RexLiteral) || !(((RexLiteral) symbol).getValue() instanceof Enum)) {
            throw new UnsupportedExpressionException("time unit " + symbol + " is not a symbol literal");
        }
        return ((Enum<?>) ((RexLiteral) symbol).getValue()).name();
    }

    private static Expression stringLiteral(String s) {
        return Expression.newBuilder().setLiteral(Expression.Literal.newBuilder().setString(s)).build();
    }

    private static Expression intLiteral(int v) {
        return Expression.newBuilder().setLiteral(Expression.Literal.newBuilder().setI32(v)).build();
    }

    private static Expression longLiteral(long v) {
        return Expression.newBuilder().setLiteral(Expression.Literal.newBuilder().setI64(v)).build();
    }
}
