package dev.ember.flink.substrait.types;

import io.substrait.proto.Type;
import io.substrait.proto.Type.Nullability;

import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

import javax.annotation.Nullable;

import java.util.List;

/**
 * The one mapping from Flink {@link LogicalType}s to Substrait types, exactly the type table of
 * {@code substrait-plans/README.md}. A type outside the table has no Substrait form here, which makes the Calc that
 * uses it fall back ({@link #unsupportedReason}).
 */
public final class SubstraitTypes {

    /** Highest fractional-second precision the native side handles (microseconds). */
    public static final int MAX_TIMESTAMP_PRECISION = 6;

    private SubstraitTypes() {}

    /** The Substrait type of {@code type}, or null if it is not supported natively. */
    @Nullable
    public static Type toSubstrait(LogicalType type) {
        Nullability n = type.isNullable() ? Nullability.NULLABILITY_NULLABLE : Nullability.NULLABILITY_REQUIRED;
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return Type.newBuilder().setBool(Type.Boolean.newBuilder().setNullability(n)).build();
            case TINYINT:
                return Type.newBuilder().setI8(Type.I8.newBuilder().setNullability(n)).build();
            case SMALLINT:
                return Type.newBuilder().setI16(Type.I16.newBuilder().setNullability(n)).build();
            case INTEGER:
                return Type.newBuilder().setI32(Type.I32.newBuilder().setNullability(n)).build();
            case BIGINT:
                return Type.newBuilder().setI64(Type.I64.newBuilder().setNullability(n)).build();
            case FLOAT:
                return Type.newBuilder().setFp32(Type.FP32.newBuilder().setNullability(n)).build();
            case DOUBLE:
                return Type.newBuilder().setFp64(Type.FP64.newBuilder().setNullability(n)).build();
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return Type.newBuilder()
                        .setDecimal(
                                Type.Decimal.newBuilder()
                                        .setPrecision(decimal.getPrecision())
                                        .setScale(decimal.getScale())
                                        .setNullability(n))
                        .build();
            case CHAR:
                return Type.newBuilder()
                        .setFixedChar(
                                Type.FixedChar.newBuilder().setLength(((CharType) type).getLength()).setNullability(n))
                        .build();
            case VARCHAR:
                int length = ((VarCharType) type).getLength();
                if (length == VarCharType.MAX_LENGTH) {
                    return Type.newBuilder().setString(Type.String.newBuilder().setNullability(n)).build();
                }
                return Type.newBuilder()
                        .setVarchar(Type.VarChar.newBuilder().setLength(length).setNullability(n))
                        .build();
            case BINARY:
                return Type.newBuilder()
                        .setFixedBinary(
                                Type.FixedBinary.newBuilder()
                                        .setLength(((BinaryType) type).getLength())
                                        .setNullability(n))
                        .build();
            case VARBINARY:
                return Type.newBuilder().setBinary(Type.Binary.newBuilder().setNullability(n)).build();
            case DATE:
                return Type.newBuilder().setDate(Type.Date.newBuilder().setNullability(n)).build();
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int precision = ((TimestampType) type).getPrecision();
                if (precision > MAX_TIMESTAMP_PRECISION) {
                    return null;
                }
                return Type.newBuilder()
                        .setPrecisionTimestamp(
                                Type.PrecisionTimestamp.newBuilder().setPrecision(precision).setNullability(n))
                        .build();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int ltzPrecision = ((LocalZonedTimestampType) type).getPrecision();
                if (ltzPrecision > MAX_TIMESTAMP_PRECISION) {
                    return null;
                }
                return Type.newBuilder()
                        .setPrecisionTimestampTz(
                                Type.PrecisionTimestampTZ.newBuilder().setPrecision(ltzPrecision).setNullability(n))
                        .build();
            case ROW:
                Type.Struct.Builder struct = Type.Struct.newBuilder().setNullability(n);
                for (RowType.RowField field : ((RowType) type).getFields()) {
                    Type fieldType = toSubstrait(field.getType());
                    if (fieldType == null) {
                        return null;
                    }
                    struct.addTypes(fieldType);
                }
                return Type.newBuilder().setStruct(struct).build();
            default:
                return null;
        }
    }

    /**
     * The reason a type (or the first unsupported type nested in it) cannot run natively, or null if it can:
     * "type TIME(0) is not supported natively".
     */
    @Nullable
    public static String unsupportedReason(LogicalType type) {
        if (toSubstrait(type) != null) {
            return null;
        }
        if (type instanceof RowType) {
            for (RowType.RowField field : ((RowType) type).getFields()) {
                String nested = unsupportedReason(field.getType());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return "type " + type.copy(true).asSummaryString() + " is not supported natively";
    }

    /**
     * The fields of a row as a Substrait {@code NamedStruct} would name them: depth first, nested ROW field names
     * right after their parent's name.
     */
    public static void appendNamesDepthFirst(RowType row, List<String> names) {
        for (RowType.RowField field : row.getFields()) {
            names.add(field.getName());
            if (field.getType() instanceof RowType) {
                appendNamesDepthFirst((RowType) field.getType(), names);
            }
        }
    }
}
