package dev.ember.flink.format;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.substrait.functions.JavaDoubleText;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.table.planner.plan.abilities.sink.OverwriteSpec;
import org.apache.flink.table.planner.plan.abilities.sink.SinkAbilitySpec;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNode;
import org.apache.flink.table.planner.plan.nodes.exec.batch.BatchExecSink;
import org.apache.flink.table.planner.plan.nodes.exec.common.CommonExecSink;
import org.apache.flink.table.planner.plan.nodes.exec.spec.DynamicTableSinkSpec;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecSink;
import org.apache.flink.table.runtime.operators.sink.constraint.ConstraintEnforcerExecutor;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.types.RowKind;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a table sink can write the lines a native Calc encodes, and rewrites it to do so.
 *
 * <p>Eligible: a stock {@code StreamExecSink}/{@code BatchExecSink} of a {@code filesystem} table in the {@code json}
 * format, not partitioned, without auto-compaction (it re-reads and re-writes rows), insert-only input, no primary key
 * (keyed shuffle, upsert materialization), no sink abilities but {@code INSERT OVERWRITE}, no rowtime attribute in its
 * input (the timestamp inserter reads rows), no constraint enforcer ({@code table.exec.sink.not-null-enforcer} and the
 * length enforcers read rows), and the Calc's output of the sink's own types, all encoded natively. Then the sink node
 * (same id, type, uid, name) keeps everything but its connector instance: a copy whose serialization format hands over
 * the bytes of {@link EncodedChunks} ({@link EncodedChunksFormat}); files, rolling, commits and checkpoints stay
 * Flink's.
 */
public final class SinkFusion {

    private static final String FILE_SYSTEM_SINK = "org.apache.flink.connector.file.table.FileSystemTableSink";

    private SinkFusion() {}

    /** The decision for one sink: {@code fused} or a {@code reason}, or neither for a sink that is not a candidate. */
    public record Decision(@Nullable FusedSink fused, @Nullable String reason) {
        static final Decision NOT_A_CANDIDATE = new Decision(null, null);

        static Decision stock(String reason) {
            return new Decision(null, reason);
        }
    }

    /**
     * A sink that can write encoded chunks; nothing changes until {@link #apply()}.
     *
     * @param encoding what the native Calc needs to encode for this sink
     */
    public record FusedSink(SinkEncoding encoding, DynamicTableSinkSpec spec, DynamicTableSink rewritten) {
        /** Makes the sink node write the chunks: its spec now holds the rewritten connector. */
        public void apply() {
            spec.setTableSink(rewritten);
        }
    }

    /**
     * @param sink the node reading a native Calc's output (only exact {@link StreamExecSink}/{@link BatchExecSink}
     *     nodes are candidates)
     * @param calcOutputType the rows the native Calc produces without the sink fusion
     */
    public static Decision decide(ExecNode<?> sink, RowType calcOutputType, PlannerBase planner, ReadableConfig config) {
        Class<?> type = sink.getClass();
        if (type != StreamExecSink.class && type != BatchExecSink.class) {
            return Decision.NOT_A_CANDIDATE;
        }
        CommonExecSink stockSink = (CommonExecSink) sink;
        DynamicTableSinkSpec spec = stockSink.getTableSinkSpec();
        Map<String, String> options;
        try {
            options = spec.getContextResolvedTable().getResolvedTable().getOptions();
        } catch (RuntimeException e) {
            return Decision.NOT_A_CANDIDATE;
        }
        String formatName = options.get("format");
        if (!"filesystem".equals(options.get("connector"))
                || !("json".equals(formatName) || "csv".equals(formatName))) {
            return Decision.NOT_A_CANDIDATE;
        }
        try {
            return decideCandidate(stockSink, spec, options, calcOutputType, planner, config);
        } catch (RuntimeException e) {
            // Never let an unexpected connector state break planning: the sink stays stock, with the reason.
            return Decision.stock("cannot rewrite the sink: " + e);
        }
    }

    private static Decision decideCandidate(
            CommonExecSink sink,
            DynamicTableSinkSpec spec,
            Map<String, String> options,
            RowType calcOutputType,
            PlannerBase planner,
            ReadableConfig config) {
        boolean csv = "csv".equals(options.get("format"));
        if (!csv && !config.get(EmberOptions.FORMAT_JSON_SINK_ENABLED)) {
            return Decision.stock("'ember.format.json.sink.enabled' is false");
        }
        if (csv && !config.get(EmberOptions.FORMAT_CSV_SINK_ENABLED)) {
            return Decision.stock("'ember.format.csv.sink.enabled' is false");
        }
        ChangelogMode inputMode =
                ConnectorFields.of(CommonExecSink.class).get(sink, "inputChangelogMode", ChangelogMode.class);
        if (!inputMode.containsOnly(RowKind.INSERT)) {
            return Decision.stock("the sink's input is not insert-only");
        }
        if (sink instanceof StreamExecSink
                && ConnectorFields.of(StreamExecSink.class).get(sink, "upsertMaterialize", Boolean.class)) {
            return Decision.stock("the sink materializes upserts");
        }
        List<SinkAbilitySpec> abilities = spec.getSinkAbilities();
        if (abilities != null) {
            for (SinkAbilitySpec ability : abilities) {
                if (!(ability instanceof OverwriteSpec)) {
                    return Decision.stock("sink ability " + ability.getClass().getSimpleName() + " is not encoded natively");
                }
            }
        }
        ResolvedSchema schema = spec.getContextResolvedTable().getResolvedSchema();
        if (schema.getPrimaryKey().isPresent()) {
            return Decision.stock("a sink with a primary key is not encoded natively");
        }
        if (schema.getColumns().stream().anyMatch(c -> !c.isPhysical())) {
            return Decision.stock("a sink with metadata or computed columns is not encoded natively");
        }
        RowType sinkType = (RowType) schema.toPhysicalRowDataType().getLogicalType();
        for (LogicalType field : calcOutputType.getChildren()) {
            if (LogicalTypeChecks.isRowtimeAttribute(field)) {
                return Decision.stock("the sink's input has a rowtime attribute (its timestamp inserter reads rows)");
            }
        }
        if (ConstraintEnforcerExecutor.create(
                        sinkType,
                        config.get(ExecutionConfigOptions.TABLE_EXEC_SINK_NOT_NULL_ENFORCER),
                        config.get(ExecutionConfigOptions.TABLE_EXEC_SINK_TYPE_LENGTH_ENFORCER),
                        config.get(ExecutionConfigOptions.TABLE_EXEC_SINK_NESTED_CONSTRAINT_ENFORCER))
                .isPresent()) {
            return Decision.stock("the sink enforces constraints on rows (NOT NULL columns or length enforcers)");
        }
        String typeReason = csv ? CsvSinkTypes.reason(sinkType, calcOutputType) : typeReason(sinkType, calcOutputType, "");
        if (typeReason != null) {
            return Decision.stock(typeReason);
        }
        if ("true".equalsIgnoreCase(options.get("auto-compaction"))) {
            return Decision.stock("auto-compaction re-reads and re-writes rows");
        }

        DynamicTableSink tableSink = spec.getTableSink(planner.getFlinkContext());
        if (!FILE_SYSTEM_SINK.equals(tableSink.getClass().getName())) {
            return Decision.stock("unexpected filesystem sink class " + tableSink.getClass().getName());
        }
        ConnectorFields fields = ConnectorFields.of(tableSink.getClass());
        if (!fields.get(tableSink, "partitionKeys", List.class).isEmpty()) {
            return Decision.stock("partitioned tables are not encoded natively");
        }
        if (csv) {
            return csvSink(tableSink, fields, options, sinkType, spec);
        }
        if (fields.get(tableSink, "bulkWriterFormat", Object.class) != null) {
            return Decision.stock("the json format is written by a bulk writer");
        }
        @SuppressWarnings("unchecked")
        EncodingFormat<SerializationSchema<RowData>> format =
                fields.get(tableSink, "serializationFormat", EncodingFormat.class);
        if (format == null) {
            return Decision.stock("the sink has no serialization format");
        }
        DynamicTableSink copy = tableSink.copy();
        fields.set(copy, "serializationFormat", new EncodedChunksFormat(format));
        SinkEncoding encoding = new SinkEncoding(
                "json", ScanFusion.formatOptions(options, "json."), fieldNames(sinkType).toArray(new String[0]));
        return new Decision(new FusedSink(encoding, spec, copy), null);
    }

    /** The {@code csv} format is a bulk format of the filesystem sink: its bulk writer is replaced. */
    private static Decision csvSink(
            DynamicTableSink tableSink,
            ConnectorFields fields,
            Map<String, String> options,
            RowType sinkType,
            DynamicTableSinkSpec spec) {
        @SuppressWarnings("unchecked")
        EncodingFormat<BulkWriter.Factory<RowData>> format =
                fields.get(tableSink, "bulkWriterFormat", EncodingFormat.class);
        if (format == null) {
            return Decision.stock("the csv sink has no bulk writer format");
        }
        DynamicTableSink copy = tableSink.copy();
        fields.set(copy, "bulkWriterFormat", new EncodedChunksBulkFormat(format));
        SinkEncoding encoding = new SinkEncoding(
                "csv", ScanFusion.formatOptions(options, "csv."), sinkType.getFieldNames().toArray(new String[0]));
        return new Decision(new FusedSink(encoding, spec, copy), null);
    }

    /**
     * Null if the Calc's output has the sink's types (up to nullability, names and string lengths, which do not change
     * the written bytes) and each is encoded natively; else the reason.
     */
    @Nullable
    static String typeReason(LogicalType sink, LogicalType calc, String path) {
        LogicalTypeRoot root = sink.getTypeRoot();
        boolean strings = sink.is(LogicalTypeFamily.CHARACTER_STRING) && calc.is(LogicalTypeFamily.CHARACTER_STRING);
        if (root != calc.getTypeRoot() && !strings) {
            return "the sink's field " + path + " of type " + sink + " is fed " + calc;
        }
        switch (root) {
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case DATE:
            case CHAR:
            case VARCHAR:
                return null;
            case FLOAT:
            case DOUBLE:
                return JavaDoubleText.matchesThisJvm()
                        ? null
                        : "Java " + Runtime.version().feature() + "'s Float/Double.toString prints some values with"
                                + " more digits than the shortest form Ember writes (the JDK 19+ rule); FLOAT/DOUBLE"
                                + " columns are encoded natively on Java 19+";
            case DECIMAL:
                DecimalType d = (DecimalType) sink;
                DecimalType c = (DecimalType) calc;
                return d.getPrecision() == c.getPrecision() && d.getScale() == c.getScale()
                        ? null
                        : "the sink's field " + path + " of type " + sink + " is fed " + calc;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int p = ((TimestampType) sink).getPrecision();
                return p <= 6 && p == ((TimestampType) calc).getPrecision()
                        ? null
                        : "the sink's field " + path + " of type " + sink + " (fed " + calc + ") is not encoded natively";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int q = ((LocalZonedTimestampType) sink).getPrecision();
                return q <= 6 && q == ((LocalZonedTimestampType) calc).getPrecision()
                        ? null
                        : "the sink's field " + path + " of type " + sink + " (fed " + calc + ") is not encoded natively";
            case ROW:
                RowType s = (RowType) sink;
                RowType r = (RowType) calc;
                if (s.getFieldCount() != r.getFieldCount()) {
                    return "the sink's field " + path + " of type " + sink + " is fed " + calc;
                }
                for (int i = 0; i < s.getFieldCount(); i++) {
                    String reason = typeReason(s.getTypeAt(i), r.getTypeAt(i),
                            path.isEmpty() ? "`" + s.getFieldNames().get(i) + "`"
                                    : path + ".`" + s.getFieldNames().get(i) + "`");
                    if (reason != null) {
                        return reason;
                    }
                }
                return null;
            default:
                return "JSON field " + path + " of type " + sink + " is not encoded natively";
        }
    }

    /** The field names, each nested field after its ROW field (the order the native encoder takes them in). */
    private static List<String> fieldNames(RowType type) {
        List<String> names = new ArrayList<>();
        for (RowType.RowField field : type.getFields()) {
            names.add(field.getName());
            if (field.getType() instanceof RowType) {
                names.addAll(fieldNames((RowType) field.getType()));
            }
        }
        return names;
    }
}
