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
 * Differential tests of the fused JSON sink: the same INSERT on stock Flink and on Ember writes into two directories
 * of a {@code filesystem} table in the {@code json} format, and the files' bytes (concatenated in file-name order;
 * parallelism 1) must be identical. Covers every natively encoded type with edge values (NULLs, escapes, control
 * characters, 4-byte UTF-8, decimals printed in scientific notation, zero and negative scales after stripping,
 * timestamps with and without fractions, before 1970), each format option, a fused JSON scan feeding the Calc (both ends
 * native), rows from a DataStream, {@code SELECT *} (decode-only Calc), and sinks that stay stock with their reason.
 */
class JsonSinkTest {

    /** The columns of the input file and of the sinks that copy them. */
    private static final String COLUMNS =
            "id BIGINT, b BOOLEAN, ti TINYINT, si SMALLINT, i INT, amt DECIMAL(10, 2), big DECIMAL(38, 18),"
                    + " p DECIMAL(5, 0), s STRING, dt DATE, ts TIMESTAMP(3), ts6 TIMESTAMP(6),"
                    + " ltz TIMESTAMP_LTZ(3), ltz6 TIMESTAMP_LTZ(6), r ROW<x INT, y STRING, q ROW<z DECIMAL(10, 2)>>";

    private static final String ALL = "id, b, ti, si, i, amt, big, p, s, dt, ts, ts6, ltz, ltz6, r";

    @TempDir static Path dir;

    private static final AtomicInteger RUNS = new AtomicInteger();

    @BeforeAll
    static void writeInput() throws Exception {
        Path file = dir.resolve("in/part-0.json");
        Files.createDirectories(file.getParent());
        Files.write(file, (String.join("\n", edgeLines(700)) + "\n").getBytes(StandardCharsets.UTF_8));
        Path odd = dir.resolve("odd/part-0.json");
        Files.createDirectories(odd.getParent());
        List<String> lines = new ArrayList<>(edgeLines(150));
        // Outside the native parser's fast path, all in the first batch of 100 lines (FlinkRunner's batch size): that
        // batch is decoded by Flink's format, then encoded natively; the next one runs natively throughout.
        lines.add(40, "{\"id\": 1001, \"i\": 1.7, \"s\": \"float into INT\"}");
        lines.add(90, "{\"id\": 1002, \"id\": 1003, \"s\": \"duplicate key\"}");
        lines.add(60, "{\"id\": 1004, \"s\": {\"nested\": [1, 2.50]}}");
        Files.write(odd, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of(FlinkRunner.Mode.STREAMING), Arguments.of(FlinkRunner.Mode.BATCH));
    }

    /** JSON file -> native Calc -> JSON file: the scan and the sink both fused, every type, default options. */
    @ParameterizedTest
    @MethodSource("modes")
    void everyTypeWithEdgeValues(FlinkRunner.Mode mode) throws Exception {
        Written ember = assertSameFiles(mode, COLUMNS, "", "SELECT " + ALL + " FROM src WHERE id % 7 <> 3");
        assertThat(ember.explain).contains("1 scan decoded natively").contains("1 sink encoded natively")
                .contains("NativeCalc(format=[json], sink-format=[json], ");
        // The edge values are really there (the files are equal to stock's, so these are Flink's own forms).
        assertThat(new String(ember.bytes, StandardCharsets.UTF_8))
                .contains("\"big\":1E-18").contains("\"amt\":1E+2").contains("\"p\":1.2E+2").contains("\"amt\":0,")
                .contains("\\u0000\\u0001\\b\\f\\n\\r\\t\\u001F\u007f").contains("\\uD83D\\uDE00")
                .contains("\\uD834\\uDD1E").contains("\u2028").contains("\"dt\":\"1969-12-31\"")
                .contains("\"ts\":\"1600-03-01 12:13:14.12\"").contains("\"ts6\":\"0001-01-01 01:02:03\"")
                .contains("\"ltz6\":\"9999-12-31 23:00:00.99999Z\"").contains("\"r\":{\"x\":null,\"y\":null,\"q\":null}")
                .contains("\"b\":null").contains("\"i\":-2147483648");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void eachFormatOption(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT " + ALL + " FROM src WHERE id >= 0";
        for (String options : new String[] {
            ", 'json.encode.ignore-null-fields' = 'true'",
            ", 'json.encode.decimal-as-plain-number' = 'true'",
            ", 'json.timestamp-format.standard' = 'ISO-8601'",
            ", 'json.timestamp-format.standard' = 'SQL', 'json.encode.ignore-null-fields' = 'false',"
                    + " 'json.map-null-key.mode' = 'LITERAL', 'json.fail-on-missing-field' = 'true'",
        }) {
            Written ember = assertSameFiles(mode, COLUMNS, options, sql);
            assertThat(ember.explain).as(options).contains("1 sink encoded natively");
        }
    }

    /** Batches with a line outside the native parser's fast path: Flink decodes them, the sink is still native. */
    @ParameterizedTest
    @MethodSource("modes")
    void linesDecodedByFlinkAreStillEncodedNatively(FlinkRunner.Mode mode) throws Exception {
        Written ember = assertSameFiles(mode, COLUMNS, "", "SELECT " + ALL + " FROM src WHERE id >= 0",
                runner -> runner.tableEnv().executeSql("CREATE TABLE odd (" + COLUMNS + ") WITH ("
                        + "'connector' = 'filesystem', 'path' = '" + dir.resolve("odd").toUri() + "',"
                        + " 'format' = 'json')"), "", "odd");
        assertThat(new String(ember.bytes, StandardCharsets.UTF_8)).contains("\"s\":\"duplicate key\"");
        assertThat(ember.explain).contains("1 scan decoded natively").contains("1 sink encoded natively");
    }

    /** Expressions computed natively and cast by the planner to the sink's types. */
    @ParameterizedTest
    @MethodSource("modes")
    void computedColumns(FlinkRunner.Mode mode) throws Exception {
        String columns = "id BIGINT, up STRING, twice DECIMAL(21, 2), txt STRING, shifted TIMESTAMP(6), q ROW<z"
                + " DECIMAL(10, 2)>, yr BIGINT, tagged STRING";
        Written ember = assertSameFiles(mode, columns, "",
                "SELECT id, UPPER(s), amt * 2, CAST(i AS STRING), ts6, r.q, YEAR(dt), CONCAT(s, '\"\\\\', s)"
                        + " FROM src WHERE b IS NOT NULL");
        assertThat(ember.explain).contains("1 sink encoded natively");
    }

    /** {@code SELECT *}: the decode-only Calc of the fused scan encodes for the sink, no rows in between. */
    @ParameterizedTest
    @MethodSource("modes")
    void copyWithoutCalc(FlinkRunner.Mode mode) throws Exception {
        Written ember = assertSameFiles(mode, COLUMNS, "", "SELECT * FROM src");
        assertThat(ember.explain).contains("1 scan decoded natively").contains("1 sink encoded natively");
    }

    /**
     * Rows from a DataStream (no fused scan): the Calc reads rows and encodes for the sink; the nested ROW it passes
     * through is decoded for the encoder (a Calc writing rows would carry it as raw bytes).
     */
    @ParameterizedTest
    @MethodSource("modes")
    void rowsFromADataStream(FlinkRunner.Mode mode) throws Exception {
        String columns = "k INT, name STRING, price DECIMAL(20, 6), ts TIMESTAMP(3), dt DATE, r ROW<a INT, s STRING>";
        Written ember = assertSameFiles(mode, columns, "",
                "SELECT k * 2, name, price, ts, dt, r FROM rows_view WHERE k <> 5", JsonSinkTest::registerRows);
        assertThat(ember.explain).contains("1 sink encoded natively").doesNotContain("scan decoded natively");
    }

    /** Sinks the native encoder cannot vouch for stay stock, with their reason; the files are the same anyway. */
    @ParameterizedTest
    @MethodSource("modes")
    void sinksThatStayStock(FlinkRunner.Mode mode) throws Exception {
        String sql = "SELECT id, s FROM src WHERE id > 0";
        Written notNull = assertSameFiles(mode, "id BIGINT NOT NULL, s STRING", "", sql);
        assertThat(notNull.explain).contains("Sink [").contains("the sink enforces constraints on rows")
                .doesNotContain("sink encoded natively");

        Written partitioned = assertSameFiles(mode, "id BIGINT, s STRING", "", sql, null, "PARTITIONED BY (s) ");
        // (In batch mode a Sort by the partition column feeds the sink: no candidate at all.)
        assertThat(partitioned.explain).doesNotContain("sink encoded natively");
        if (mode == FlinkRunner.Mode.STREAMING) {
            assertThat(partitioned.explain).contains("partitioned tables are not encoded natively");
        }

        Written disabled = assertSameFiles(mode, "id BIGINT, s STRING", "", sql,
                runner -> runner.tableEnv().getConfig().set(EmberOptions.FORMAT_JSON_SINK_ENABLED, false), "");
        assertThat(disabled.explain).contains("'ember.format.json.sink.enabled' is false");

        Written doubles = assertSameFiles(mode, "id BIGINT, d DOUBLE", "", "SELECT id, i / 7e0 FROM src WHERE id > 0");
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
                "CREATE TABLE sink (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                        + dir.resolve("unused").toUri() + "', 'format' = 'json')",
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
        Path out = dir.resolve("out-" + RUNS.incrementAndGet());
        runner.tableEnv().executeSql("CREATE TABLE sink (" + sinkColumns + ") " + partitioning
                + "WITH ('connector' = 'filesystem', 'path' = '" + out.toUri() + "', 'format' = 'json'"
                + sinkOptions + ")");
        String insert = "INSERT INTO sink " + select;
        String explain = runner.explain(insert);
        runner.tableEnv().executeSql(insert).await();
        return new Written(SinkFiles.contents(out), explain);
    }

    private static void registerRows(FlinkRunner runner) {
        TypeInformation<Row> type = new RowTypeInfo(
                new TypeInformation<?>[] {
                    Types.INT, Types.STRING, Types.BIG_DEC, Types.LOCAL_DATE_TIME, Types.LOCAL_DATE,
                    Types.ROW_NAMED(new String[] {"a", "s"}, Types.INT, Types.STRING)
                },
                new String[] {"k", "name", "price", "ts", "dt", "r"});
        Schema schema = Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .column("price", DataTypes.DECIMAL(20, 6))
                .column("ts", DataTypes.TIMESTAMP(3))
                .column("dt", DataTypes.DATE())
                .column("r", DataTypes.ROW(
                        DataTypes.FIELD("a", DataTypes.INT()), DataTypes.FIELD("s", DataTypes.STRING())))
                .build();
        String[] names = {"plain", "", "quote\" back\\slash", "ctl\u0000\u001f\u007f", "😀 𝄞 é", null};
        String[] prices = {"0", "0.000000", "1.500000", "-100", "12345678901234.123456", "0.000001", null};
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            LocalDateTime at = k % 11 == 0 ? null : LocalDateTime.of(1969 + k % 60, 1 + k % 12, 1 + k % 28, k % 24,
                    k % 60, k % 60, (k % 4) * 250_000_000 + (k % 3) * 1_000_000);
            LocalDate day = k % 13 == 0 ? null : LocalDate.ofEpochDay(-800_000 + k * 5_000L);
            String price = prices[k % prices.length];
            rows.add(Row.of(k % 17 == 0 ? null : k, names[k % names.length],
                    price == null ? null : new BigDecimal(price), at, day,
                    k % 7 == 0 ? null : Row.of(k % 5 == 0 ? null : -k, names[(k + 1) % names.length])));
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
