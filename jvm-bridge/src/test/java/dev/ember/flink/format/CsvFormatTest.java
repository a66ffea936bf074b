package dev.ember.flink.format;

import dev.ember.flink.FlinkRunner;
import dev.ember.flink.testing.LogCapture;

import org.apache.flink.types.Row;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests of the fused CSV scan: the same SQL over the same CSV files on stock Flink and on Ember, in
 * streaming and batch mode; same rows (as multisets) or the same root-cause error. Also checks that the scan was fused
 * and, through the operator's closing log line, whether batches took the native fast path or were left to Flink's
 * CSV reader.
 */
class CsvFormatTest {

    private static final String COLUMNS =
            "id BIGINT, b BOOLEAN, ti TINYINT, si SMALLINT, i INT, d DOUBLE, f FLOAT, amt DECIMAL(10, 2),"
                    + " big DECIMAL(38, 18), s STRING, dt DATE, ts TIMESTAMP(3), ts6 TIMESTAMP(6), ltz TIMESTAMP_LTZ(3)";

    private static final String ALL = "id, b, ti, si, i, d, f, amt, big, s, dt, ts, ts6, ltz";

    private static final String TWO = "id BIGINT, s STRING";

    @TempDir static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        write("clean/part-0.csv", cleanRecords(3000, ',', "\n"), "\n");
        write("crlf/part-0.csv", cleanRecords(500, ',', "\r\n"), "\r\n");
        write("semicolon/part-0.csv", cleanRecords(400, ';', "\n"), "\n");
        write("tab/part-0.csv", cleanRecords(400, '\t', "\n"), "");
        write("quote/part-0.csv", List.of("1,'a,b'", "2,'it''s'", "3,'multi\nline'", "4,plain"), "\n");
        write("noquote/part-0.csv", List.of("1,\"a", "2,b\"", "3,\"\"", "4,x\"y"), "\n");
        write("comments/part-0.csv", List.of("# header comment", "1,a", "", "   # indented comment", "2,b",
                "  3,leading spaces", "#", "4,\"# not a comment\"", "# trailing comment"), "\n");
        write("escaped/part-0.csv", List.of("1,a\\,b", "2,\"q\\\"q\"", "3,tab\\there", "4,new\\nline", "5,\\\\"), "\n");
        write("nulls/part-0.csv", List.of("1,n/a,n/a", "2,\"n/a\",5", "3,,n/a", "4,N/A,7"), "\n");
        write("odd/part-0.csv", List.of(
                // Inside Flink's reader but outside the native fast path: each batch decoded by Flink.
                "1,true,1,1,1,NaN,1,1,1,x,2020-01-01,2020-01-01 00:00:00,2020-01-01 00:00:00,2020-01-01 00:00:00Z",
                "2,true,1,1,1,1,1,1,1,x,2020-1-1,2020-01-01 00:00:00,2020-01-01 00:00:00,2020-01-01 00:00:00Z",
                "3,true,1,1,1,1,1,1,1,x,2020-02-30,2020-01-01 00:00:00,2020-01-01 00:00:00,2020-01-01 00:00:00Z",
                "4,true,1,1,1,1,1,1,1,x,2020-01-01,2020-01-01 00:00:00.123456789,2020-01-01 00:00:00,"
                        + "2020-01-01 00:00:00Z",
                "5,true,1,1,1,1e400,1,1,1,\"quote\"  ,2020-01-01,2020-01-01 00:00:00,2020-01-01 00:00:00,"
                        + "2020-01-01 00:00:00Z",
                "6,true,1,1,1,1,1,1,1,x,2020-01-01,2020-01-01 00:00:00,2020-01-01 00:00:00,2020-01-01 00:00:00Z,",
                "7,true,1,1,1,0x1p3,1,1,1,x,1500-01-01,2020-01-01 00:00:00,2020-01-01 00:00:00,"
                        + "2020-01-01 00:00:00Z"), "\n");
        write("short/part-0.csv", List.of("1,a,5", "2,b", "4,d,7,"), "\n");
        write("bad_types/part-0.csv", List.of("1,a", "x,b", "3,c"), "\n");
        write("bad_count/part-0.csv", List.of("1,a", "2,b,c,d", "3,c"), "\n");
        write("bad_short/part-0.csv", List.of("1,a", "2", "3,c"), "\n");
        write("bad_quote/part-0.csv", List.of("1,a", "2,\"unterminated", "3,c"), "\n");
        write("bad_after_quote/part-0.csv", List.of("1,a", "2,\"q\"x,y", "3,c"), "\n");
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        utf8.write("1,a\n2,b".getBytes(StandardCharsets.UTF_8));
        utf8.write(0xFF);
        utf8.write("\n3,c\n".getBytes(StandardCharsets.UTF_8));
        Path bad = dir.resolve("bad_utf8/part-0.csv");
        Files.createDirectories(bad.getParent());
        Files.write(bad, utf8.toByteArray());
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.write("1,after a byte order mark\n2,\uFEFFinner mark\n".getBytes(StandardCharsets.UTF_8));
        Path bomFile = dir.resolve("bom/part-0.csv");
        Files.createDirectories(bomFile.getParent());
        Files.write(bomFile, bom.toByteArray());
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of(FlinkRunner.Mode.STREAMING), Arguments.of(FlinkRunner.Mode.BATCH));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void cleanRecordsAreParsedNatively(FlinkRunner.Mode mode) throws Exception {
        assertSameRows(mode, "clean", COLUMNS, "", "SELECT " + ALL + " FROM clean WHERE id <> 7", false);
        assertSameRows(mode, "clean", COLUMNS, "",
                "SELECT id, s, amt * 2, d + f, CHAR_LENGTH(s), dt, ltz FROM clean WHERE b IS NOT NULL OR id > 100",
                false);
        assertSameRows(mode, "crlf", COLUMNS, "", "SELECT " + ALL + " FROM crlf WHERE id >= 0", false);
        // Columns past a record's last field are NULL (if at most as many columns are read as the record has).
        assertSameRows(mode, "short", "id BIGINT, s STRING, n INT", "", "SELECT n, id FROM short WHERE id > 0", false);
        assertSameRows(mode, "bom", TWO, "", "SELECT id, s, CHAR_LENGTH(s) FROM bom WHERE id > 0", false);
    }

    /** No Calc reads the scan (the projection is pushed into it): a decode-only native Calc is added. */
    @ParameterizedTest
    @MethodSource("modes")
    void scansWithoutACalcAreDecodedNatively(FlinkRunner.Mode mode) throws Exception {
        assertSameRows(mode, "clean", COLUMNS, "", "SELECT * FROM clean", false);
        assertSameRows(mode, "clean", COLUMNS, "", "SELECT s, id, ts6 FROM clean", false);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void formatOptions(FlinkRunner.Mode mode) throws Exception {
        assertSameRows(mode, "semicolon", COLUMNS, ", 'csv.field-delimiter' = ';'",
                "SELECT " + ALL + " FROM semicolon WHERE id >= 0", false);
        assertSameRows(mode, "tab", COLUMNS, ", 'csv.field-delimiter' = '\\t'",
                "SELECT " + ALL + " FROM tab WHERE id >= 0", false);
        assertSameRows(mode, "quote", TWO, ", 'csv.quote-character' = ''''",
                "SELECT id, s FROM quote WHERE id > 0", false);
        assertSameRows(mode, "noquote", TWO, ", 'csv.disable-quote-character' = 'true'",
                "SELECT id, s FROM noquote WHERE id > 0", false);
        assertSameRows(mode, "comments", TWO, ", 'csv.allow-comments' = 'true'",
                "SELECT id, s FROM comments WHERE id > 0", false);
        assertSameRows(mode, "escaped", TWO, ", 'csv.escape-character' = '\\'",
                "SELECT id, s FROM escaped WHERE id > 0", false);
        assertSameRows(mode, "nulls", "id BIGINT, s STRING, n INT", ", 'csv.null-literal' = 'n/a'",
                "SELECT id, s, n FROM nulls WHERE id > 0", false);
        assertSameRows(mode, "bad_types", TWO, ", 'csv.ignore-parse-errors' = 'true', 'csv.array-element-delimiter' = '|'",
                "SELECT id, s FROM bad_types WHERE s <> 'z'", true);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void oddRecordsAreDecodedByFlink(FlinkRunner.Mode mode) throws Exception {
        assertSameRows(mode, "odd", COLUMNS, "", "SELECT " + ALL + " FROM odd WHERE id > 0", true);
        for (String table : List.of("bad_count", "bad_short", "bad_after_quote", "bad_quote")) {
            assertSameRows(mode, table, TWO, ", 'csv.ignore-parse-errors' = 'true'",
                    "SELECT id, s FROM " + table + " WHERE id > 0", true);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void badInputFailsLikeFlink(FlinkRunner.Mode mode) throws Exception {
        for (String table : List.of("bad_types", "bad_count", "bad_short", "bad_quote", "bad_after_quote", "bad_utf8")) {
            assertSameFailure(mode, table, TWO, "", "SELECT id, s FROM " + table + " WHERE id > 0");
        }
    }

    /** A format option the native decoder does not implement keeps the scan stock, with the reason in EXPLAIN. */
    @ParameterizedTest
    @MethodSource("modes")
    void unimplementedOptionsKeepTheScanStock(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT id, s FROM clean WHERE id > 0";
        String options = ", 'csv.trim-spaces' = 'true'";
        Outcome stock = run(mode, false, "clean", COLUMNS, options, sql);
        Outcome ember = run(mode, true, "clean", COLUMNS, options, sql);
        assertThat(ember.failure).isNull();
        assertThat(ember.rows).isEqualTo(stock.rows).isNotEmpty();
        assertThat(ember.explain)
                .contains("Scan [")
                .contains("csv option 'trim-spaces' = 'true' is not decoded natively")
                .doesNotContain("decoded natively;");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Outcome(List<String> rows, Throwable failure, String explain, List<String> log) {}

    private static Outcome run(
            FlinkRunner.Mode mode, boolean ember, String table, String columns, String options, String sql) {
        FlinkRunner runner = new FlinkRunner(mode, ember);
        runner.tableEnv().executeSql(ddl(table, columns, options));
        String explain = runner.explain(sql);
        try (LogCapture log = LogCapture.open()) {
            try {
                List<String> rows = new ArrayList<>();
                for (Row row : runner.query(sql)) {
                    rows.add(row.toString());
                }
                Collections.sort(rows);
                return new Outcome(rows, null, explain, log.messages());
            } catch (Throwable t) {
                return new Outcome(null, t, explain, log.messages());
            }
        }
    }

    private static void assertSameRows(FlinkRunner.Mode mode, String table, String columns, String options,
            String sql, boolean leftToFlink) {
        Outcome stock = run(mode, false, table, columns, options, sql);
        Outcome ember = run(mode, true, table, columns, options, sql);
        assertThat(stock.failure).as(() -> "stock: " + sql + ": " + rootCause(stock.failure)).isNull();
        assertThat(ember.failure).as(() -> "ember: " + sql + ": " + rootCause(ember.failure) + "\n" + ember.explain)
                .isNull();
        assertThat(stock.rows).as(sql).isNotEmpty();
        assertThat(ember.rows).as(mode + ": " + sql).isEqualTo(stock.rows);
        assertThat(ember.explain).as(sql).contains("1 scan decoded natively");
        List<String> batchLines = ember.log.stream().filter(l -> l.contains("were decoded by Flink's format")).toList();
        assertThat(batchLines).as("operator log of " + sql).isNotEmpty();
        if (leftToFlink) {
            assertThat(batchLines).as(sql).noneMatch(l -> l.startsWith("Ember: 0 of "));
        } else {
            assertThat(batchLines).as(sql).allMatch(l -> l.startsWith("Ember: 0 of "));
        }
    }

    private static void assertSameFailure(
            FlinkRunner.Mode mode, String table, String columns, String options, String sql) {
        Outcome stock = run(mode, false, table, columns, options, sql);
        Outcome ember = run(mode, true, table, columns, options, sql);
        assertThat(stock.failure).as("stock: " + sql).isNotNull();
        assertThat(ember.failure).as("ember: " + sql).isNotNull();
        // Jackson's message ends with the location, which differs: Flink's reader counts lines in the file, the
        // fallback in the record it parses.
        assertThat(withoutLocation(rootCause(ember.failure))).as(sql)
                .isEqualTo(withoutLocation(rootCause(stock.failure)));
        assertThat(ember.explain).as(sql).contains("1 scan decoded natively");
    }

    private static String ddl(String table, String columns, String options) {
        return "CREATE TABLE " + table + " (" + columns + ") WITH ('connector' = 'filesystem',"
                + " 'path' = '" + dir.resolve(table).toUri() + "', 'format' = 'csv'" + options + ")";
    }

    private static String withoutLocation(String message) {
        int at = message.indexOf("\n at [Source");
        // Invalid UTF-8: Jackson reports the position in the stream it reads.
        return (at < 0 ? message : message.substring(0, at))
                .replaceAll("\\(at char #\\d+, byte #\\d+\\)", "(at ...)");
    }

    private static String rootCause(Throwable failure) {
        if (failure == null) {
            return "none";
        }
        Throwable root = ExceptionUtils.stripCompletionException(failure);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static void write(String file, List<String> records, String lastTerminator) throws Exception {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        String sep = lastTerminator.isEmpty() ? "\n" : lastTerminator;
        Files.write(path, (String.join(sep, records) + lastTerminator).getBytes(StandardCharsets.UTF_8));
    }

    /** Records the native decoder takes: every type, edge values, quoting, nulls (missing trailing columns). */
    private static List<String> cleanRecords(int count, char sep, String lineBreak) {
        Random random = new Random(7);
        String[] bools = {"true", "false", "TRUE", " true ", "yes", "False"};
        String[] tinys = {"0", "-128", "127", " 5 ", "+7", "007"};
        String[] smalls = {"-32768", "32767", "12", "\t3"};
        String[] ints = {"0", "-2147483648", "2147483647", " 42", "+1"};
        String[] doubles = {"0.5", "-0.0", "1e308", "4.9E-324", ".5", "5.", "123456789.123456789", " 1.5e-3 "};
        String[] floats = {"0.1", "1.0000001", "3.4028235E38", "1.4E-45", "-2.5", "16777217"};
        String[] amts = {"12.50", "-0.01", "99999999.99", "1.005", "+3", "1e3", "123456789012"};
        String[] bigs = {"0", "12345678901234567890.123456789012345678", "-1.5", "1e-20"};
        String[] strings = {"plain", "", "\"with " + sep + " delimiter\"", "\"say \"\"hi\"\"\"",
            "\"line\nbreak\"", "\"crlf\r\ninside\"", "Zürich ✓ 😀", " spaced ", "\"\"", "x\"y"};
        String[] dates = {"1970-01-01", "1969-12-31", "2024-02-29", "9999-12-31", "1600-01-01"};
        String[] times = {"00:00:00", "23:59:59", "12:34:56.7", "01:02:03.456", " 10:00:00.5"};
        String[] micros = {"", ".1", ".123456", ".000001"};
        List<String> records = new ArrayList<>();
        String d = String.valueOf(sep);
        for (int n = 0; n < count; n++) {
            String date = dates[random.nextInt(dates.length)];
            List<String> fields = new ArrayList<>(List.of(
                    String.valueOf(n),
                    bools[random.nextInt(bools.length)],
                    tinys[random.nextInt(tinys.length)],
                    smalls[random.nextInt(smalls.length)],
                    ints[random.nextInt(ints.length)],
                    doubles[random.nextInt(doubles.length)],
                    floats[random.nextInt(floats.length)],
                    amts[random.nextInt(amts.length)],
                    bigs[random.nextInt(bigs.length)],
                    strings[random.nextInt(strings.length)],
                    date,
                    date + " " + times[random.nextInt(times.length)].trim(),
                    date + " 12:00:00" + micros[random.nextInt(micros.length)],
                    date + " 08:30:00Z"));
            if (sep == '\t') {
                fields.set(3, "3");
                fields.set(9, fields.get(9).replace("\t", " "));
            }
            int keep = fields.size();
            if (random.nextInt(20) == 0) {
                records.add(String.join(d, fields.subList(0, keep)) + d); // one trailing delimiter: ignored
            } else {
                records.add(String.join(d, fields.subList(0, keep)));
            }
        }
        return records;
    }
}
