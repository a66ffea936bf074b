package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The bulk writer format a fused sink writes with instead of a bulk format such as {@code csv}: its records are
 * {@link EncodedChunks} whose lines the native Calc already encoded. The writer puts a chunk's bytes and the line break
 * after its last line into the part file, exactly what the stock bulk writer ({@code CsvBulkWriter}: one Jackson
 * generator per file, one line and {@code \n} per row, no header) writes for the same rows. The sink stays a bulk-format
 * sink (rolling on checkpoints, same part files and commits).
 */
final class EncodedChunksBulkFormat implements EncodingFormat<BulkWriter.Factory<RowData>> {

    private final EncodingFormat<BulkWriter.Factory<RowData>> stock;

    EncodedChunksBulkFormat(EncodingFormat<BulkWriter.Factory<RowData>> stock) {
        this.stock = stock;
    }

    @Override
    public BulkWriter.Factory<RowData> createRuntimeEncoder(DynamicTableSink.Context context, DataType physicalType) {
        return new Factory();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return stock.getChangelogMode();
    }

    /** Writers of chunks. */
    static final class Factory implements BulkWriter.Factory<RowData> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkWriter<RowData> create(FSDataOutputStream out) {
            return new Writer(out);
        }
    }

    /** Writes each chunk and its last line break; flushes and syncs as the stock writer does. */
    static final class Writer implements BulkWriter<RowData> {
        private final FSDataOutputStream out;

        Writer(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public void addElement(RowData chunk) throws java.io.IOException {
            out.write(chunk.getBinary(0));
            out.write('\n');
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void finish() throws java.io.IOException {
            out.flush();
            out.sync();
        }
    }
}
