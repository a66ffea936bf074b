package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.UnsupportedExpressionException;

import io.substrait.proto.Expression;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.List;

/**
 * {@code ABS, SIGN, ROUND, FLOOR, CEIL, POWER/SQRT, HEX, BIN} ({@code abs, sign, round, floor, ceil, power, hex,
 * bin}) and {@code IF} (a Substrait {@code IfThen}, lazy like Flink's {@code IfCallGen}). Which argument types and
 * literals run natively is decided by the native builders (e.g. POWER only for the exponents 2 and 0.5, SIGN not on
 * TINYINT/SMALLINT); this serde only keeps the forms that are not numeric functions at all.
 */
public final class MathSerde extends ScalarFunctionSerde {

    /** The registry name of IF; like CASE it has no YAML entry (it becomes an IfThen). */
    static final String IF = "if";

    @Override
    public String describe(String substraitName) {
        return IF.equals(substraitName) ? "a Substrait IfThen: lazy like Flink's IfCallGen" : null;
    }

    /** FLOOR/CEIL(x TO unit) share their operator with the numeric FLOOR/CEIL(x); the temporal family takes them. */
    private static final TemporalSerde TEMPORAL = new TemporalSerde();

    /** {@code timestamp_floor/timestamp_ceil} for the two-operand FLOOR/CEIL, else null. */
    private static String temporalFloorCeil(String substraitName, RexCall call) {
        if (call.getOperands().size() != 2) {
            return null;
        }
        switch (substraitName) {
            case "floor":
                return TemporalSerde.FLOOR;
            case "ceil":
                return TemporalSerde.CEIL;
            default:
                return null;
        }
    }

    @Override
    public SupportLevel supportLevel(String substraitName, RexCall call) {
        List<RexNode> operands = call.getOperands();
        if ("round".equals(substraitName)) { // SqlFunctionUtils.sround goes through BigDecimal.valueOf(double)
            String reason = JavaDoubleText.unsupportedReason(operands.get(0).getType());
            if (reason != null) {
                return SupportLevel.unsupported(reason);
            }
        }
        if (IF.equals(substraitName)) {
            for (RexNode value : operands.subList(1, 3)) {
                if (!ifOperandConvertible(value, call.getType())) {
                    return SupportLevel.unsupported("IF with a " + value.getType() + " branch converted to "
                            + call.getType() + " is not supported natively");
                }
            }
            return SupportLevel.COMPATIBLE;
        }
        String temporalName = temporalFloorCeil(substraitName, call);
        if (temporalName != null) {
            return TEMPORAL.supportLevel(temporalName, call);
        }
        return SupportLevel.COMPATIBLE;
    }

    /**
     * IfCallGen casts each branch to the result type. Only expression casts (numeric to numeric) are evaluated inside
     * the branch; block casts run before the branch operand is computed (on the previous row's value), so other
     * conversions are only safe for literals.
     */
    private static boolean ifOperandConvertible(RexNode value, RelDataType result) {
        RelDataType type = value.getType();
        if (SqlTypeUtil.equalSansNullability(type, result)) {
            return isIfResultType(result);
        }
        if (SqlTypeUtil.isNumeric(type) && SqlTypeUtil.isNumeric(result)) {
            return true;
        }
        return value instanceof RexLiteral && SqlTypeUtil.inCharFamily(type) && SqlTypeUtil.inCharFamily(result);
    }

    /** Result types IF is generated for in stock Flink (FunctionGenerator) that the contract carries. */
    private static boolean isIfResultType(RelDataType type) {
        SqlTypeFamily family = type.getSqlTypeName().getFamily();
        return SqlTypeUtil.isNumeric(type)
                || SqlTypeUtil.inCharFamily(type)
                || family == SqlTypeFamily.DATE
                || family == SqlTypeFamily.TIMESTAMP;
    }

    @Override
    public Expression convert(String substraitName, RexCall call, ConversionContext context)
            throws UnsupportedExpressionException {
        String temporalName = temporalFloorCeil(substraitName, call);
        if (temporalName != null) {
            return TEMPORAL.convert(temporalName, call, context);
        }
        if (!IF.equals(substraitName)) {
            return super.convert(substraitName, call, context);
        }
        List<RexNode> operands = call.getOperands();
        Expression.IfThen ifThen = Expression.IfThen.newBuilder()
                .addIfs(Expression.IfThen.IfClause.newBuilder()
                        .setIf(context.convert(operands.get(0)))
                        .setThen(branch(operands.get(1), call.getType(), context)))
                .setElse(branch(operands.get(2), call.getType(), context))
                .build();
        return Expression.newBuilder().setIfThen(ifThen).build();
    }

    /** A branch value, cast to the result type (Flink's CAST rules) when its type differs. */
    private static Expression branch(RexNode value, RelDataType result, ConversionContext context)
            throws UnsupportedExpressionException {
        Expression converted = context.convert(value);
        if (SqlTypeUtil.equalSansNullability(value.getType(), result)) {
            return converted;
        }
        return Expression.newBuilder()
                .setCast(Expression.Cast.newBuilder()
                        .setType(context.type(result))
                        .setInput(converted)
                        .setFailureBehavior(Expression.Cast.FailureBehavior.FAILURE_BEHAVIOR_THROW_EXCEPTION))
                .build();
    }
}
