package dev.ember.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark workloads: Nexmark's stateless queries with their SQL verbatim from nexmark's
 * {@code nexmark-flink/src/main/resources/queries/q*.sql} (sinks are {@code blackhole} there too; only the sink
 * table name differs), plus Calc-heavy shapes that isolate what Ember accelerates. All read the Nexmark views
 * ({@code bid} = {@code WHERE event_type = 2} over the nested source rows), so every query's Calc also does the
 * view's filter and nested field access.
 *
 * @param name        what the command line and the report call it
 * @param sinkColumns the sink's column list as in nexmark's DDL, or null: derive it from the query's result type
 * @param select      the query whose result is inserted into the sink
 * @param nexmark     part of the Nexmark geo-mean (q0, q1, q2, q21, q22)
 * @param note        why the query is in the set
 */
public record BenchQuery(String name, String sinkColumns, String select, boolean nexmark, String note) {

    public static final List<BenchQuery> ALL = List.of(
            new BenchQuery("q0",
                    "auction BIGINT, bidder BIGINT, price BIGINT, `dateTime` TIMESTAMP(3), extra VARCHAR",
                    "SELECT auction, bidder, price, `dateTime`, extra FROM bid",
                    true, "Nexmark pass-through: the cost of the boundary itself"),
            new BenchQuery("q1",
                    "auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), `dateTime` TIMESTAMP(3), extra VARCHAR",
                    "SELECT auction, bidder, 0.908 * price as price, `dateTime`, extra FROM bid",
                    true, "Nexmark currency conversion: DECIMAL multiply"),
            new BenchQuery("q2",
                    "auction BIGINT, price BIGINT",
                    "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0",
                    true, "Nexmark selective filter on the auction id"),
            new BenchQuery("q21",
                    "auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, channel_id VARCHAR",
                    q21("bid"),
                    true, "Nexmark CASE + LOWER + REGEXP_EXTRACT"),
            new BenchQuery("q22",
                    "auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, dir1 VARCHAR, dir2 VARCHAR,"
                            + " dir3 VARCHAR",
                    "SELECT auction, bidder, price, channel,"
                            + " SPLIT_INDEX(url, '/', 3) as dir1,"
                            + " SPLIT_INDEX(url, '/', 4) as dir2,"
                            + " SPLIT_INDEX(url, '/', 5) as dir3 FROM bid",
                    true, "Nexmark SPLIT_INDEX of the URL"),
            new BenchQuery("strings", null,
                    "SELECT auction, UPPER(channel) AS channel_upper, LOWER(url) AS url_lower,"
                            + " SUBSTRING(url, 25, 12) AS url_part,"
                            + " CONCAT(channel, ':', TRIM(SUBSTRING(url, 25, 6))) AS tag"
                            + " FROM bid WHERE url LIKE '%item.htm%' AND channel NOT LIKE 'channel-9%'",
                    false, "string kernels over the URL and channel"),
            new BenchQuery("case_chain", null,
                    "SELECT auction, price, CASE"
                            + " WHEN price < 1000 THEN 'tiny'"
                            + " WHEN price < 10000 THEN 'small'"
                            + " WHEN price < 100000 THEN 'medium'"
                            + " WHEN price < 1000000 THEN 'large'"
                            + " WHEN price < 10000000 THEN 'huge'"
                            + " ELSE 'giant' END AS band FROM bid",
                    false, "6-branch CASE; prices are log-uniform so every branch is taken"),
            new BenchQuery("arith", null,
                    "SELECT auction + bidder AS a1, price * 3 - auction AS a2, (price + bidder) % 1000 AS a3,"
                            + " price / 7 + 1 AS a4, auction * 2 + bidder * 3 + price AS a5,"
                            + " CAST(price AS DECIMAL(18, 2)) * 1.25 AS d1,"
                            + " CAST(price AS DECIMAL(18, 2)) + CAST(bidder AS DECIMAL(18, 2)) AS d2,"
                            + " CAST(price AS DOUBLE) * 0.908 + CAST(auction AS DOUBLE) AS f1 FROM bid",
                    false, "8 arithmetic columns incl. DECIMAL and DOUBLE"),
            new BenchQuery("selective", null,
                    // log10(price / 100) is uniform on [0, 6): price > 10^7.94 keeps 1% of the bids.
                    "SELECT auction, bidder, price, channel FROM bid WHERE price > 87096359",
                    false, "filter keeping ~1% of bids: filter cost dominates"),
            new BenchQuery("nonselective", null,
                    // price >= 10^2.06 keeps 99% of the bids.
                    "SELECT auction, bidder, price, channel, url FROM bid WHERE price >= 115",
                    false, "filter keeping ~99% of bids: output copying dominates"),
            new BenchQuery("trivial", null,
                    "SELECT auction, price FROM bid",
                    false, "2-column projection: little to accelerate, the boundary may not pay"),
            // The same bids as JSON lines in a file (written once by stock Flink's json format): the scan's decoding
            // is fused into the native Calc. Rows/s count Nexmark events, of which 92% are bids.
            new BenchQuery("json_decode", null,
                    "SELECT auction, bidder, price, channel, url, `dateTime`, extra FROM " + BenchMain.JSON_TABLE
                            + " WHERE auction >= 0",
                    false, "JSON file -> all 7 bid fields (a filter every row passes): decoding dominates"),
            new BenchQuery("json_filter", null,
                    "SELECT auction, bidder, price, channel FROM " + BenchMain.JSON_TABLE + " WHERE price > 87096359",
                    false, "JSON file -> filter keeping ~1% -> 4 columns"),
            new BenchQuery("json_q1", null,
                    "SELECT auction, bidder, 0.908 * price as price, `dateTime`, extra FROM " + BenchMain.JSON_TABLE,
                    false, "Nexmark q1 over the JSON file"),
            new BenchQuery("json_q21", null,
                    q21(BenchMain.JSON_TABLE),
                    false, "Nexmark q21 over the JSON file: decoding + regex"),
            // The JSON file with a WATERMARK (event time, as in a real event pipeline): stock runs scan -> watermark
            // assigner -> Calc; Ember runs all three in the native operator.
            new BenchQuery("json_rowtime_q1", null,
                    "SELECT auction, bidder, 0.908 * price as price, `dateTime`, extra FROM "
                            + BenchMain.JSON_ROWTIME_TABLE,
                    false, "Nexmark q1 over the JSON file with a watermark on dateTime"),
            new BenchQuery("json_rowtime_q21", null,
                    q21(BenchMain.JSON_ROWTIME_TABLE),
                    false, "Nexmark q21 over the JSON file with a watermark on dateTime"),
            // The same bids as a CSV file (written once by stock Flink's csv format), fused like the JSON file.
            new BenchQuery("csv_decode", null,
                    "SELECT auction, bidder, price, channel, url, `dateTime`, extra FROM " + BenchMain.CSV_TABLE
                            + " WHERE auction >= 0",
                    false, "CSV file -> all 7 bid fields (a filter every row passes): decoding dominates"),
            new BenchQuery("csv_filter", null,
                    "SELECT auction, bidder, price, channel FROM " + BenchMain.CSV_TABLE + " WHERE price > 87096359",
                    false, "CSV file -> filter keeping ~1% -> 4 columns"),
            // JSON file -> Calc -> JSON file (a filesystem sink in the json format instead of blackhole): with Ember
            // the scan's decoding and the sink's encoding are both fused into the native Calc.
            new BenchQuery("json_sink_copy", null,
                    "SELECT auction, bidder, price, channel, url, `dateTime`, extra FROM " + BenchMain.JSON_TABLE
                            + " WHERE auction >= 0",
                    false, "JSON file -> all 7 bid fields -> JSON file: decoding + encoding dominate"),
            new BenchQuery("json_sink_q1", null,
                    "SELECT auction, bidder, 0.908 * price as price, `dateTime`, extra FROM " + BenchMain.JSON_TABLE,
                    false, "Nexmark q1 from a JSON file into a JSON file"));

    /** Nexmark q21 over {@code table}. */
    private static String q21(String table) {
        return "SELECT auction, bidder, price, channel,"
                + " CASE"
                + " WHEN lower(channel) = 'apple' THEN '0'"
                + " WHEN lower(channel) = 'google' THEN '1'"
                + " WHEN lower(channel) = 'facebook' THEN '2'"
                + " WHEN lower(channel) = 'baidu' THEN '3'"
                + " ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2)"
                + " END AS channel_id FROM " + table
                + " where REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) is not null or"
                + " lower(channel) in ('apple', 'google', 'facebook', 'baidu')";
    }

    /** The queries named on the command line, in the order given (all when none). */
    public static List<BenchQuery> select(List<String> names) {
        if (names.isEmpty()) {
            return ALL;
        }
        Map<String, BenchQuery> byName = ALL.stream().collect(Collectors.toMap(BenchQuery::name, Function.identity()));
        List<BenchQuery> chosen = new ArrayList<>();
        for (String n : names) {
            BenchQuery q = byName.get(n.toLowerCase(Locale.ROOT));
            if (q == null) {
                throw new IllegalArgumentException("unknown query '" + n + "'; known: "
                        + ALL.stream().map(BenchQuery::name).collect(Collectors.joining(", ")));
            }
            chosen.add(q);
        }
        return chosen;
    }

    /** True if the query reads the JSON file of bids. */
    public boolean readsJson() {
        return select.contains(BenchMain.JSON_TABLE);
    }

    /** True if the query reads the CSV file of bids. */
    public boolean readsCsv() {
        return select.contains(BenchMain.CSV_TABLE);
    }

    /** True if the query writes a JSON file (a filesystem sink) instead of a blackhole sink. */
    public boolean writesJson() {
        return name.startsWith("json_sink_");
    }

    public String sinkTable() {
        return "sink_" + name;
    }
}
