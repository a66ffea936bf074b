package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.connector.file.table.DeserializationSchemaAdapter;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused scan's line reader against Flink's own ({@code DeserializationSchemaAdapter} over a schema that keeps each
 * line): the same lines for every split of a file and the same position counting, over CRLF and LF, empty lines,
 * lines longer than the read buffer, a missing final newline, random split boundaries and gzip.
 */
class RawLinesBulkFormatTest {

    @TempDir java.nio.file.Path dir;

    @Test
    void sameLinesAsFlinkForEverySplit() throws Exception {
        byte[] file = randomFile(new Random(7), 2000);
        java.nio.file.Path path = dir.resolve("lines.json");
        Files.write(path, file);
        Random random = new Random(11);
        for (int round = 0; round < 6; round++) {
            // Random split boundaries, including ones on a line start and next to a '\r'.
            List<Long> cuts = new ArrayList<>(List.of(0L));
            while (cuts.get(cuts.size() - 1) < file.length) {
                long next = cuts.get(cuts.size() - 1) + 1 + random.nextInt(round % 2 == 0 ? 40_000 : 1_500_000);
                cuts.add(Math.min(next, file.length));
            }
            List<String> all = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.size(); i++) {
                FileSourceSplit split = split(path, cuts.get(i), cuts.get(i + 1) - cuts.get(i), file.length);
                List<String> expected = read(flinkReader(), split);
                assertThat(read(new RawLinesBulkFormat(100), split)).as("split %s", split).isEqualTo(expected);
                all.addAll(expected);
            }
            assertThat(all).isEqualTo(read(flinkReader(), split(path, 0, file.length, file.length)));
        }
    }

    @Test
    void restoresAtTheSamePositionAsFlink() throws Exception {
        byte[] file = randomFile(new Random(3), 500);
        java.nio.file.Path path = dir.resolve("restore.json");
        Files.write(path, file);
        long half = file.length / 2;
        for (FileSourceSplit split : List.of(split(path, 0, half, file.length),
                split(path, half, file.length - half, file.length))) {
            List<String> expected = read(flinkReader(), split);
            for (int skip : new int[] {0, 1, 7, expected.size() - 1, expected.size()}) {
                FileSourceSplit restored = split.updateWithCheckpointedPosition(
                        new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, skip));
                assertThat(read(new RawLinesBulkFormat(64), restored))
                        .isEqualTo(expected.subList(skip, expected.size()))
                        .isEqualTo(read(flinkReader(), restored));
            }
        }
    }

    @Test
    void readsCompressedFilesWhole() throws Exception {
        byte[] file = randomFile(new Random(5), 800);
        java.nio.file.Path path = dir.resolve("lines.json.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(file);
        }
        Files.write(path, gz.toByteArray());
        FileSourceSplit split = split(path, 0, gz.size(), gz.size());
        assertThat(read(new RawLinesBulkFormat(100), split)).isEqualTo(read(flinkReader(), split)).hasSizeGreaterThan(500);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Lines of random length (some empty, some with a '\r' before the '\n', a few over the 1 MiB read buffer). */
    private static byte[] randomFile(Random random, int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(100);
            // Three lines longer than the 1 MiB read buffer.
            int length = kind < 5 ? 0 : i % 700 == 350 ? 1_100_000 + random.nextInt(200_000) : random.nextInt(300);
            StringBuilder line = new StringBuilder("{\"n\":" + i + ",\"s\":\"");
            for (int k = 0; k < length; k++) {
                line.append((char) ('a' + random.nextInt(26)));
            }
            out.append(kind < 5 ? "" : line.append("\"}")).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        if (random.nextBoolean()) {
            out.append("{\"last\":\"no newline\"}");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static FileSourceSplit split(java.nio.file.Path path, long offset, long length, long fileSize) {
        return new FileSourceSplit("s" + offset, new Path(path.toUri()), offset, length, 0, fileSize);
    }

    /** Flink's reader, over a format that keeps each non-empty line (like the JSON format, it skips empty ones). */
    private static BulkFormat<RowData, FileSourceSplit> flinkReader() {
        return new DeserializationSchemaAdapter(new KeepLine());
    }

    private static List<String> read(BulkFormat<RowData, FileSourceSplit> format, FileSourceSplit split)
            throws Exception {
        BulkFormat.Reader<RowData> reader = split.getReaderPosition().isPresent()
                ? format.restoreReader(new Configuration(), split)
                : format.createReader(new Configuration(), split);
        List<String> lines = new ArrayList<>();
        try {
            BulkFormat.RecordIterator<RowData> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<RowData> record;
                while ((record = batch.next()) != null) {
                    RowData row = record.getRecord();
                    if (row.getArity() == 1) {
                        lines.add(new String(row.getBinary(0), StandardCharsets.UTF_8));
                    } else {
                        byte[] data = LineChunks.data(row);
                        byte[] ends = LineChunks.ends(row);
                        int start = 0;
                        for (int i = 0; i < ends.length / 4; i++) {
                            int end = (ends[i * 4] & 0xff) | (ends[i * 4 + 1] & 0xff) << 8
                                    | (ends[i * 4 + 2] & 0xff) << 16 | (ends[i * 4 + 3] & 0xff) << 24;
                            lines.add(new String(data, start, end - start, StandardCharsets.UTF_8));
                            start = end;
                        }
                    }
                    // The position after a record: lines read so far in this split. (After a restore, Flink's reader
                    // counts from the restore point, forgetting the lines it skipped; Ember's counts from the split
                    // start, so a second restore lands right too.)
                    long skipped = format instanceof RawLinesBulkFormat
                            ? split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L)
                            : 0;
                    assertThat(record.getRecordSkipCount()).isEqualTo(lines.size() + skipped);
                }
                batch.releaseBatch();
            }
        } finally {
            reader.close();
        }
        return lines;
    }

    private static final class KeepLine implements DeserializationSchema<RowData> {
        private static final RowType TYPE =
                RowType.of(new VarBinaryType(VarBinaryType.MAX_LENGTH));

        @Override
        public RowData deserialize(byte[] message) {
            return message.length == 0 ? null : GenericRowData.of((Object) message);
        }

        @Override
        public boolean isEndOfStream(RowData nextElement) {
            return false;
        }

        @Override
        public TypeInformation<RowData> getProducedType() {
            return InternalTypeInfo.of(TYPE);
        }
    }
}
