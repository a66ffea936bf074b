package dev.ember.bench.nexmark;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Nexmark source is what every benchmark number rests on: it must produce the declared schema, exactly
 * {@code events.num} rows in the 1:3:46 mix, well-formed nested rows, and the same rows for the same seed
 * (stock and Ember must see identical data). No timing here.
 */
class NexmarkSourceTest {

    private static final int EVENTS = 5_000;

    @Test
    void rowsAreDeterministicAndWellFormed() {
        NexmarkEventGenerator a = generator(7);
        NexmarkEventGenerator b = generator(7);
        NexmarkEventGenerator other = generator(8);
        int differing = 0;
        for (long n = 0; n < 500; n++) {
            RowData row = a.map(n);
            assertEquals(row.toString(), b.map(n).toString(), "same seed, same event " + n);
            differing += row.toString().equals(other.map(n).toString()) ? 0 : 1;
            int type = row.getInt(0);
            long slot = n % 50;
            assertEquals(slot < 1 ? NexmarkSchema.PERSON : slot < 4 ? NexmarkSchema.AUCTION : NexmarkSchema.BID, type);
            for (int kind = 0; kind < 3; kind++) {
                assertEquals(kind != type, row.isNullAt(1 + kind), "exactly the event's own ROW is set");
            }
            RowData nested = row.getRow(1 + type, type == 0 ? 8 : type == 1 ? 10 : 7);
            for (int f = 0; f < (type == 0 ? 8 : type == 1 ? 10 : 7); f++) {
                assertTrue(!nested.isNullAt(f), "field " + f + " of event " + n);
            }
        }
        assertTrue(differing > 400, "another seed gives other data");
    }

    @Test
    void tableHasDeclaredSchemaCountAndDistributions() throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2"); // the split over subtasks must not change the rows
        tEnv.executeSql(NexmarkSchema.createTable("nexmark", EVENTS, 42));
        for (String view : NexmarkSchema.createViews("nexmark")) {
            tEnv.executeSql(view);
        }

        ResolvedSchema schema = tEnv.from("nexmark").getResolvedSchema();
        assertEquals(List.of("event_type", "person", "auction", "bid", "dateTime"), schema.getColumnNames());
        assertEquals(NexmarkSchema.PHYSICAL.getLogicalType(), schema.toPhysicalRowDataType().getLogicalType());
        assertTrue(schema.getColumn("dateTime").map(c -> c instanceof Column.ComputedColumn).orElse(false));
        assertEquals(1, schema.getWatermarkSpecs().size());

        Map<Integer, Long> perType = new HashMap<>();
        for (Row r : collect(tEnv, "SELECT event_type, COUNT(*) FROM nexmark GROUP BY event_type")) {
            perType.put((Integer) r.getField(0), (Long) r.getField(1));
        }
        assertEquals(Map.of(0, 100L, 1, 300L, 2, 4600L), perType);

        Row bids = collect(tEnv, "SELECT COUNT(*),"
                + " SUM(CASE WHEN channel IN ('Google', 'Facebook', 'Baidu', 'Apple') THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN url LIKE 'https://www.nexmark.com/%/%/%/item.htm?query=1%' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN url LIKE '%&channel_id=%' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN price > 87096359 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN price >= 115 THEN 1 ELSE 0 END),"
                + " MIN(price), COUNT(DISTINCT CAST(`dateTime` AS STRING))"
                + " FROM bid").get(0);
        long n = (Long) bids.getField(0);
        assertEquals(4600L, n);
        assertBetween("hot channels", 0.45, 0.55, ((Number) bids.getField(1)).doubleValue() / n);
        assertEquals(n, ((Number) bids.getField(2)).longValue(), "every URL has nexmark's shape");
        assertBetween("URLs with channel_id", 0.40, 0.50, ((Number) bids.getField(3)).doubleValue() / n);
        assertBetween("'selective' keeps ~1%", 0.003, 0.02, ((Number) bids.getField(4)).doubleValue() / n);
        assertBetween("'nonselective' keeps ~99%", 0.98, 1.0, ((Number) bids.getField(5)).doubleValue() / n);
        assertTrue((Long) bids.getField(6) >= 100L, "prices start at one dollar");
        assertNotEquals(0L, bids.getField(7));
    }

    @Test
    void otherSchemaIsRejected() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.executeSql("CREATE TABLE bad (event_type INT, bid ROW<auction BIGINT>) WITH ('connector' = 'nexmark')");
        ValidationException e = assertThrows(ValidationException.class, () -> tEnv.explainSql("SELECT * FROM bad"));
        assertNotNull(e.getMessage());
    }

    @Test
    void bidPaddingHasNexmarksAverage() {
        NexmarkEventGenerator g = generator(1);
        long bytes = 0;
        int bids = 0;
        for (long n = 0; n < 5000; n++) {
            RowData row = g.map(n);
            if (row.getInt(0) == NexmarkSchema.BID) {
                bytes += row.getRow(3, 7).getString(6).toBytes().length;
                bids++;
            }
        }
        // 100-byte average bid minus 32 bytes of fixed fields: 68 ± 14 bytes of extra.
        assertBetween("bid extra length", 60, 76, (double) bytes / bids);
        assertTrue(g.map(0L).isNullAt(3), "event 0 is a person: no bid");
    }

    private static NexmarkEventGenerator generator(long seed) {
        NexmarkEventGenerator g = new NexmarkEventGenerator(new NexmarkConfig(EVENTS, seed, 10_000_000L, 1, 3, 46));
        g.init();
        return g;
    }

    private static List<Row> collect(TableEnvironment tEnv, String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static void assertBetween(String what, double lo, double hi, double actual) {
        assertTrue(actual >= lo && actual <= hi, what + ": " + actual + " not in [" + lo + ", " + hi + "]");
    }
}
