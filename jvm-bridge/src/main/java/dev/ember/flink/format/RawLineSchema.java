package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;

import javax.annotation.Nullable;

/**
 * The "deserializer" a fused scan runs instead of its format's: it hands each line on untouched, as a one-field row
 * holding the line's bytes (the array the file reader made for it, not a copy). The native Calc downstream parses them.
 *
 * <p>An empty line yields no row, as in Flink's JSON format, so the reader's record counts (its checkpointed position)
 * match stock Flink's on well-formed input.
 */
public final class RawLineSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    /** The row type between a fused scan and its Calc: {@code ROW<line BYTES>}. */
    public static final RowType LINE_TYPE =
            RowType.of(new LogicalType[] {new VarBinaryType(false, VarBinaryType.MAX_LENGTH)}, new String[] {"line"});

    @Override
    @Nullable
    public RowData deserialize(byte[] message) {
        return message == null || message.length == 0 ? null : GenericRowData.of((Object) message);
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(LINE_TYPE);
    }

    /** Reads the line of a row made by {@link #deserialize} (or its serialized copy). */
    public static byte[] line(RowData row) {
        return row.getBinary(0);
    }
}
