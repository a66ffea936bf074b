package dev.ember.flink.format;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.planner.plan.nodes.exec.spec.DynamicTableSourceSpec;
import org.apache.flink.table.types.logical.RowType;

import javax.annotation.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The {@code csv} side of {@link ScanFusion}: where the scan's records end ({@link CsvRecordSyntax}), the options the
 * native decoder gets, and Flink's CSV reader for the records left to it ({@link CsvRecordDeserializer}).
 *
 * <p>Native options: the table's {@code csv.*} options without the prefix (the field delimiter unescaped as Flink
 * does), plus {@code ember.physical-columns} (Jackson's schema covers all physical columns, by position) and
 * {@code ember.projection} (the physical index of each decoded column).
 */
record CsvScan(
        @Nullable String reason,
        char delimiter,
        int quote,
        int escape,
        boolean allowComments,
        int physicalColumns,
        int[] projection,
        String[] nativeOptions) {

    static final String STOCK_FORMAT = "org.apache.flink.formats.csv.CsvFileFormatFactory$CsvBulkDecodingFormat";

    private static CsvScan stock(String reason) {
        return new CsvScan(reason, ',', -1, -1, false, 0, new int[0], new String[0]);
    }

    static CsvScan of(DynamicTableSourceSpec spec, RowType decodedType, Map<String, String> options) {
        String delimiterOption = options.getOrDefault("csv.field-delimiter", ",");
        // Flink: StringEscapeUtils.unescapeJava(value).charAt(0); the common escaped form is a tab.
        String delimiter = "\\t".equals(delimiterOption) ? "\t" : delimiterOption;
        if (delimiter.length() != 1 || delimiter.charAt(0) > 0x7F) {
            return stock("csv.field-delimiter '" + delimiterOption + "' is not decoded natively");
        }
        int quote = '"';
        if ("true".equalsIgnoreCase(options.get("csv.disable-quote-character"))) {
            quote = -1;
        } else if (options.containsKey("csv.quote-character")) {
            String q = options.get("csv.quote-character");
            if (q.length() != 1 || q.charAt(0) > 0x7F) {
                return stock("csv.quote-character '" + q + "' is not decoded natively");
            }
            quote = q.charAt(0);
        }
        int escape = -1;
        if (options.containsKey("csv.escape-character")) {
            String e = options.get("csv.escape-character");
            if (e.length() != 1 || e.charAt(0) > 0x7F) {
                return stock("csv.escape-character '" + e + "' is not decoded natively");
            }
            escape = e.charAt(0);
        }
        boolean allowComments = "true".equalsIgnoreCase(options.get("csv.allow-comments"));

        RowType physical = (RowType) spec.getContextResolvedTable().getResolvedSchema().toPhysicalRowDataType()
                .getLogicalType();
        List<String> names = physical.getFieldNames();
        int[] projection = new int[decodedType.getFieldCount()];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = names.indexOf(decodedType.getFieldNames().get(i));
            if (projection[i] < 0) {
                return stock("CSV column `" + decodedType.getFieldNames().get(i) + "` is not a physical column");
            }
        }
        String[] table = ScanFusion.formatOptions(options, "csv.");
        for (int i = 0; i < table.length; i += 2) {
            if (table[i].equals("field-delimiter")) {
                table[i + 1] = delimiter;
            }
        }
        String[] nativeOptions = Stream.concat(
                        Arrays.stream(table),
                        Stream.of(
                                "ember.physical-columns", String.valueOf(names.size()),
                                "ember.projection",
                                IntStream.of(projection).mapToObj(String::valueOf).collect(Collectors.joining(","))))
                .toArray(String[]::new);
        return new CsvScan(null, delimiter.charAt(0), quote, escape, allowComments, names.size(), projection,
                nativeOptions);
    }

    /** The raw-records format replacing Flink's CSV reader {@code stock} in the fused scan. */
    @SuppressWarnings("unchecked")
    RawLinesFormat rawFormat(DecodingFormat<?> stock, int recordsPerChunk) {
        ProjectableDecodingFormat<BulkFormat<RowData, FileSourceSplit>> csv =
                (ProjectableDecodingFormat<BulkFormat<RowData, FileSourceSplit>>) stock;
        RawLinesFormat.StockDecoder decoder = (context, physicalDataType, projections) -> {
            // The native decoder was planned for this projection; a different one would decode the wrong columns.
            int[] actual = Projection.of(projections).toTopLevelIndexes();
            int columns = physicalDataType.getLogicalType().getChildren().size();
            if (!Arrays.equals(actual, projection) || columns != physicalColumns) {
                throw new IllegalStateException("the csv scan reads columns " + Arrays.toString(actual) + " of "
                        + columns + ", planned " + Arrays.toString(projection) + " of " + physicalColumns);
            }
            return CsvRecordDeserializer.of(csv.createRuntimeDecoder(context, physicalDataType, projections));
        };
        return RawLinesFormat.records(
                stock, decoder, new CsvRecordSyntax(delimiter, quote, escape, allowComments), recordsPerChunk);
    }
}
