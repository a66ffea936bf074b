package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import javax.annotation.Nullable;

/**
 * Stands in, inside a fused scan, for the file connector's reader of a line format (e.g. {@code json}): the connector
 * then reads chunks of raw lines ({@link RawLinesBulkFormat}) instead of decoding rows. The stock format's own
 * deserializer is still created, with exactly the arguments the connector passes it, and kept for the native Calc:
 * it decodes any batch the native parser leaves to Flink, so odd input gets Flink's rows and errors.
 */
final class RawLinesFormat implements ProjectableDecodingFormat<BulkFormat<RowData, FileSourceSplit>> {

    private final ProjectableDecodingFormat<DeserializationSchema<RowData>> stock;
    private final int linesPerChunk;

    /** Set when the scan is translated, which happens before its (fused) Calc is. */
    @Nullable private DeserializationSchema<RowData> stockSchema;

    RawLinesFormat(ProjectableDecodingFormat<DeserializationSchema<RowData>> stock, int linesPerChunk) {
        this.stock = stock;
        this.linesPerChunk = linesPerChunk;
    }

    @Override
    public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
        stockSchema = stock.createRuntimeDecoder(context, physicalDataType, projections);
        return new RawLinesBulkFormat(linesPerChunk);
    }

    @Override
    public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType) {
        return createRuntimeDecoder(context, physicalDataType, Projection.all(physicalDataType).toNestedIndexes());
    }

    @Override
    public boolean supportsNestedProjection() {
        return stock.supportsNestedProjection();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return stock.getChangelogMode();
    }

    /** Flink's deserializer for the scan's rows; only after the scan was translated. */
    DeserializationSchema<RowData> stockSchema() {
        if (stockSchema == null) {
            throw new IllegalStateException("the fused scan was not translated before its Calc");
        }
        return stockSchema;
    }

    /** True if {@code format} can be wrapped (the connector then passes it the projection). */
    static boolean canWrap(@Nullable DecodingFormat<?> format) {
        return format instanceof ProjectableDecodingFormat;
    }
}
