package dev.ember.flink.runtime;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PrunedRowWriter} writes exactly the referenced fields as {@link RowDataSerializer#toBinaryRow} would, and NULL
 * everywhere else, for every field kind it special-cases and nested rows read in part.
 */
class PrunedRowWriterTest {

    private static final RowType NESTED = RowType.of(
            new LogicalType[] {new BigIntType(), VarCharType.STRING_TYPE, new TimestampType(3)},
            new String[] {"id", "name", "ts"});
    private static final RowType TYPE = RowType.of(
            new LogicalType[] {
                new IntType(), VarCharType.STRING_TYPE, new DecimalType(10, 2), new DecimalType(30, 5),
                new TimestampType(9), new DoubleType(), new BooleanType(), new VarBinaryType(10), NESTED, NESTED
            },
            new String[] {"i", "s", "d", "big", "ts", "dbl", "b", "bin", "n1", "n2"});

    private static GenericRowData row(long id) {
        GenericRowData nested = GenericRowData.of(
                id, StringData.fromString("name-" + id), TimestampData.fromEpochMillis(1_700_000_000_000L + id));
        GenericRowData r = GenericRowData.of(
                (int) id, StringData.fromString("text " + id + " ü"),
                DecimalData.fromUnscaledLong(12345 + id, 10, 2),
                DecimalData.fromBigDecimal(new java.math.BigDecimal("123456789012345678901.5").add(
                        java.math.BigDecimal.valueOf(id)), 30, 5),
                TimestampData.fromEpochMillis(-86_400_000L * id, 123_456), id / 3.0, id % 2 == 0,
                new byte[] {1, 2, (byte) id}, nested, nested);
        r.setRowKind(RowKind.UPDATE_AFTER);
        return r;
    }

    @Test
    void writesReferencedFieldsLikeFlinkAndNullsTheRest() {
        // all of i, s, d, big, ts, dbl, b, bin; n1.name and n1.ts; nothing of n2
        int[] paths = {1, 0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 2, 8, 1, 2, 8, 2};
        PrunedRowWriter writer = PrunedRowWriter.forPaths(TYPE, paths);
        RowDataSerializer serializer = new RowDataSerializer(TYPE);
        RowData.FieldGetter[] getters = new RowData.FieldGetter[8];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(TYPE.getTypeAt(i), i);
        }
        for (long id = 0; id < 50; id++) {
            GenericRowData input = row(id);
            if (id % 5 == 0) {
                input.setField((int) (id % 8), null);
            }
            BinaryRowData expected = serializer.toBinaryRow(input).copy();
            BinaryRowData actual = writer.write(input);
            assertThat(actual.getRowKind()).isEqualTo(RowKind.UPDATE_AFTER);
            for (int i = 0; i < getters.length; i++) {
                assertThat(getters[i].getFieldOrNull(actual)).as("field %d of row %d", i, id)
                        .isEqualTo(getters[i].getFieldOrNull(expected));
            }
            RowData n1 = actual.getRow(8, 3);
            assertThat(n1.isNullAt(0)).isTrue();
            assertThat(n1.getString(1)).isEqualTo(expected.getRow(8, 3).getString(1));
            assertThat(n1.getTimestamp(2, 3)).isEqualTo(expected.getRow(8, 3).getTimestamp(2, 3));
            assertThat(actual.isNullAt(9)).isTrue();
        }
    }

    @Test
    void copiesNestedRowsThatAreAlreadyBinary() {
        PrunedRowWriter writer = PrunedRowWriter.forPaths(TYPE, new int[] {2, 9, 0});
        GenericRowData input = row(7);
        BinaryRowData nested = new RowDataSerializer(NESTED).toBinaryRow(
                GenericRowData.of(7L, StringData.fromString("x"), null)).copy();
        input.setField(9, nested);
        RowData n2 = writer.write(input).getRow(9, 3);
        assertThat(n2.getLong(0)).isEqualTo(7L);
        assertThat(n2.getString(1).toString()).isEqualTo("x");
        assertThat(n2.isNullAt(2)).isTrue();
    }
}
