package dev.ember.flink.demo;

import dev.ember.flink.config.EmberOptions;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * The README demo: one SQL query on an embedded Flink, run stock and with Ember (the jar on the classpath, as
 * it would be in lib/), printing the plan (which operators are native), a few result rows, and wall times.
 * Usage: {@code EmberDemo [rows]}.
 */
public final class EmberDemo {

    private static final String SOURCE = "CREATE TEMPORARY TABLE bids ("
            + " auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING"
            + ") WITH ('connector' = 'datagen', 'rows-per-second' = '100000000',"
            + " 'fields.auction.kind' = 'sequence', 'fields.auction.start' = '1', 'fields.auction.end' = '%d',"
            + " 'fields.bidder.min' = '1', 'fields.bidder.max' = '1000',"
            + " 'fields.price.min' = '1', 'fields.price.max' = '100000',"
            + " 'fields.channel.length' = '6', 'fields.url.length' = '24')";

    private static final String QUERY = "SELECT auction, price * 908 / 1000 AS price_eur, UPPER(channel) AS ch,"
            + " CASE WHEN price > 50000 THEN 'high' WHEN price > 10000 THEN 'mid' ELSE 'low' END AS band,"
            + " SUBSTRING(url, 1, 8) AS url_prefix"
            + " FROM bids WHERE price % 7 <> 0 AND bidder < 900";

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
        System.out.println("== Ember demo: " + rows + " datagen rows, parallelism 1\n");
        System.out.println(QUERY + "\n");

        StreamTableEnvironment ember = env(true, rows);
        String plan = ember.explainSql(QUERY);
        System.out.println("== Optimized execution plan with Ember:");
        System.out.println(plan.substring(plan.indexOf("== Optimized Execution Plan ==")));

        System.out.println("== First rows (Ember):");
        try (CloseableIterator<Row> it = ember.executeSql(QUERY + " LIMIT 5").collect()) {
            it.forEachRemaining(System.out::println);
        }

        long stockMs = timeToBlackhole(env(false, rows));
        long emberMs = timeToBlackhole(env(true, rows));
        System.out.printf("%n== Wall time, datagen -> Calc -> blackhole, %d rows:%n", rows);
        System.out.printf("   stock Flink: %6d ms%n   with Ember:  %6d ms   (ratio %.2fx)%n",
                stockMs, emberMs, (double) stockMs / emberMs);
        System.out.println("   (one rough run including source and sink; benches/ has the proper harness)");
    }

    private static StreamTableEnvironment env(boolean emberEnabled, long rows) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inStreamingMode().build());
        tEnv.getConfig().set(EmberOptions.ENABLED, emberEnabled);
        tEnv.executeSql(String.format(SOURCE, rows));
        tEnv.executeSql("CREATE TEMPORARY TABLE sink (auction BIGINT, price_eur BIGINT, ch STRING, band STRING,"
                + " url_prefix STRING) WITH ('connector' = 'blackhole')");
        return tEnv;
    }

    private static long timeToBlackhole(StreamTableEnvironment tEnv) throws Exception {
        long start = System.nanoTime();
        TableResult result = tEnv.executeSql("INSERT INTO sink " + QUERY);
        result.await();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
