package dev.ember.flink.format;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;

/**
 * The records between a native Calc and the fused sink it feeds: each holds the lines the Calc encoded for one batch,
 * separated by {@code \n}, without a line break after the last line ({@code data}); the sink's
 * {@code SerializationSchemaAdapter} writes a record as is and appends that last {@code \n}. A batch without rows
 * yields no record, so a chunk is never empty.
 */
public final class EncodedChunks {

    private EncodedChunks() {}

    /** {@code ROW<data BYTES NOT NULL>}, so a chunk can also cross a network edge. */
    public static final RowType TYPE =
            RowType.of(
                    new LogicalType[] {new VarBinaryType(false, VarBinaryType.MAX_LENGTH)},
                    new String[] {"data"});
}
