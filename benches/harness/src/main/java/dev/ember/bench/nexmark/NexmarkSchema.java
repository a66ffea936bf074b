package dev.ember.bench.nexmark;

import org.apache.flink.table.types.DataType;

import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;

/**
 * The Nexmark table: one row per event with a nested ROW per event kind (exactly one of them non-null), as
 * nexmark's {@code ddl_gen.sql} declares it, plus the views the Nexmark queries read.
 *
 * <p>Kept in one place so the connector can check that a {@code CREATE TABLE ... WITH ('connector' = 'nexmark')}
 * declares this physical schema (the generator writes fields by position, so a mismatch would be garbage, not an
 * error).
 */
public final class NexmarkSchema {

    public static final int PERSON = 0;
    public static final int AUCTION = 1;
    public static final int BID = 2;

    /** Physical columns; {@code dateTime} and the watermark are computed by the DDL. */
    public static final DataType PHYSICAL = ROW(
            FIELD("event_type", INT()),
            FIELD("person", ROW(
                    FIELD("id", BIGINT()),
                    FIELD("name", STRING()),
                    FIELD("emailAddress", STRING()),
                    FIELD("creditCard", STRING()),
                    FIELD("city", STRING()),
                    FIELD("state", STRING()),
                    FIELD("dateTime", TIMESTAMP(3)),
                    FIELD("extra", STRING()))),
            FIELD("auction", ROW(
                    FIELD("id", BIGINT()),
                    FIELD("itemName", STRING()),
                    FIELD("description", STRING()),
                    FIELD("initialBid", BIGINT()),
                    FIELD("reserve", BIGINT()),
                    FIELD("dateTime", TIMESTAMP(3)),
                    FIELD("expires", TIMESTAMP(3)),
                    FIELD("seller", BIGINT()),
                    FIELD("category", BIGINT()),
                    FIELD("extra", STRING()))),
            FIELD("bid", ROW(
                    FIELD("auction", BIGINT()),
                    FIELD("bidder", BIGINT()),
                    FIELD("price", BIGINT()),
                    FIELD("channel", STRING()),
                    FIELD("url", STRING()),
                    FIELD("dateTime", TIMESTAMP(3)),
                    FIELD("extra", STRING())))).notNull(); // a table's row type is NOT NULL

    /** {@code CREATE TABLE <name>} for the Nexmark source (nexmark's ddl_gen.sql, connector options ours). */
    public static String createTable(String name, long events, long seed) {
        return "CREATE TEMPORARY TABLE " + name + " (\n"
                + "  event_type INT,\n"
                + "  person ROW<id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR,"
                + " state VARCHAR, `dateTime` TIMESTAMP(3), extra VARCHAR>,\n"
                + "  auction ROW<id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT,"
                + " `dateTime` TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR>,\n"
                + "  bid ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,"
                + " `dateTime` TIMESTAMP(3), extra VARCHAR>,\n"
                + "  `dateTime` AS CASE WHEN event_type = 0 THEN person.`dateTime`"
                + " WHEN event_type = 1 THEN auction.`dateTime` ELSE bid.`dateTime` END,\n"
                + "  WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND\n"
                + ") WITH ('connector' = 'nexmark', 'events.num' = '" + events + "', 'seed' = '" + seed + "')";
    }

    /** nexmark's {@code ddl_views.sql}: the queries read these, each a filter on {@code event_type}. */
    public static String[] createViews(String table) {
        return new String[] {
            "CREATE TEMPORARY VIEW person AS SELECT person.id, person.name, person.emailAddress,"
                    + " person.creditCard, person.city, person.state, `dateTime`, person.extra"
                    + " FROM " + table + " WHERE event_type = 0",
            "CREATE TEMPORARY VIEW auction AS SELECT auction.id, auction.itemName, auction.description,"
                    + " auction.initialBid, auction.reserve, `dateTime`, auction.expires, auction.seller,"
                    + " auction.category, auction.extra FROM " + table + " WHERE event_type = 1",
            "CREATE TEMPORARY VIEW bid AS SELECT bid.auction, bid.bidder, bid.price, bid.channel, bid.url,"
                    + " `dateTime`, bid.extra FROM " + table + " WHERE event_type = 2",
        };
    }

    private NexmarkSchema() {}
}
