package dev.ember.flink.format;

import dev.ember.flink.config.EmberOptions;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNode;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeContext;
import org.apache.flink.table.planner.plan.nodes.exec.batch.BatchExecTableSourceScan;
import org.apache.flink.table.planner.plan.nodes.exec.common.CommonExecTableSourceScan;
import org.apache.flink.table.planner.plan.nodes.exec.spec.DynamicTableSourceSpec;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecTableSourceScan;
import org.apache.flink.table.planner.utils.ShortcutUtils;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

import javax.annotation.Nullable;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides whether a table scan can hand raw lines to the native Calc reading it, and builds that scan.
 *
 * <p>Eligible: a stock scan of a {@code filesystem} table in the {@code json} or {@code csv} format, not partitioned,
 * without metadata columns or a pushed-down LIMIT, whose columns and format options all have a native decoder (the
 * native side checks the options). The rewritten scan is the stock scan node
 * (same id, type, uid, name) over a copy of the same connector instance, push-downs applied, that reads chunks of raw
 * lines ({@link RawLinesFormat}); file enumeration, splits, monitoring and checkpointed positions stay Flink's.
 */
public final class ScanFusion {

    private static final String FILE_SYSTEM_SOURCE = "org.apache.flink.connector.file.table.FileSystemTableSource";

    private ScanFusion() {}

    /** The decision for one scan: {@code fused} or a {@code reason}, or neither for a scan that is not a candidate. */
    public record Decision(@Nullable FusedScan fused, @Nullable String reason) {
        static final Decision NOT_A_CANDIDATE = new Decision(null, null);

        static Decision stock(String reason) {
            return new Decision(null, reason);
        }
    }

    /**
     * @param scan the source of a Calc's only input edge; only {@link StreamExecTableSourceScan} and
     *     {@link BatchExecTableSourceScan} (exact classes, no inputs) are candidates
     */
    public static Decision decide(ExecNode<?> scan, PlannerBase planner, ReadableConfig config) {
        Class<?> type = scan.getClass();
        if ((type != StreamExecTableSourceScan.class && type != BatchExecTableSourceScan.class)
                || !scan.getInputEdges().isEmpty()) {
            return Decision.NOT_A_CANDIDATE;
        }
        CommonExecTableSourceScan stockScan = (CommonExecTableSourceScan) scan;
        DynamicTableSourceSpec spec = stockScan.getTableSourceSpec();
        Map<String, String> options;
        try {
            options = spec.getContextResolvedTable().getResolvedTable().getOptions();
        } catch (RuntimeException e) {
            // Tables without options (backed by a DataStream, fromValues, ...) throw here.
            return Decision.NOT_A_CANDIDATE;
        }
        String format = options.get("format");
        if (!"filesystem".equals(options.get("connector")) || !("json".equals(format) || "csv".equals(format))) {
            return Decision.NOT_A_CANDIDATE;
        }
        try {
            return decideCandidate(scan, stockScan, spec, options, planner, config);
        } catch (RuntimeException e) {
            // Never let an unexpected connector state break planning: the scan stays stock, with the reason.
            return Decision.stock("cannot rewrite the scan: " + e);
        }
    }

    private static Decision decideCandidate(
            ExecNode<?> scan,
            CommonExecTableSourceScan stockScan,
            DynamicTableSourceSpec spec,
            Map<String, String> options,
            PlannerBase planner,
            ReadableConfig config) {
        boolean csv = "csv".equals(options.get("format"));
        if (csv && !config.get(EmberOptions.FORMAT_CSV_ENABLED)) {
            return Decision.stock("'ember.format.csv.enabled' is false");
        }
        if (!csv && !config.get(EmberOptions.FORMAT_JSON_ENABLED)) {
            return Decision.stock("'ember.format.json.enabled' is false");
        }
        RowType decodedType = (RowType) scan.getOutputType();
        for (RowType.RowField field : decodedType.getFields()) {
            // CSV reads a ROW column from one field split by the array element delimiter: not decoded natively.
            boolean supported = nativelyDecoded(field.getType())
                    && !(csv && field.getType().getTypeRoot() == LogicalTypeRoot.ROW);
            if (!supported) {
                return Decision.stock((csv ? "CSV" : "JSON") + " field `" + field.getName() + "` of type "
                        + field.getType() + " is not decoded natively");
            }
        }

        ScanTableSource source =
                spec.getScanTableSource(planner.getFlinkContext(), ShortcutUtils.unwrapTypeFactory(planner));
        if (!FILE_SYSTEM_SOURCE.equals(source.getClass().getName())) {
            return Decision.stock("unexpected filesystem source class " + source.getClass().getName());
        }
        ConnectorFields fields = ConnectorFields.of(source.getClass());
        if (!fields.get(source, "partitionKeys", List.class).isEmpty()) {
            return Decision.stock("partitioned tables are not decoded natively");
        }
        List<?> metadataKeys = fields.get(source, "metadataKeys", List.class);
        if (metadataKeys != null && !metadataKeys.isEmpty()) {
            return Decision.stock("metadata columns are not decoded natively");
        }
        if (fields.get(source, "limit", Long.class) != null) {
            return Decision.stock("a LIMIT pushed into the scan is not decoded natively");
        }
        RawLinesFormat rawLines;
        String[] formatOptions;
        if (csv) {
            CsvScan csvScan = CsvScan.of(spec, decodedType, options);
            if (csvScan.reason() != null) {
                return Decision.stock(csvScan.reason());
            }
            DecodingFormat<?> format = fields.get(source, "bulkReaderFormat", DecodingFormat.class);
            if (format == null || !CsvScan.STOCK_FORMAT.equals(format.getClass().getName())) {
                return Decision.stock("unexpected csv reader " + format);
            }
            rawLines = csvScan.rawFormat(format, config.get(EmberOptions.BATCH_SIZE));
            formatOptions = csvScan.nativeOptions();
        } else {
            if (fields.get(source, "bulkReaderFormat", DecodingFormat.class) != null) {
                return Decision.stock("the json format is read by a bulk reader");
            }
            DecodingFormat<?> format = fields.get(source, "deserializationFormat", DecodingFormat.class);
            if (!RawLinesFormat.canWrap(format)) {
                return Decision.stock("the json format does not accept a projection");
            }
            @SuppressWarnings("unchecked")
            RawLinesFormat lines = RawLinesFormat.lines(
                    (ProjectableDecodingFormat<DeserializationSchema<RowData>>) format,
                    config.get(EmberOptions.BATCH_SIZE));
            rawLines = lines;
            formatOptions = formatOptions(options, "json.");
        }
        // The connector prefers a bulk reader over a deserializer: ours reads chunks of raw lines.
        DynamicTableSource copy = source.copy();
        fields.set(copy, "bulkReaderFormat", rawLines);
        DynamicTableSourceSpec rawSpec =
                new DynamicTableSourceSpec(spec.getContextResolvedTable(), spec.getSourceAbilities());
        rawSpec.setTableSource(copy);

        // The JSON constructor keeps the stock node's id, type string and persisted config, so the uid stays stock.
        ExecNodeContext context = new ExecNodeContext(stockScan.getTypeAsString());
        CommonExecTableSourceScan rawScan =
                scan instanceof StreamExecTableSourceScan
                        ? new StreamExecTableSourceScan(
                                scan.getId(), context, stockScan.getPersistedConfig(), rawSpec,
                                LineChunks.TYPE, scan.getDescription())
                        : new BatchExecTableSourceScan(
                                scan.getId(), context, stockScan.getPersistedConfig(), rawSpec,
                                LineChunks.TYPE, scan.getDescription());
        rawScan.setInputEdges(List.of());
        return new Decision(
                new FusedScan(rawScan, decodedType, csv ? "csv" : "json", formatOptions, rawLines), null);
    }

    /**
     * The table's options of the format ({@code json.fail-on-missing-field} → {@code fail-on-missing-field}, true), as
     * key/value pairs: the native side applies those it knows and refuses the scan for any other, so an option it
     * does not implement can never be ignored.
     */
    static String[] formatOptions(Map<String, String> options, String prefix) {
        return options.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> Stream.of(e.getKey().substring(prefix.length()), e.getValue()))
                .toArray(String[]::new);
    }

    /** The column types the native JSON parser decodes (the native side has the last word). */
    private static boolean nativelyDecoded(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case DECIMAL:
            case DATE:
            case CHAR:
            case VARCHAR:
                return true;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return ((TimestampType) type).getPrecision() <= 6;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return ((LocalZonedTimestampType) type).getPrecision() <= 6;
            case ROW:
                return type.getChildren().stream().allMatch(ScanFusion::nativelyDecoded);
            default:
                return false;
        }
    }
}
