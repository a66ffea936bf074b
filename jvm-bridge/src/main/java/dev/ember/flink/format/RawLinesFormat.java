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
 * Stands in, inside a fused scan, for the file connector's reader of a line format (e.g. {@code json}) or of
 * {@code csv}: the connector then reads chunks of raw records ({@link RawLinesBulkFormat}) instead of decoding rows.
 * The stock format's own decoder is still created, with exactly the arguments the connector passes it, and kept for
 * the native Calc as a deserializer of one record: it decodes any batch the native parser leaves to Flink, so odd
 * input gets Flink's rows and errors.
 */
final class RawLinesFormat implements ProjectableDecodingFormat<BulkFormat<RowData, FileSourceSplit>> {

    /** Flink's decoder of one raw record, from the arguments the connector passes the format. */
    @FunctionalInterface
    interface StockDecoder {
        DeserializationSchema<RowData> create(
                DynamicTableSource.Context context, DataType physicalDataType, int[][] projections);
    }

    private final DecodingFormat<?> stock;
    private final StockDecoder stockDecoder;
    private final RecordSyntax syntax;
    private final int linesPerChunk;

    /** Set when the scan is translated, which happens before its (fused) Calc is. */
    @Nullable private DeserializationSchema<RowData> stockSchema;

    private RawLinesFormat(DecodingFormat<?> stock, StockDecoder stockDecoder, RecordSyntax syntax, int linesPerChunk) {
        this.stock = stock;
        this.stockDecoder = stockDecoder;
        this.syntax = syntax;
        this.linesPerChunk = linesPerChunk;
    }

    /** A line format read by Flink's {@code DeserializationSchemaAdapter} (one deserializer call per line). */
    static RawLinesFormat lines(ProjectableDecodingFormat<DeserializationSchema<RowData>> stock, int linesPerChunk) {
        return new RawLinesFormat(stock, stock::createRuntimeDecoder, RecordSyntax.LINES, linesPerChunk);
    }

    /** A format whose records end where {@code syntax} says, decoded by {@code stockDecoder} when left to Flink. */
    static RawLinesFormat records(
            DecodingFormat<?> stock, StockDecoder stockDecoder, RecordSyntax syntax, int linesPerChunk) {
        return new RawLinesFormat(stock, stockDecoder, syntax, linesPerChunk);
    }

    @Override
    public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
        stockSchema = stockDecoder.create(context, physicalDataType, projections);
        return new RawLinesBulkFormat(linesPerChunk, syntax);
    }

    @Override
    public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType) {
        return createRuntimeDecoder(context, physicalDataType, Projection.all(physicalDataType).toNestedIndexes());
    }

    @Override
    public boolean supportsNestedProjection() {
        return ((ProjectableDecodingFormat<?>) stock).supportsNestedProjection();
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
