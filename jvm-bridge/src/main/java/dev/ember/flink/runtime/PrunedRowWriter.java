package dev.ember.flink.runtime;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.writer.BinaryRowWriter;
import org.apache.flink.table.data.writer.BinaryWriter;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a row that is not in binary form ({@code GenericRowData} from a source or a format,
 * {@code BoxedWrapperRowData} from a stock Calc) as a {@link BinaryRowData} holding only the fields the native Calc
 * reads; every other field is NULL. The layout (arity, offsets) is the input type's, so the native decoder reads it
 * like any input row; it never looks at the fields left out (its projection is built from the same paths).
 *
 * <p>This replaces {@link RowDataSerializer#toBinaryRow}, which serializes every field: a Calc reading two fields of a
 * Nexmark event paid for writing three nested rows and their strings. Each field's accessors are chosen once, not per
 * value; the row and its writers are reused.
 */
final class PrunedRowWriter {

    private final BinaryRowData row;
    private final BinaryRowWriter writer;
    private final FieldWriter[] fields;

    private PrunedRowWriter(int arity, FieldWriter[] fields) {
        this.row = new BinaryRowData(arity);
        this.writer = new BinaryRowWriter(row);
        this.fields = fields;
    }

    /**
     * A writer for rows of {@code type} reading the fields at {@code paths}: {@code [i]} is all of field {@code i},
     * {@code [i, j, ...]} only nested field {@code j} (and so on down) of ROW field {@code i}. Flattened as
     * {@code [length, index...]} per path, as {@code NativeBridge.referencedPaths} returns them.
     */
    static PrunedRowWriter forPaths(RowType type, int[] flatPaths) {
        List<int[]> paths = new ArrayList<>();
        for (int at = 0; at < flatPaths.length; at += flatPaths[at] + 1) {
            int[] path = new int[flatPaths[at]];
            System.arraycopy(flatPaths, at + 1, path, 0, path.length);
            paths.add(path);
        }
        return create(type, paths, 0);
    }

    private static PrunedRowWriter create(RowType type, List<int[]> paths, int depth) {
        int arity = type.getFieldCount();
        FieldWriter[] fields = new FieldWriter[arity];
        for (int i = 0; i < arity; i++) {
            List<int[]> nested = new ArrayList<>();
            boolean whole = false;
            for (int[] path : paths) {
                if (path[depth] == i) {
                    if (path.length == depth + 1) {
                        whole = true;
                    } else {
                        nested.add(path);
                    }
                }
            }
            LogicalType fieldType = type.getTypeAt(i);
            if (whole) {
                fields[i] = whole(fieldType, i);
            } else if (!nested.isEmpty()) {
                fields[i] = nestedRow((RowType) fieldType, i, create((RowType) fieldType, nested, depth + 1));
            } else {
                fields[i] = null;
            }
        }
        return new PrunedRowWriter(arity, fields);
    }

    /** A writer of every field of {@code type}, nested rows included. */
    private static PrunedRowWriter complete(RowType type) {
        FieldWriter[] fields = new FieldWriter[type.getFieldCount()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = whole(type.getTypeAt(i), i);
        }
        return new PrunedRowWriter(fields.length, fields);
    }

    /** The pruned binary form of {@code from}, valid until the next call. */
    BinaryRowData write(RowData from) {
        writer.reset();
        writer.writeRowKind(from.getRowKind());
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null || from.isNullAt(i)) {
                writer.setNullAt(i);
            } else {
                fields[i].write(writer, from);
            }
        }
        writer.complete();
        return row;
    }

    /** Writes one non-NULL field of {@code from}. */
    private interface FieldWriter {
        void write(BinaryRowWriter writer, RowData from);
    }

    /** Writes field {@code pos} completely, with the accessor pair of its type (no boxing for primitives). */
    private static FieldWriter whole(LogicalType type, int pos) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (writer, from) -> writer.writeBoolean(pos, from.getBoolean(pos));
            case TINYINT:
                return (writer, from) -> writer.writeByte(pos, from.getByte(pos));
            case SMALLINT:
                return (writer, from) -> writer.writeShort(pos, from.getShort(pos));
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
            case INTERVAL_YEAR_MONTH:
                return (writer, from) -> writer.writeInt(pos, from.getInt(pos));
            case BIGINT:
            case INTERVAL_DAY_TIME:
                return (writer, from) -> writer.writeLong(pos, from.getLong(pos));
            case FLOAT:
                return (writer, from) -> writer.writeFloat(pos, from.getFloat(pos));
            case DOUBLE:
                return (writer, from) -> writer.writeDouble(pos, from.getDouble(pos));
            case CHAR:
            case VARCHAR:
                return (writer, from) -> writer.writeString(pos, from.getString(pos));
            case BINARY:
            case VARBINARY:
                return (writer, from) -> writer.writeBinary(pos, from.getBinary(pos));
            case DECIMAL: {
                int precision = LogicalTypeChecks.getPrecision(type);
                int scale = LogicalTypeChecks.getScale(type);
                return (writer, from) -> writer.writeDecimal(pos, from.getDecimal(pos, precision, scale), precision);
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
                int precision = LogicalTypeChecks.getPrecision(type);
                return (writer, from) -> writer.writeTimestamp(pos, from.getTimestamp(pos, precision), precision);
            }
            case ROW:
                return nestedRow((RowType) type, pos, complete((RowType) type));
            default: {
                // Arrays, maps, raw values: Flink's generic writer.
                RowData.FieldGetter getter = RowData.createFieldGetter(type, pos);
                TypeSerializer<?> serializer = InternalSerializers.create(type);
                return (writer, from) -> BinaryWriter.write(writer, pos, getter.getFieldOrNull(from), type, serializer);
            }
        }
    }

    private static FieldWriter nestedRow(RowType type, int pos, PrunedRowWriter nested) {
        int arity = type.getFieldCount();
        RowDataSerializer serializer = new RowDataSerializer(type);
        return (writer, from) -> {
            RowData value = from.getRow(pos, arity);
            // Already binary: one copy of its bytes is cheaper than rewriting some of its fields.
            writer.writeRow(pos, value instanceof BinaryRowData ? value : nested.write(value), serializer);
        };
    }
}
