package dev.ember.flink.format;

import dev.ember.flink.FlinkRunner;
import dev.ember.flink.config.EmberOptions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests of the fused CSV sink: the same INSERT on stock Flink and on Ember writes into two directories of a
 * {@code filesystem} table in the {@code csv} format (a bulk format: Flink's {@code CsvBulkWriter} vs Ember's chunk
 * writer), and the files' bytes (concatenated in file-name order; parallelism 1) must be identical. Covers every
 * natively encoded flat type with edge values (NULLs, empty strings, strings with delimiters, quotes, line breaks,
 * leading/trailing spaces, control characters, 4-byte UTF-8, more than 24 characters; decimals in scientific notation;
 * timestamps before 1970), each format option, CSV file -> Calc -> CSV file (both ends fused), rows from a DataStream,
 * sinks that stay stock with their reason, and the job's operator ids (those of the stock job).
 */
class CsvSinkTest {

    /** The columns of the JSON input file (the ROW column is only read by the sinks that stay stock). */
    private static final String COLUMNS =
            "id BIGINT, b BOOLEAN, ti TINYINT, si SMALLINT, i INT, amt DECIMAL(10, 2), big DECIMAL(38, 18),"
                    + " p DECIMAL(5, 0), s STRING, dt DATE, ts TIMESTAMP(3), ts6 TIMESTAMP(6),"
                    + " ltz TIMESTAMP_LTZ(3), ltz6 TIMESTAMP_LTZ(6), r ROW<x INT, y STRING, q ROW<z DECIMAL(10, 2)>>";

    /** The flat columns, what the CSV sinks hold. */
    private static final String FLAT =
            "id BIGINT, b BOOLEAN, ti TINYINT, si SMALLINT, i INT, amt DECIMAL(10, 2), big DECIMAL(38, 18),"
                    + " p DECIMAL(5, 0), s STRING, dt DATE, ts TIMESTAMP(3), ts6 TIMESTAMP(6),"
                    + " ltz TIMESTAMP_LTZ(3), ltz6 TIMESTAMP_LTZ(6)";

    private static final String ALL = "id, b, ti, si, i, amt, big, p, s, dt, ts, ts6, ltz, ltz6";

    @TempDir static Path dir;

    private static final AtomicInteger RUNS = new AtomicInteger();

    @BeforeAll
    static void writeInput() throws Exception {
        Path file = dir.resolve("in/part-0.json");
        Files.createDirectories(file.getParent());
        Files.write(file, (String.join("\n", edgeLines(700)) + "\n").getBytes(StandardCharsets.UTF_8));
        // A CSV input written by stock Flink itself from the JSON rows.
        FlinkRunner runner = new FlinkRunner(FlinkRunner.Mode.BATCH, false);
        runner.tableEnv().executeSql("CREATE TABLE src (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                + dir.resolve("in").toUri() + "', 'format' = 'json')");
        runner.tableEnv().executeSql("CREATE TABLE csvout (" + FLAT + ") WITH ('connector' = 'filesystem', 'path' = '"
                + dir.resolve("csvin").toUri() + "', 'format' = 'csv')");
        // Flink's CSV reader cannot read back an empty (NULL) number, boolean, date or timestamp: only NULL strings.
        runner.tableEnv().executeSql("INSERT INTO csvout SELECT " + ALL + " FROM src WHERE b IS NOT NULL"
                + " AND ti IS NOT NULL AND si IS NOT NULL AND i IS NOT NULL AND amt IS NOT NULL AND big IS NOT NULL"
                + " AND p IS NOT NULL AND dt IS NOT NULL AND ts IS NOT NULL AND ts6 IS NOT NULL AND ltz IS NOT NULL"
                + " AND ltz6 IS NOT NULL").await();
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of(FlinkRunner.Mode.STREAMING), Arguments.of(FlinkRunner.Mode.BATCH));
    }

    /** JSON file -> native Calc -> CSV file, every flat type, default options. */
    @ParameterizedTest
    @MethodSource("modes")
    void everyTypeWithEdgeValues(FlinkRunner.Mode mode) throws Exception {
        Written ember = assertSameFiles(mode, FLAT, "", "SELECT " + ALL + " FROM src WHERE id % 7 <> 3");
        assertThat(ember.explain).contains("1 scan decoded natively").contains("1 sink encoded natively")
                .contains("NativeCalc(format=[json], sink-format=[csv], ");
        assertThat(new String(ember.bytes, StandardCharsets.UTF_8))
                .contains(",1E-18,").contains(",1E+2,").contains(",1.2E+2,").contains("\"1600-03-01 12:13:14.12\"")
                .contains("\"quote \"\" backslash \\ slash /\"").contains("\"9999-12-31 23:00:00.99999Z\"")
                .contains(",-2147483648,").contains(",1969-12-31,");
    }

    /** CSV file -> native Calc -> CSV file: the scan and the sink both fused. */
    @ParameterizedTest
    @MethodSource("modes")
    void csvToCsv(FlinkRunner.Mode mode) throws Exception {
        Written ember = assertSameFiles(mode, FLAT, "", "SELECT " + ALL + " FROM csvsrc WHERE id % 5 <> 1 OR s IS NULL");
        assertThat(ember.explain).contains("1 scan decoded natively").contains("1 sink encoded natively")
                .contains("NativeCalc(format=[csv], sink-format=[csv], ");
        Written copy = assertSameFiles(mode, FLAT, "", "SELECT * FROM csvsrc");
        assertThat(copy.explain).contains("1 sink encoded natively");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void eachFormatOption(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT " + ALL + " FROM src WHERE id >= 0";
        for (String options : new String[] {
            ", 'csv.field-delimiter' = '|'",
            ", 'csv.field-delimiter' = '\\t'",
            ", 'csv.field-delimiter' = ';'",
            ", 'csv.quote-character' = ''''",
            ", 'csv.disable-quote-character' = 'true'",
            ", 'csv.null-literal' = 'NULL'",
            ", 'csv.escape-character' = '\\'",
            ", 'csv.escape-character' = '#', 'csv.quote-character' = ''''",
            ", 'csv.escape-character' = '#', 'csv.disable-quote-character' = 'true'",
            ", 'csv.null-literal' = 'n,a'",
            ", 'csv.write-bigdecimal-in-scientific-notation' = 'false'",
            ", 'csv.write-bigdecimal-in-scientific-notation' = 'true', 'csv.allow-comments' = 'true',"
                    + " 'csv.ignore-parse-errors' = 'true', 'csv.array-element-delimiter' = ':'",
        }) {
            Written ember = assertSameFiles(mode, FLAT, options, sql);
            assertThat(ember.explain).as(options).contains("1 sink encoded natively");
        }
    }

    /** Expressions computed natively and cast by the planner to the sink's types. */
    @ParameterizedTest
    @MethodSource("modes")
    void computedColumns(FlinkRunner.Mode mode) throws Exception {
        String columns = "id BIGINT, up STRING, twice DECIMAL(21, 2), txt STRING, shifted TIMESTAMP(6), yr BIGINT,"
                + " tagged STRING";
        Written ember = assertSameFiles(mode, columns, "",
                "SELECT id, UPPER(s), amt * 2, CAST(i AS STRING), ts6, YEAR(dt), CONCAT(s, '\",\\', s)"
                        + " FROM src WHERE b IS NOT NULL");
        assertThat(ember.explain).contains("1 sink encoded natively");
    }

    /** Rows from a DataStream (no fused scan): the Calc reads rows and encodes for the sink. */
    @ParameterizedTest
    @MethodSource("modes")
    void rowsFromADataStream(FlinkRunner.Mode mode) throws Exception {
        String columns = "k INT, name STRING, price DECIMAL(20, 6), ts TIMESTAMP(3), dt DATE";
        Written ember = assertSameFiles(mode, columns, "",
                "SELECT k * 2, name, price, ts, dt FROM rows_view WHERE k <> 5", CsvSinkTest::registerRows);
        assertThat(ember.explain).contains("1 sink encoded natively").doesNotContain("scan decoded natively");
    }

    /** Sinks the native encoder cannot vouch for stay stock, with their reason; the files are the same anyway. */
    @ParameterizedTest
    @MethodSource("modes")
    void sinksThatStayStock(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT id, s FROM src WHERE id > 0";
        Written notNull = assertSameFiles(mode, "id BIGINT NOT NULL, s STRING", "", sql);
        assertThat(notNull.explain).contains("the sink enforces constraints on rows")
                .doesNotContain("sink encoded natively");

        Written partitioned = assertSameFiles(mode, "id BIGINT, s STRING", "", sql, null, "PARTITIONED BY (s) ");
        assertThat(partitioned.explain).doesNotContain("sink encoded natively");
        if (mode == FlinkRunner.Mode.STREAMING) {
            assertThat(partitioned.explain).contains("partitioned tables are not encoded natively");
        }

        Written disabled = assertSameFiles(mode, "id BIGINT, s STRING", "", sql,
                runner -> runner.tableEnv().getConfig().set(EmberOptions.FORMAT_CSV_SINK_ENABLED, false), "");
        assertThat(disabled.explain).contains("'ember.format.csv.sink.enabled' is false");

        Written delimiter = assertSameFiles(mode, "id BIGINT, s STRING", ", 'csv.field-delimiter' = '¦'", sql);
        assertThat(delimiter.explain).contains("csv option 'field-delimiter'").contains("not encoded natively")
                .doesNotContain("sink encoded natively");

        Written row = assertSameFiles(mode, "id BIGINT, r ROW<x INT, y STRING>", "",
                "SELECT id, ROW(i, s) FROM src WHERE id > 0");
        assertThat(row.explain).doesNotContain("sink encoded natively");

        Written doubles = assertSameFiles(mode, "id BIGINT, d DOUBLE, f FLOAT", "",
                "SELECT id, i / 7e0, CAST(i / 3e0 AS FLOAT) FROM src WHERE id > 0");
        if (Runtime.version().feature() < 19) {
            assertThat(doubles.explain).contains("FLOAT/DOUBLE columns are encoded natively on Java 19+");
        } else {
            assertThat(doubles.explain).contains("1 sink encoded natively");
        }
    }

    /**
     * The job's vertices and operator ids (what a savepoint is matched by) are those of the stock job: the sink node
     * is the stock node over another connector instance, the Calc keeps its id.
     */
    @ParameterizedTest
    @MethodSource("modes")
    void operatorIdsAreStock(FlinkRunner.Mode mode) {
        String insert = "INSERT INTO sink SELECT " + ALL + " FROM src WHERE id > 0";
        List<String> stock = operatorIds(mode, false, insert);
        List<String> ember = operatorIds(mode, true, insert);
        assertThat(stock).isNotEmpty();
        assertThat(ember).isEqualTo(stock);
    }

    private static List<String> operatorIds(FlinkRunner.Mode mode, boolean ember, String insert) {
        return SinkFiles.operatorIds(mode, ember,
                "CREATE TABLE src (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                        + dir.resolve("in").toUri() + "', 'format' = 'json')",
                "CREATE TABLE sink (" + FLAT + ") WITH ('connector' = 'filesystem', 'path' = '"
                        + dir.resolve("unused").toUri() + "', 'format' = 'csv')",
                insert);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Written(byte[] bytes, String explain) {}

    private interface Setup {
        void apply(FlinkRunner runner);
    }

    private static Written assertSameFiles(FlinkRunner.Mode mode, String sinkColumns, String sinkOptions, String select)
            throws Exception {
        return assertSameFiles(mode, sinkColumns, sinkOptions, select, null, "");
    }

    private static Written assertSameFiles(
            FlinkRunner.Mode mode, String sinkColumns, String sinkOptions, String select, Setup setup)
            throws Exception {
        return assertSameFiles(mode, sinkColumns, sinkOptions, select, setup, "");
    }

    private static Written assertSameFiles(FlinkRunner.Mode mode, String sinkColumns, String sinkOptions,
            String select, Setup setup, String partitioning) throws Exception {
        return assertSameFiles(mode, sinkColumns, sinkOptions, select, setup, partitioning, null);
    }

    /** {@code source}: the table {@code src} in {@code select} is replaced by it. */
    private static Written assertSameFiles(FlinkRunner.Mode mode, String sinkColumns, String sinkOptions,
            String select, Setup setup, String partitioning, String source) throws Exception {
        if (source != null) {
            select = select.replace(" FROM src ", " FROM " + source + " ");
        }
        Written stock = write(mode, false, sinkColumns, sinkOptions, select, setup, partitioning);
        Written ember = write(mode, true, sinkColumns, sinkOptions, select, setup, partitioning);
        assertThat(stock.bytes.length).as("stock wrote something: " + select).isGreaterThan(100);
        String expected = new String(stock.bytes, StandardCharsets.UTF_8);
        String actual = new String(ember.bytes, StandardCharsets.UTF_8);
        assertThat(actual).as(mode + ": " + select + sinkOptions + "\n" + ember.explain).isEqualTo(expected);
        assertThat(ember.bytes).isEqualTo(stock.bytes);
        return ember;
    }

    private static Written write(FlinkRunner.Mode mode, boolean ember, String sinkColumns, String sinkOptions,
            String select, Setup setup, String partitioning) throws Exception {
        FlinkRunner runner = new FlinkRunner(mode, ember);
        if (setup != null) {
            setup.apply(runner);
        }
        runner.tableEnv().executeSql("CREATE TABLE src (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                + dir.resolve("in").toUri() + "', 'format' = 'json')");
        runner.tableEnv().executeSql("CREATE TABLE csvsrc (" + FLAT + ") WITH ('connector' = 'filesystem', 'path' = '"
                + dir.resolve("csvin").toUri() + "', 'format' = 'csv')");
        Path out = dir.resolve("out-" + RUNS.incrementAndGet());
        runner.tableEnv().executeSql("CREATE TABLE sink (" + sinkColumns + ") " + partitioning
                + "WITH ('connector' = 'filesystem', 'path' = '" + out.toUri() + "', 'format' = 'csv'"
                + sinkOptions + ")");
        String insert = "INSERT INTO sink " + select;
        String explain = runner.explain(insert);
        runner.tableEnv().executeSql(insert).await();
        return new Written(SinkFiles.contents(out), explain);
    }

    private static void registerRows(FlinkRunner runner) {
        TypeInformation<Row> type = new RowTypeInfo(
                new TypeInformation<?>[] {
                    Types.INT, Types.STRING, Types.BIG_DEC, Types.LOCAL_DATE_TIME, Types.LOCAL_DATE
                },
                new String[] {"k", "name", "price", "ts", "dt"});
        Schema schema = Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .column("price", DataTypes.DECIMAL(20, 6))
                .column("ts", DataTypes.TIMESTAMP(3))
                .column("dt", DataTypes.DATE())
                .build();
        String[] names = {"plain", "", "quote\" back\\slash", "ctl\u0000\u001f\u007f", "😀 𝄞 é", null, "a,b", " lead",
            "trail ", "line\nbreak\r", "#hash", "abcdefghijklmnopqrstuvwxyz", "it's", "tab\there", "x|y"};
        String[] prices = {"0", "0.000000", "1.500000", "-100", "12345678901234.123456", "0.000001", null};
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            LocalDateTime at = k % 11 == 0 ? null : LocalDateTime.of(1969 + k % 60, 1 + k % 12, 1 + k % 28, k % 24,
                    k % 60, k % 60, (k % 4) * 250_000_000 + (k % 3) * 1_000_000);
            LocalDate day = k % 13 == 0 ? null : LocalDate.ofEpochDay(-800_000 + k * 5_000L);
            String price = prices[k % prices.length];
            rows.add(Row.of(k % 17 == 0 ? null : k, names[k % names.length],
                    price == null ? null : new BigDecimal(price), at, day));
        }
        runner.register("rows_view", type, schema, rows);
    }

    /** Lines of the input file: every column with edge values, NULLs and missing keys, escapes. */
    private static List<String> edgeLines(int count) {
        Random random = new Random(7);
        String[] strings = {"", "a", "quote \\\" backslash \\\\ slash \\/", "ctl \\u0000\\u0001\\b\\f\\n\\r\\t\\u001f\\u007f",
            "héllo wörld", "日本語", "emoji \\ud83d\\ude00 and 𝄞 raw", "\\u2028\\u2029", "<>&'"};
        String[] amts = {"0", "0.00", "1.5", "100", "-0.01", "99999999.99", "12345678.9", "-100.00"};
        String[] bigs = {"0", "0.000000000000000001", "1e-7", "0.000001", "100", "-12345678901234567890.123456789012345678",
            "1E+19", "0.1"};
        String[] ps = {"0", "100", "120", "-99999", "7", "10000"};
        String[] dates = {"1970-01-01", "1969-12-31", "0001-01-01", "9999-12-31", "2024-02-29", "1600-03-01"};
        String[] times = {"00:00:00", "23:59:59", "12:13:14.1", "12:13:14.12", "12:13:14.123", "00:00:00.001"};
        String[] micros = {"", ".1", ".123456", ".000001", ".99999", ".5"};
        String[] rs = {"null", "{}", "{\"x\": 1, \"y\": \"in\\\"ner\"}", "{\"x\": null, \"y\": null, \"q\": null}",
            "{\"q\": {\"z\": 100.00}}", "{\"x\": -5, \"y\": \"😀\", \"q\": {\"z\": \"0.001\"}}", "{\"q\": {}}"};
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            List<String> fields = new ArrayList<>();
            fields.add("\"id\": " + n);
            addMaybe(random, fields, "b", random.nextBoolean() ? "true" : "false");
            addMaybe(random, fields, "ti", Integer.toString(random.nextInt(256) - 128));
            addMaybe(random, fields, "si", Integer.toString(random.nextInt(65536) - 32768));
            addMaybe(random, fields, "i", Integer.toString(n % 50 == 0 ? Integer.MIN_VALUE : random.nextInt()));
            addMaybe(random, fields, "amt", amts[random.nextInt(amts.length)]);
            addMaybe(random, fields, "big", bigs[random.nextInt(bigs.length)]);
            addMaybe(random, fields, "p", ps[random.nextInt(ps.length)]);
            addMaybe(random, fields, "s", "\"" + strings[random.nextInt(strings.length)] + "\"");
            addMaybe(random, fields, "dt", "\"" + dates[random.nextInt(dates.length)] + "\"");
            String date = dates[random.nextInt(dates.length)];
            addMaybe(random, fields, "ts", "\"" + date + " " + times[random.nextInt(times.length)] + "\"");
            addMaybe(random, fields, "ts6", "\"" + date + " 01:02:03" + micros[random.nextInt(micros.length)] + "\"");
            addMaybe(random, fields, "ltz", "\"" + date + " " + times[random.nextInt(times.length)] + "Z\"");
            addMaybe(random, fields, "ltz6", "\"" + date + " 23:00:00" + micros[random.nextInt(micros.length)] + "Z\"");
            addMaybe(random, fields, "r", rs[random.nextInt(rs.length)]);
            lines.add("{" + String.join(", ", fields) + "}");
        }
        return lines;
    }

    private static void addMaybe(Random random, List<String> fields, String key, String value) {
        int dice = random.nextInt(10);
        if (dice == 0) {
            return; // missing: NULL
        }
        fields.add("\"" + key + "\": " + (dice == 1 ? "null" : value));
    }
}
