package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The encoding format a fused sink writes with instead of the table's {@code json} format: its records are
 * {@link EncodedChunks} whose bytes the native Calc already encoded, so serializing one is handing over its bytes. The
 * connector wraps the schema in its {@code SerializationSchemaAdapter}, which appends the chunk's last {@code \n}.
 */
final class EncodedChunksFormat implements EncodingFormat<SerializationSchema<RowData>> {

    private final EncodingFormat<SerializationSchema<RowData>> stock;

    EncodedChunksFormat(EncodingFormat<SerializationSchema<RowData>> stock) {
        this.stock = stock;
    }

    @Override
    public SerializationSchema<RowData> createRuntimeEncoder(DynamicTableSink.Context context, DataType physicalType) {
        return new PassThrough();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return stock.getChangelogMode();
    }

    /** A chunk's bytes, as they are. */
    static final class PassThrough implements SerializationSchema<RowData> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(RowData chunk) {
            return chunk.getBinary(0);
        }
    }
}
