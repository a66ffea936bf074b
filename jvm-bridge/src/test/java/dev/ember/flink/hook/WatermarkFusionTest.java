package dev.ember.flink.hook;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.runtime.HandedOverRows;
import dev.ember.flink.testing.EmberTestSupport;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.Schema;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.bridge.java.internal.StreamTableEnvironmentImpl;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calc → WatermarkAssigner → Calc fused into one native operator, stock vs Ember on the MiniCluster: the same rows, and
 * every row seen downstream under the same current watermark (so watermarks sit between the same rows), an event-time
 * window dropping the same late rows, the same error for a NULL rowtime; the job keeps stock's operator count.
 */
class WatermarkFusionTest {

    /** Event times jump by up to 4 s and go back by up to 3 s: eager emissions (interval 5 s) and late rows. */
    private static List<Row> events(int n) {
        List<Row> rows = new ArrayList<>();
        long ts = -20_000; // starts before 1970: the stock assigner emits nothing until the watermark passes 0
        for (int i = 0; i < n; i++) {
            ts += (i * 7919L) % 4001 - ((i % 5 == 0) ? 3000 : 0);
            rows.add(Row.of((long) i, ts, Instant.ofEpochMilli(ts), Instant.ofEpochMilli(ts - 1),
                    LocalDateTime.ofEpochSecond(
                            Math.floorDiv(ts, 1000), (int) Math.floorMod(ts, 1000) * 1_000_000, ZoneOffset.UTC),
                    i % 3 == 0 ? "auction" : "bid-" + (i % 11)));
        }
        return rows;
    }

    private static StreamTableEnvironment tableEnv(boolean ember) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // Periodic emission far beyond the job's run time: only the (data-determined) eager emissions happen.
        env.getConfig().setAutoWatermarkInterval(5_000);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set(EmberOptions.ENABLED, ember);
        tEnv.getConfig().set(EmberOptions.BATCH_SIZE, 7); // batches end mid-way between watermarks
        return tEnv;
    }

    private static StreamTableEnvironment tableEnv(boolean ember, List<Row> rows, String rowtime) {
        StreamTableEnvironment tEnv = tableEnv(ember);
        StreamExecutionEnvironment env = ((StreamTableEnvironmentImpl) tEnv).execEnv();
        DataStream<Row> stream = env.fromData(rows, Types.ROW_NAMED(
                new String[] {"id", "ts", "instant", "earlier", "lts", "kind"},
                Types.LONG, Types.LONG, Types.INSTANT, Types.INSTANT, Types.LOCAL_DATE_TIME, Types.STRING));
        tEnv.createTemporaryView("events", tEnv.fromDataStream(stream, Schema.newBuilder()
                .column("id", "BIGINT")
                .column("ts", "BIGINT")
                .column("instant", "TIMESTAMP_LTZ(3)")
                .column("earlier", "TIMESTAMP_LTZ(3)")
                .column("lts", "TIMESTAMP(3)")
                .column("kind", "STRING")
                .columnByExpression("rowtime", rowtime)
                .watermark("rowtime", "rowtime - INTERVAL '2' SECOND")
                .build()));
        return tEnv;
    }

    /** The query's rows, each with the watermark current when it reached the next operator. */
    private static List<String> rowsWithWatermarks(boolean ember, List<Row> rows, String rowtime, String query)
            throws Exception {
        return rowsWithWatermarks(tableEnv(ember, rows, rowtime), query);
    }

    private static List<String> rowsWithWatermarks(StreamTableEnvironment tEnv, String query) throws Exception {
        DataStream<String> seen = tEnv.toDataStream(tEnv.sqlQuery(query)).process(new ProcessFunction<Row, String>() {
            @Override
            public void processElement(Row row, Context ctx, Collector<String> out) {
                out.collect(row + " @ " + ctx.timerService().currentWatermark());
            }
        });
        List<String> result = new ArrayList<>();
        seen.executeAndCollect().forEachRemaining(result::add);
        return result;
    }

    /** Rowtime expressions: a computed column, like Nexmark's CASE over its nested rows' times. */
    private static final String LTZ = "CASE WHEN kind = 'auction' THEN earlier ELSE instant END";
    private static final String TIMESTAMP = "CASE WHEN id % 2 = 0 THEN lts ELSE lts - INTERVAL '1' SECOND END";
    private static final String QUERY =
            "SELECT id, UPPER(kind) AS k, rowtime, ts % 1000 AS ms FROM events WHERE kind <> 'auction' AND id % 4 <> 1";

    @Test
    void rowsAndWatermarkPositionsMatchStock() throws Exception {
        List<Row> rows = events(2_000);
        for (String rowtime : List.of(LTZ, TIMESTAMP)) {
            List<String> stock = rowsWithWatermarks(false, rows, rowtime, QUERY);
            List<String> ember = rowsWithWatermarks(true, rows, rowtime, QUERY);
            assertThat(stock).hasSizeGreaterThan(800);
            // Watermarks did move during the run (else this compares nothing).
            assertThat(stock.stream().map(s -> s.substring(s.lastIndexOf(" @ "))).distinct().count())
                    .isGreaterThan(20);
            assertThat(ember).as(rowtime).containsExactlyElementsOf(stock);
        }
    }

    /** Unchained, the rows the fused operator hands to its pass-through operators cross the network (serialized). */
    @Test
    void unchainedGivesTheSameRows() throws Exception {
        List<Row> rows = events(500);
        List<String> stock = rowsWithWatermarks(false, rows, TIMESTAMP, QUERY);
        StreamTableEnvironment tEnv = tableEnv(true, rows, TIMESTAMP);
        ((StreamTableEnvironmentImpl) tEnv).execEnv().disableOperatorChaining();
        assertThat(rowsWithWatermarks(tEnv, QUERY)).hasSizeGreaterThan(200).containsExactlyElementsOf(stock);
    }

    @Test
    void fusedIntoOneNativeOperatorKeepingTheStockTopology() {
        List<Row> rows = events(10);
        for (String rowtime : List.of(LTZ, TIMESTAMP)) {
            String stock = tableEnv(false, rows, rowtime).explainSql(QUERY, ExplainDetail.JSON_EXECUTION_PLAN);
            String ember = tableEnv(true, rows, rowtime).explainSql(QUERY, ExplainDetail.JSON_EXECUTION_PLAN);
            assertThat(ember).contains("1 watermark assigner fused", "NativeCalc(fused=[", "FusedIntoNativeCalc[");
            // As many operators (each with an id), so operator IDs derived from the topology match stock's.
            assertThat(count(ember, "\"id\" :")).isEqualTo(count(stock, "\"id\" :"));
        }
    }

    /** Operator IDs Flink derives from the topology (no uids set): equal, so a savepoint maps either way. */
    @Test
    void operatorIdsOfAStatefulJobMatchStock() {
        assertThat(operatorIds(true)).isEqualTo(operatorIds(false)).hasSizeGreaterThan(5);
    }

    private static List<String> operatorIds(boolean ember) {
        return operatorIds(tableEnv(ember, events(10), TIMESTAMP), WINDOW);
    }

    private static List<String> operatorIds(StreamTableEnvironment tEnv, String query) {
        tEnv.toDataStream(tEnv.sqlQuery(query)).print();
        // Every vertex id and operator id, one entry each.
        return EmberTestSupport.operatorIds(((StreamTableEnvironmentImpl) tEnv).execEnv()).stream()
                .flatMap(vertex -> Arrays.stream(vertex.split(" ")))
                .toList();
    }

    private static final String WINDOW = "SELECT window_start, kind, COUNT(*) AS n, SUM(ts) AS s FROM TABLE(TUMBLE("
            + "TABLE events, DESCRIPTOR(rowtime), INTERVAL '10' SECOND)) WHERE id % 7 <> 3"
            + " GROUP BY window_start, window_end, kind";

    @Test
    void eventTimeWindowDropsTheSameLateRows() throws Exception {
        List<Row> rows = events(3_000);
        List<String> stock = collect(tableEnv(false, rows, TIMESTAMP), WINDOW);
        List<String> ember = collect(tableEnv(true, rows, TIMESTAMP), WINDOW);
        assertThat(stock).hasSizeGreaterThan(100);
        assertThat(ember).containsExactlyInAnyOrderElementsOf(stock);
    }

    /**
     * A JSON / CSV file with the computed rowtime: the fused operator also parses the lines (one batch of lines with
     * a malformed one goes through Flink's format, {@code ignore-parse-errors} skipping it).
     */
    @Test
    void fileScanDecodedInTheSameOperator(@TempDir Path dir) throws Exception {
        List<Row> rows = events(1_500);
        List<String> json = new ArrayList<>();
        List<String> csv = new ArrayList<>();
        for (Row row : rows) {
            String lts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(row.<LocalDateTime>getFieldAs(4));
            json.add("{\"id\":" + row.getField(0) + ",\"ts\":" + row.getField(1) + ",\"lts\":\"" + lts
                    + "\",\"kind\":\"" + row.getField(5) + "\"}");
            csv.add(row.getField(0) + "," + row.getField(1) + "," + lts + "," + row.getField(5));
        }
        json.add(700, "{\"id\": broken");
        csv.add(700, "not-a-number,2,1970-01-01 00:00:01.000,bid"); // ignore-parse-errors: id NULL
        Files.write(dir.resolve("events.json"), json);
        Files.write(dir.resolve("events.csv"), csv);
        for (String format : List.of("json", "csv")) {
            String with = " WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("events." + format).toUri()
                    + "', 'format' = '" + format + "', '" + format + ".ignore-parse-errors' = 'true')";
            // A computed rowtime (Calc -> WatermarkAssigner -> Calc), and a WATERMARK on the physical column (the
            // chain starts at the assigner).
            String computed = "CREATE TEMPORARY TABLE file_events (id BIGINT, ts BIGINT, lts TIMESTAMP(3), kind STRING,"
                    + " rowtime AS " + TIMESTAMP + ", WATERMARK FOR rowtime AS rowtime - INTERVAL '2' SECOND)" + with;
            String physical = "CREATE TEMPORARY TABLE file_events (id BIGINT, ts BIGINT, lts TIMESTAMP(3), kind STRING,"
                    + " WATERMARK FOR lts AS lts - INTERVAL '2' SECOND)" + with;
            String query = QUERY.replace("FROM events", "FROM file_events");
            for (String[] table : new String[][] {{computed, query}, {physical, query.replace("rowtime", "lts")}}) {
                List<String> stock = rowsWithWatermarks(withTable(false, table[0]), table[1]);
                StreamTableEnvironment tEnv = withTable(true, table[0]);
                assertThat(tEnv.explainSql(table[1])).as(table[0]).contains("NativeCalc(format=[" + format
                        + "], fused=[", "1 scan decoded natively", "1 watermark assigner fused");
                List<String> ember = rowsWithWatermarks(tEnv, table[1]);
                assertThat(stock).as(table[0]).hasSizeGreaterThan(600);
                assertThat(ember).as(table[0]).containsExactlyElementsOf(stock);
                assertThat(operatorIds(withTable(true, table[0]), table[1]))
                        .isEqualTo(operatorIds(withTable(false, table[0]), table[1]));
            }
        }
    }

    /**
     * A table source (datagen) read only by the fused operator: its records are handed over without Flink's copy
     * (the source's serializer is {@code HandedOverRows}'), with the same rows and watermarks as stock.
     */
    @Test
    void tableSourceRecordsHandedOver() throws Exception {
        String ddl = "CREATE TEMPORARY TABLE gen (id BIGINT, v INT, rowtime AS TIMESTAMPADD(SECOND, CAST(id AS INT)"
                + " * 3 - v % 7, TIMESTAMP '2026-01-01 00:00:00'), WATERMARK FOR rowtime AS rowtime - INTERVAL '5'"
                + " SECOND) WITH ('connector' = 'datagen', 'number-of-rows' = '3000', 'fields.id.kind' = 'sequence',"
                + " 'fields.id.start' = '1', 'fields.id.end' = '3000', 'fields.v.kind' = 'sequence',"
                + " 'fields.v.start' = '-1000', 'fields.v.end' = '1999')";
        String query = "SELECT id, v * 2 AS w, rowtime FROM gen WHERE v % 5 <> 0";
        List<String> stock = rowsWithWatermarks(withTable(false, ddl), query);
        StreamTableEnvironment tEnv = withTable(true, ddl);
        tEnv.toDataStream(tEnv.sqlQuery(query)).print();
        StreamGraph graph = ((StreamTableEnvironmentImpl) tEnv).execEnv().getStreamGraph();
        assertThat(graph.getStreamNodes().stream()
                        .filter(n -> n.getOperatorName().startsWith("Source"))
                        .map(n -> n.getTypeSerializerOut().getClass().getName()))
                .containsExactly(HandedOverRows.class.getName() + "$Serializer");
        List<String> ember = rowsWithWatermarks(withTable(true, ddl), query);
        assertThat(stock).hasSize(2400);
        assertThat(ember).containsExactlyElementsOf(stock);
    }

    private static StreamTableEnvironment withTable(boolean ember, String ddl) {
        StreamTableEnvironment tEnv = tableEnv(ember);
        tEnv.executeSql(ddl);
        return tEnv;
    }

    @Test
    void nullRowtimeFailsLikeStock() {
        List<Row> rows = events(50);
        rows.set(30, Row.of(30L, 0L, null, null, null, "bid"));
        String stock = failure(false, rows);
        assertThat(stock).contains("RowTime field should not be null");
        assertThat(failure(true, rows)).isEqualTo(stock);
    }

    private static String failure(boolean ember, List<Row> rows) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> rowsWithWatermarks(ember, rows, TIMESTAMP, QUERY)).satisfies(t -> thrown[0] = t);
        Throwable root = ExceptionUtils.findThrowableWithMessage(thrown[0], "RowTime field").orElse(thrown[0]);
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static List<String> collect(StreamTableEnvironment tEnv, String sql) throws Exception {
        List<String> result = new ArrayList<>();
        tEnv.executeSql(sql).collect().forEachRemaining(r -> result.add(r.toString()));
        return result;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
