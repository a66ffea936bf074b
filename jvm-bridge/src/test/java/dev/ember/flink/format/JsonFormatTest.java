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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests of the fused JSON scan: the same SQL over the same JSON files on stock Flink and on Ember, in
 * streaming and batch mode; same rows (as multisets, RowKind included) or the same root-cause error. Also checks that
 * the scan was fused and, through the operator's closing log line, whether batches took the native fast path or were
 * left to Flink's format.
 */
class JsonFormatTest {

    private static final String COLUMNS =
            "id BIGINT, b BOOLEAN, ti TINYINT, si SMALLINT, i INT, d DOUBLE, amt DECIMAL(10, 2),"
                    + " big DECIMAL(38, 18), s STRING, dt DATE, ts TIMESTAMP(3), ts6 TIMESTAMP(6)";

    private static final String NESTED_COLUMNS = "id BIGINT, price DECIMAL(10, 2), qty INT, ratio DOUBLE,"
            + " info ROW<city STRING, zip INT, geo ROW<lat DOUBLE, lon DOUBLE>>";

    private static final String ALL = "id, b, ti, si, i, d, amt, big, s, dt, ts, ts6";

    @TempDir static Path dir;

    /** Lines the native parser takes: every type, edge values, escapes, nulls, missing and unknown keys. */
    @BeforeAll
    static void writeFiles() throws Exception {
        write("clean/part-0.json", cleanLines(2000, false));
        write("complete/part-0.json", cleanLines(500, true));
        write("nested/part-0.json", nestedLines(600));
        write("times_sql/part-0.json", timeLines(400, " "));
        write("times_iso/part-0.json", timeLines(400, "T"));
        write("odd/part-0.json", List.of(
                // Inside Flink's format but outside the native fast path: each decoded by Flink.
                "{\"id\": 1, \"i\": \"42\", \"si\": \" 7\", \"d\": \"NaN\", \"amt\": \"1.005\"}",
                "{\"id\": 2, \"i\": 1.7, \"id2\": 0}",
                "{\"id\": 3, \"id\": 4, \"s\": \"duplicate key\"}",
                "{\"id\": 5, \"s\": {\"nested\": [1, 2.50, \"x\"]}}",
                "{\"id\": 6, \"s\": [true, null]}",
                "[{\"id\": 7}, {\"id\": 8, \"s\": \"array line\"}]",
                "{\"id\": 9} trailing",
                "{\"id\": 10, \"s\": \"raw\u0001control\"}",
                // More fraction digits than the precision: Flink keeps them in the row (a TIMESTAMP(3) row field
                // stores millis, so they go; TIMESTAMP(4..6) keeps nanos, which Ember cannot: a known difference).
                "{\"id\": 11, \"ts\": \"2024-01-01 10:00:00.123456789\", \"ts6\": \"2024-01-01 10:00:00\"}",
                "{\"id\": 13, \"b\": 1, \"dt\": \"+10000-01-01\"}",
                "{\"id\": 14, \"s\": \"lone \\ud800 surrogate\"}",
                "{\"id\": 15, \"big\": \"12345678901234567890.1234567890123456789\"}",
                "{\"id\": 16, \"d\": 1e999, \"si\": -0}",
                "",
                "{\"id\": 17, \"s\": \"after a blank line\"}"));
        write("bad/part-0.json", List.of(
                "{\"id\": 1, \"s\": \"fine\"}",
                "{\"id\": 2, \"s\": \"truncated",
                "{\"id\": 3, \"i\": \"not a number\"}",
                "not json at all",
                "   ",
                "{\"id\": 5, \"i\": 2147483648, \"ts\": \"2024-01-01T10:00:00\", \"s\": \"field errors\"}",
                "{\"id\": 4, \"s\": \"fine again\"}"));
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of(FlinkRunner.Mode.STREAMING), Arguments.of(FlinkRunner.Mode.BATCH));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void cleanLinesAreParsedNatively(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT " + ALL + " FROM clean WHERE id <> 7";
        assertSameRows(mode, "clean", "", sql, false);
        assertSameRows(mode, "clean", "",
                "SELECT id, i + 1, d * 2, amt + 1, big, UPPER(s), CHAR_LENGTH(s), dt, ts, ts6 FROM clean"
                        + " WHERE b IS NOT NULL OR id > 100", false);
        assertSameRows(mode, "complete", ", 'json.fail-on-missing-field' = 'true'",
                "SELECT " + ALL + " FROM complete WHERE s IS NOT NULL", false);
    }

    /** Nested ROWs and numbers sent as strings, on the native fast path. */
    @ParameterizedTest
    @MethodSource("modes")
    void nestedRowsAndNumbersInStrings(FlinkRunner.Mode mode) throws Exception {
        String nested = NESTED_COLUMNS;
        assertSameRows(mode, "nested", nested, "",
                "SELECT id, price * qty, ratio, info.city, info.zip + 1, info.geo.lat, info.geo IS NULL, info IS NULL"
                        + " FROM nested WHERE id % 3 <> 1", false);
        assertSameRows(mode, "nested", nested, "", "SELECT * FROM nested", false);
    }

    /** FLOAT, TIMESTAMP_LTZ and both timestamp standards, on the native fast path. */
    @ParameterizedTest
    @MethodSource("modes")
    void timestampStandardsAndFloats(FlinkRunner.Mode mode) throws Exception {
        String columns = "id BIGINT, f FLOAT, ts TIMESTAMP(3), ts6 TIMESTAMP(6), ltz TIMESTAMP_LTZ(3), ltz6 TIMESTAMP_LTZ(6)";
        String sql = "SELECT id, f, f * 2, ts, ts6, ltz, ltz6, YEAR(ts) FROM %s WHERE id >= 0";
        assertSameRows(mode, "times_sql", columns, "", String.format(sql, "times_sql"), false);
        assertSameRows(mode, "times_iso", columns, ", 'json.timestamp-format.standard' = 'ISO-8601'",
                String.format(sql, "times_iso"), false);
    }

    /** Two fused scans feeding a join (in batch mode, Flink may put the join's inputs into one MultipleInput). */
    @ParameterizedTest
    @MethodSource("modes")
    void fusedScansUnderAJoin(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT c.id, c.s, n.price, n.info.city FROM clean c JOIN nested n ON c.id = n.id"
                + " WHERE c.id % 5 <> 2 AND n.qty > 0";
        List<List<String>> rows = new ArrayList<>();
        for (boolean ember : new boolean[] {false, true}) {
            FlinkRunner runner = new FlinkRunner(mode, ember);
            runner.tableEnv().executeSql(ddl("clean", COLUMNS, ""));
            runner.tableEnv().executeSql(ddl("nested", NESTED_COLUMNS, ""));
            if (ember) {
                assertThat(runner.explain(sql)).contains("2 scans decoded natively");
            }
            List<String> result = new ArrayList<>();
            for (Row row : runner.query(sql)) {
                result.add(row.toString());
            }
            Collections.sort(result);
            rows.add(result);
        }
        assertThat(rows.get(0)).isNotEmpty();
        assertThat(rows.get(1)).isEqualTo(rows.get(0));
    }

    /** A format option the native parser does not implement keeps the scan stock, with the reason in EXPLAIN. */
    @ParameterizedTest
    @MethodSource("modes")
    void unimplementedOptionsKeepTheScanStock(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT id, s FROM clean WHERE id > 0";
        String options = ", 'json.decode.json-parser.enabled' = 'false'";
        Outcome stock = run(mode, false, "clean", COLUMNS, options, sql);
        Outcome ember = run(mode, true, "clean", COLUMNS, options, sql);
        assertThat(ember.failure).isNull();
        assertThat(ember.rows).isEqualTo(stock.rows).isNotEmpty();
        assertThat(ember.explain)
                .contains("Scan [")
                .contains("json option 'decode.json-parser.enabled' = 'false' is not decoded natively")
                .doesNotContain("decoded natively;");
    }

    /** No Calc reads the scan (the projection is pushed into it): a decode-only native Calc is added. */
    @ParameterizedTest
    @MethodSource("modes")
    void scansWithoutACalcAreDecodedNatively(FlinkRunner.Mode mode) throws Exception {
        assertSameRows(mode, "clean", "", "SELECT * FROM clean", false);
        assertSameRows(mode, "clean", "", "SELECT s, id, ts6 FROM clean", false);
        assertSameRows(mode, "odd", "", "SELECT * FROM odd", true);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void oddLinesAreDecodedByFlink(FlinkRunner.Mode mode) throws Exception {
        assertSameRows(mode, "odd", "", "SELECT " + ALL + " FROM odd WHERE id > 0", true);
        assertSameRows(mode, "bad", ", 'json.ignore-parse-errors' = 'true'",
                "SELECT id, s, i FROM bad WHERE id > 0", true);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void badInputFailsLikeFlink(FlinkRunner.Mode mode) throws Exception {
        assertSameFailure(mode, "bad", "", "SELECT id, s FROM bad WHERE id > 0", "Failed to deserialize JSON");
        assertSameFailure(mode, "clean", ", 'json.fail-on-missing-field' = 'true'",
                "SELECT id, s FROM clean WHERE id > 0", "Some field is missing");
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

    private static void assertSameRows(
            FlinkRunner.Mode mode, String table, String options, String sql, boolean leftToFlink) {
        assertSameRows(mode, table, COLUMNS, options, sql, leftToFlink);
    }

    private static void assertSameRows(FlinkRunner.Mode mode, String table, String columns, String options,
            String sql, boolean leftToFlink) {
        Outcome stock = run(mode, false, table, columns, options, sql);
        Outcome ember = run(mode, true, table, columns, options, sql);
        assertThat(stock.failure).as("stock: " + sql).isNull();
        assertThat(ember.failure).as(() -> "ember: " + sql + ": " + rootCause(ember.failure) + "\n" + ember.explain)
                .isNull();
        assertThat(stock.rows).as(sql).isNotEmpty();
        assertThat(ember.rows).as(mode + ": " + sql).isEqualTo(stock.rows);
        assertFused(ember, sql);
        String fastPath = "0 of ";
        List<String> batchLines = ember.log.stream().filter(l -> l.contains("were decoded by Flink's format")).toList();
        assertThat(batchLines).as("operator log of " + sql).isNotEmpty();
        if (leftToFlink) {
            assertThat(batchLines).as(sql).noneMatch(l -> l.startsWith("Ember: " + fastPath));
        } else {
            assertThat(batchLines).as(sql).allMatch(l -> l.startsWith("Ember: " + fastPath));
        }
    }

    private static String ddl(String table, String columns, String options) {
        return "CREATE TABLE " + table + " (" + columns + ") WITH ('connector' = 'filesystem',"
                + " 'path' = '" + dir.resolve(table).toUri() + "', 'format' = 'json'" + options + ")";
    }

    private static void assertSameFailure(
            FlinkRunner.Mode mode, String table, String options, String sql, String expected) {
        Outcome stock = run(mode, false, table, COLUMNS, options, sql);
        Outcome ember = run(mode, true, table, COLUMNS, options, sql);
        assertThat(stock.failure).as("stock: " + sql).isNotNull();
        assertThat(ember.failure).as("ember: " + sql).isNotNull();
        assertThat(rootCause(ember.failure)).as(sql).isEqualTo(rootCause(stock.failure));
        assertThat(causes(stock.failure)).as(sql).contains(expected);
        assertFused(ember, sql);
    }

    private static void assertFused(Outcome ember, String sql) {
        assertThat(ember.explain).as(sql).contains("1 scan decoded natively");
    }

    private static String rootCause(Throwable failure) {
        Throwable root = ExceptionUtils.stripCompletionException(failure);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static String causes(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }

    private static void write(String file, List<String> lines) throws Exception {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** FLOAT values and timestamps in one standard ({@code sep} between date and time; LTZ values end in 'Z'). */
    private static List<String> timeLines(int count, String sep) {
        Random random = new Random(13);
        String[] floats = {"0.1", "1.0000001", "3.4028235E38", "1.4E-45", "-2.5", "\"16777217\"", "123456.789", "1e-10"};
        String[] dates = {"1970-01-01", "1969-12-31", "2024-02-29", "9999-12-31", "0001-01-01", "1582-10-10"};
        String[] times = {"00:00:00", "23:59:59", "12:34:56.7", "01:02:03.456", "10:00:00.5"};
        String[] micros = {"", ".1", ".123456", ".000001", ".99999"};
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String date = dates[random.nextInt(dates.length)];
            lines.add("{\"id\": " + n
                    + ", \"f\": " + floats[random.nextInt(floats.length)]
                    + ", \"ts\": \"" + date + sep + times[random.nextInt(times.length)] + "\""
                    + ", \"ts6\": \"" + date + sep + "12:00:00" + micros[random.nextInt(micros.length)] + "\""
                    + ", \"ltz\": \"" + date + sep + times[random.nextInt(times.length)] + "Z\""
                    + ", \"ltz6\": \"" + date + sep + "08:30:00" + micros[random.nextInt(micros.length)] + "Z\"}");
        }
        return lines;
    }

    /** Nested objects (null, missing, empty, unknown keys) and numbers as strings, all inside the fast path. */
    private static List<String> nestedLines(int count) {
        Random random = new Random(9);
        String[] prices = {"12.50", "\" 7 \"", "\"+3.005\"", "\"1e3\"", "\".5\"", "\"5.\"", "-0.01", "\"99999999.99\""};
        String[] ints = {"1", "\"42\"", "\" -7 \"", "\"+0\"", "2147483647", "\"-2147483648\""};
        String[] doubles = {"0.5", "\"1.5e-3\"", "\"-0.0\"", "1e308", "\"123456789.123456789\""};
        String[] infos = {"null", "{}", "{\"city\": \"Zürich\", \"zip\": \"8001\"}",
            "{\"zip\": 10115, \"city\": \"Berlin\", \"geo\": {\"lat\": \"52.52\", \"lon\": 13.405}}",
            "{\"city\": \"東京\", \"geo\": null, \"extra\": [1, {\"a\": 2}]}",
            "{\"geo\": {}, \"zip\": null}"};
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder line = new StringBuilder("{\"id\": " + n);
            if (random.nextInt(8) != 0) {
                line.append(", \"price\": ").append(prices[random.nextInt(prices.length)]);
            }
            line.append(", \"qty\": ").append(ints[random.nextInt(ints.length)]);
            line.append(", \"ratio\": ").append(doubles[random.nextInt(doubles.length)]);
            if (random.nextInt(10) != 0) {
                line.append(", \"info\": ").append(infos[random.nextInt(infos.length)]);
            }
            lines.add(line.append('}').toString());
        }
        return lines;
    }

    /**
     * Random lines inside the native fast path. {@code complete}: every key present (for fail-on-missing-field);
     * otherwise keys go missing, are null, change order, and unknown keys with nested values appear.
     */
    private static List<String> cleanLines(int count, boolean complete) {
        Random random = new Random(42);
        String[] strings = {"", "a", "héllo wörld", "日本語テキスト", "emoji 😀 here", "tab\\tand\\nnewline",
            "quote \\\" backslash \\\\ slash \\/", "\\u00e9\\u65e5\\ud83d\\ude00", "a somewhat longer string value"};
        String[] decimals = {"0", "-0", "1.005", "-1.005", "99999999.99", "99999999.995", "123456789.5", "1e-400",
            "1E+3", "-2.5e-1", "0.000001", "12345678.125"};
        String[] bigs = {"0", "12345678901234567890.123456789012345678", "-99999999999999999999.999999999999999999",
            "1e20", "1.0000000000000000005", "3.14159265358979323846264338327950288"};
        String[] doubles = {"0", "-0.0", "1.5", "1e308", "5e-324", "0.1", "-123456.789e-3", "2.2250738585072014E-308",
            "9007199254740993"};
        String[] dates = {"1970-01-01", "1969-12-31", "2024-02-29", "9999-12-31", "0001-01-01", "1582-10-10",
            "1900-03-01"};
        String[] times = {"00:00:00", "23:59:59", "12:34:56.7", "01:02:03.45", "10:00:00.999"};
        String[] micros = {"", ".1", ".123456", ".000001", ".99999"};
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Map<String, String> fields = new HashMap<>();
            fields.put("id", Long.toString(n == 0 ? Long.MIN_VALUE : n == 1 ? Long.MAX_VALUE : n));
            fields.put("b", random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "\" TRUE \"");
            fields.put("ti", Integer.toString(random.nextInt(256) - 128));
            fields.put("si", Integer.toString(random.nextInt(65536) - 32768));
            fields.put("i", Integer.toString(random.nextInt()));
            fields.put("d", doubles[random.nextInt(doubles.length)]);
            fields.put("amt", decimals[random.nextInt(decimals.length)]);
            fields.put("big", bigs[random.nextInt(bigs.length)]);
            fields.put("s", random.nextInt(10) == 0 ? Integer.toString(random.nextInt(1000)) + ".50"
                    : "\"" + strings[random.nextInt(strings.length)] + "\"");
            fields.put("dt", "\"" + dates[random.nextInt(dates.length)] + "\"");
            fields.put("ts", "\"" + dates[random.nextInt(dates.length)] + " " + times[random.nextInt(times.length)] + "\"");
            fields.put("ts6", "\"" + dates[random.nextInt(dates.length)] + " 12:00:00"
                    + micros[random.nextInt(micros.length)] + "\"");
            List<String> keys = new ArrayList<>(fields.keySet());
            Collections.sort(keys);
            if (random.nextInt(4) == 0) {
                Collections.shuffle(keys, random);
            }
            StringBuilder line = new StringBuilder("{");
            for (String key : keys) {
                if (!complete && !key.equals("id") && random.nextInt(12) == 0) {
                    continue; // missing
                }
                String value = !complete && !key.equals("id") && random.nextInt(12) == 0 ? "null" : fields.get(key);
                line.append(line.length() > 1 ? ", " : "").append('"').append(key).append("\": ").append(value);
                if (random.nextInt(20) == 0) {
                    line.append(", \"unknown\": {\"x\": [1, {\"y\": null}, \"z\"], \"w\": -1.5e3}");
                }
            }
            lines.add(line.append('}').toString());
        }
        return lines;
    }
}
