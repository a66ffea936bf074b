package dev.ember.flink.format;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;

/**
 * The records between a fused scan and its native Calc: each holds a chunk of a file's lines, without their line
 * breaks, back to back ({@code data}), and where each line ends ({@code ends}: little-endian ints, one per line,
 * relative to {@code data}). One record per chunk instead of one per line keeps per-line work in Java to a copy.
 */
public final class LineChunks {

    private LineChunks() {}

    /** {@code ROW<data BYTES, ends BYTES>}, so a chunk can also cross a network edge. */
    public static final RowType TYPE =
            RowType.of(
                    new LogicalType[] {
                        new VarBinaryType(false, VarBinaryType.MAX_LENGTH),
                        new VarBinaryType(false, VarBinaryType.MAX_LENGTH)
                    },
                    new String[] {"data", "ends"});

    static RowData of(byte[] data, byte[] ends) {
        return GenericRowData.of(data, ends);
    }

    public static byte[] data(RowData chunk) {
        return chunk.getBinary(0);
    }

    public static byte[] ends(RowData chunk) {
        return chunk.getBinary(1);
    }
}
