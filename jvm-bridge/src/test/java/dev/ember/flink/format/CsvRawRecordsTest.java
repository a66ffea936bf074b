package dev.ember.flink.format;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.csv.CsvFileFormatFactory;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused CSV scan's reader against Flink's own CSV reader ({@code CsvReaderFormat} in a {@code StreamFormatAdapter})
 * on files of records with quoted line breaks, CRs, doubled quotes, escapes and comments, over several 1 MiB read
 * buffers: Flink's CSV reader applied record by record to the raw records ({@link CsvRecordDeserializer}, the slow
 * path) gives the rows Flink reads from the file, and restoring at a checkpointed position gives the same rest.
 */
class CsvRawRecordsTest {

    private static final DataType TYPE =
            DataTypes.ROW(DataTypes.FIELD("a", DataTypes.STRING()), DataTypes.FIELD("b", DataTypes.STRING()));

    @TempDir java.nio.file.Path dir;

    @Test
    void recordsGiveFlinksRowsAndPositions() throws Exception {
        for (Map<String, String> options : List.of(
                Map.<String, String>of(),
                Map.of("escape-character", "\\", "allow-comments", "true"),
                Map.of("field-delimiter", ";", "quote-character", "'"))) {
            byte[] file = randomFile(new Random(options.size()), options, 30_000);
            java.nio.file.Path path = dir.resolve("records-" + options.size() + ".csv");
            Files.write(path, file);
            check(options, path, file.length);
        }
    }

    @Test
    void compressedFiles() throws Exception {
        byte[] file = randomFile(new Random(9), Map.of(), 5_000);
        java.nio.file.Path path = dir.resolve("records.csv.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(file);
        }
        Files.write(path, gz.toByteArray());
        check(Map.of(), path, gz.size());
    }

    private static void check(Map<String, String> options, java.nio.file.Path path, long size) throws Exception {
        Configuration conf = new Configuration();
        options.forEach(conf::setString);
        BulkFormat<RowData, FileSourceSplit> stock = new CsvFileFormatFactory.CsvBulkDecodingFormat(conf)
                .createRuntimeDecoder(CONTEXT, TYPE, new int[][] {{0}, {1}});
        CsvRecordDeserializer slowPath = CsvRecordDeserializer.of(stock);
        String delimiter = options.getOrDefault("field-delimiter", ",");
        int quote = options.getOrDefault("quote-character", "\"").charAt(0);
        int escape = options.containsKey("escape-character") ? options.get("escape-character").charAt(0) : -1;
        RawLinesBulkFormat fused = new RawLinesBulkFormat(
                100, new CsvRecordSyntax(delimiter.charAt(0), quote, escape, options.containsKey("allow-comments")));
        FileSourceSplit split = new FileSourceSplit("s", new Path(path.toUri()), 0, size, 0, size);

        List<String> expected = rows(stock, split, null);
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(rows(fused, split, slowPath)).isEqualTo(expected);
        for (int skip : new int[] {1, 977, expected.size() - 1}) {
            FileSourceSplit restored = split.updateWithCheckpointedPosition(
                    new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, skip));
            assertThat(rows(fused, restored, slowPath))
                    .isEqualTo(expected.subList(skip, expected.size()))
                    .isEqualTo(rows(stock, restored, null));
        }
    }

    /** The rows read (through {@code slowPath} for raw records), checking each record's position. */
    private static List<String> rows(
            BulkFormat<RowData, FileSourceSplit> format, FileSourceSplit split, CsvRecordDeserializer slowPath)
            throws Exception {
        BulkFormat.Reader<RowData> reader = split.getReaderPosition().isPresent()
                ? format.restoreReader(new Configuration(), split)
                : format.createReader(new Configuration(), split);
        long skipped = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        List<String> rows = new ArrayList<>();
        try {
            BulkFormat.RecordIterator<RowData> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<RowData> record;
                while ((record = batch.next()) != null) {
                    RowData row = record.getRecord();
                    if (slowPath == null) {
                        rows.add(row.getString(0) + "|" + row.getString(1));
                    } else {
                        byte[] data = LineChunks.data(row);
                        byte[] ends = LineChunks.ends(row);
                        int start = 0;
                        for (int i = 0; i < ends.length / 4; i++) {
                            int end = (ends[i * 4] & 0xff) | (ends[i * 4 + 1] & 0xff) << 8
                                    | (ends[i * 4 + 2] & 0xff) << 16 | (ends[i * 4 + 3] & 0xff) << 24;
                            byte[] one = new byte[end - start];
                            System.arraycopy(data, start, one, 0, one.length);
                            RowData decoded = slowPath.deserialize(one);
                            rows.add(decoded.getString(0) + "|" + decoded.getString(1));
                            start = end;
                        }
                    }
                    assertThat(record.getRecordSkipCount()).isEqualTo(rows.size() + skipped);
                }
                batch.releaseBatch();
            }
        } finally {
            reader.close();
        }
        return rows;
    }

    /** Two-field records with quoted line breaks, lone CRs, doubled quotes, escapes, comments, empty fields. */
    private static byte[] randomFile(Random random, Map<String, String> options, int records) {
        char sep = options.getOrDefault("field-delimiter", ",").charAt(0);
        char quote = options.getOrDefault("quote-character", "\"").charAt(0);
        boolean escapes = options.containsKey("escape-character");
        boolean comments = options.containsKey("allow-comments");
        String[] breaks = {"\n", "\r\n", "\r"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < records; i++) {
            if (comments && random.nextInt(20) == 0) {
                out.append(random.nextBoolean() ? "# comment " + i : "").append('\n');
            }
            out.append(i).append(sep);
            int kind = random.nextInt(8);
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(i % 500 == 250 ? 300_000 : 40); k > 0; k--) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            switch (kind) {
                case 0 -> out.append(quote).append(text).append("\n").append(sep).append(text).append(quote);
                case 1 -> out.append(quote).append(text).append("\r").append(quote).append(quote).append(quote);
                case 2 -> out.append(quote).append(quote);
                case 3 -> out.append(escapes ? "x\\" + sep + "y\\\nz" : text);
                case 4 -> out.append("Zürich ✓ ").append(text);
                default -> out.append(text);
            }
            out.append(breaks[random.nextInt(breaks.length)]);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final DynamicTableSource.Context CONTEXT = new DynamicTableSource.Context() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeInformation<T> createTypeInformation(DataType producedDataType) {
            return (TypeInformation<T>) InternalTypeInfo.of(producedDataType.getLogicalType());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeInformation<T> createTypeInformation(LogicalType producedLogicalType) {
            return (TypeInformation<T>) InternalTypeInfo.of(producedLogicalType);
        }

        @Override
        public DynamicTableSource.DataStructureConverter createDataStructureConverter(DataType producedDataType) {
            throw new UnsupportedOperationException();
        }
    };
}
