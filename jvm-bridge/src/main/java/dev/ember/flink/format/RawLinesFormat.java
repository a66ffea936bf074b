package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import javax.annotation.Nullable;

/**
 * Stands in for a file table's text format (e.g. {@code json}) inside a fused scan: the scan's reader then emits raw
 * lines ({@link RawLineSchema}) instead of decoded rows. The stock format's own deserializer is still created, with
 * exactly the arguments the connector passes, and kept for the native Calc: it decodes any batch the native parser
 * leaves to Flink, so odd input gets Flink's rows and errors.
 */
final class RawLinesFormat implements ProjectableDecodingFormat<DeserializationSchema<RowData>> {

    private final ProjectableDecodingFormat<DeserializationSchema<RowData>> stock;

    /** Set when the scan is translated, which happens before its (fused) Calc is. */
    @Nullable private DeserializationSchema<RowData> stockSchema;

    RawLinesFormat(ProjectableDecodingFormat<DeserializationSchema<RowData>> stock) {
        this.stock = stock;
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
        stockSchema = stock.createRuntimeDecoder(context, physicalDataType, projections);
        return new RawLineSchema();
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
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
