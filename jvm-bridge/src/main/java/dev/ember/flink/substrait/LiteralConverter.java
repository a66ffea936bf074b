package dev.ember.flink.substrait;

import dev.ember.flink.substrait.types.SubstraitTypes;

import io.substrait.proto.Expression;
import io.substrait.proto.Type;

import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

import com.google.protobuf.ByteString;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Calcite literals to Substrait literals of the literal's own (Flink) type, with the contract's encodings: DECIMAL as
 * 16-byte little-endian two's complement plus precision/scale, DATE as days since epoch, TIMESTAMP(p) as precision plus
 * the value in units of 10^-p seconds, NULL as a typed null.
 */
final class LiteralConverter {

    private LiteralConverter() {}

    static Expression convert(RexLiteral literal, LogicalType type) throws UnsupportedExpressionException {
        Type substraitType = SubstraitTypes.toSubstrait(type);
        if (substraitType == null) {
            throw new UnsupportedExpressionException(SubstraitTypes.unsupportedReason(type));
        }
        Expression.Literal.Builder b = Expression.Literal.newBuilder();
        if (literal.isNull()) {
            return wrap(b.setNull(substraitType));
        }
        b.setNullable(type.isNullable());
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                b.setBoolean(literal.getValueAs(Boolean.class));
                break;
            case TINYINT:
                b.setI8(literal.getValueAs(Long.class).intValue());
                break;
            case SMALLINT:
                b.setI16(literal.getValueAs(Long.class).intValue());
                break;
            case INTEGER:
                b.setI32(literal.getValueAs(Long.class).intValue());
                break;
            case BIGINT:
                b.setI64(literal.getValueAs(Long.class));
                break;
            case FLOAT:
                b.setFp32(literal.getValueAs(Double.class).floatValue());
                break;
            case DOUBLE:
                b.setFp64(literal.getValueAs(Double.class));
                break;
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                // Flink's generated literal: DecimalData.fromBigDecimal, i.e. HALF_UP to the type's scale (a planner
                // rewrite can leave a value with more digits than its type, e.g. 1E-18 typed DECIMAL(5, 0)).
                BigDecimal value =
                        literal.getValueAs(BigDecimal.class).setScale(decimal.getScale(), RoundingMode.HALF_UP);
                if (value.precision() > decimal.getPrecision()) {
                    throw new UnsupportedExpressionException(
                            "DECIMAL literal " + literal + " does not fit its type " + decimal);
                }
                b.setDecimal(
                        Expression.Literal.Decimal.newBuilder()
                                .setValue(ByteString.copyFrom(littleEndian16(value.unscaledValue())))
                                .setPrecision(decimal.getPrecision())
                                .setScale(decimal.getScale()));
                break;
            case CHAR:
                b.setFixedChar(literal.getValueAs(String.class));
                break;
            case VARCHAR:
                String s = literal.getValueAs(String.class);
                int length = ((VarCharType) type).getLength();
                if (length == VarCharType.MAX_LENGTH) {
                    b.setString(s);
                } else {
                    b.setVarChar(Expression.Literal.VarChar.newBuilder().setValue(s).setLength(length));
                }
                break;
            case BINARY:
                b.setFixedBinary(ByteString.copyFrom(binary(literal)));
                break;
            case VARBINARY:
                b.setBinary(ByteString.copyFrom(binary(literal)));
                break;
            case DATE:
                b.setDate(literal.getValueAs(Integer.class));
                break;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int precision = ((TimestampType) type).getPrecision();
                b.setPrecisionTimestamp(timestamp(literal, precision));
                break;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                // Calcite keeps a TIMESTAMP_LTZ literal as the UTC instant's wall-clock string.
                int ltzPrecision = ((LocalZonedTimestampType) type).getPrecision();
                b.setPrecisionTimestampTz(timestamp(literal, ltzPrecision));
                break;
            default:
                throw new UnsupportedExpressionException(
                        "literal of type " + type.asSummaryString() + " is not supported natively");
        }
        return wrap(b);
    }

    private static Expression wrap(Expression.Literal.Builder literal) {
        return Expression.newBuilder().setLiteral(literal).build();
    }

    private static byte[] binary(RexLiteral literal) {
        return literal.getValueAs(org.apache.calcite.avatica.util.ByteString.class).getBytes();
    }

    /** Precision plus value in units of 10^-precision seconds since the epoch (UTC wall clock). */
    private static Expression.Literal.PrecisionTimestamp timestamp(RexLiteral literal, int precision) {
        TimestampString ts = literal.getValueAs(TimestampString.class);
        LocalDateTime dateTime = LocalDateTime.parse(ts.toString().replace(' ', 'T'));
        BigInteger units =
                BigInteger.valueOf(dateTime.toEpochSecond(ZoneOffset.UTC))
                        .multiply(BigInteger.TEN.pow(precision))
                        .add(BigInteger.valueOf(dateTime.getNano()).divide(BigInteger.TEN.pow(9 - precision)));
        return Expression.Literal.PrecisionTimestamp.newBuilder()
                .setPrecision(precision)
                .setValue(units.longValueExact())
                .build();
    }

    /** Two's complement, little endian, sign-extended to 16 bytes (Substrait's decimal literal encoding). */
    static byte[] littleEndian16(BigInteger unscaled) {
        byte[] bigEndian = unscaled.toByteArray();
        byte[] out = new byte[16];
        byte fill = unscaled.signum() < 0 ? (byte) 0xFF : 0;
        for (int i = 0; i < 16; i++) {
            int j = bigEndian.length - 1 - i;
            out[i] = j >= 0 ? bigEndian[j] : fill;
        }
        return out;
    }
}
