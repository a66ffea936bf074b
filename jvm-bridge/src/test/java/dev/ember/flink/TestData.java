package dev.ember.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge-heavy table {@code t} shared by the differential tests: NULL in every column, integer MIN/MAX, NaN,
 * +-0.0, +-Infinity, empty/short/long/multi-byte/4-byte-UTF-8 strings, decimals at their limits, dates and
 * timestamps before 1970 and far ahead, a nested ROW (Nexmark-style {@code bid.price}), JSON documents (valid and
 * malformed), bytes, and strings that almost parse as numbers, booleans, dates and timestamps.
 */
public final class TestData {

    public static final String[] NAMES = {
        "id", "a", "b", "d", "s", "amount", "dt", "ts", "flag", "bid", "ti", "si", "f", "big", "ts6", "ltz", "js",
        "bin", "ns"
    };

    public static final TypeInformation<Row> TYPE = Types.ROW_NAMED(
            NAMES,
            Types.LONG, Types.INT, Types.LONG, Types.DOUBLE, Types.STRING, Types.BIG_DEC, Types.LOCAL_DATE,
            Types.LOCAL_DATE_TIME, Types.BOOLEAN,
            Types.ROW_NAMED(new String[] {"price", "url"}, Types.LONG, Types.STRING),
            Types.BYTE, Types.SHORT, Types.FLOAT, Types.BIG_DEC, Types.LOCAL_DATE_TIME, Types.INSTANT, Types.STRING,
            Types.PRIMITIVE_ARRAY(Types.BYTE), Types.STRING);

    public static final Schema SCHEMA = Schema.newBuilder()
            .column("id", DataTypes.BIGINT())
            .column("a", DataTypes.INT())
            .column("b", DataTypes.BIGINT())
            .column("d", DataTypes.DOUBLE())
            .column("s", DataTypes.STRING())
            .column("amount", DataTypes.DECIMAL(10, 2))
            .column("dt", DataTypes.DATE())
            .column("ts", DataTypes.TIMESTAMP(3))
            .column("flag", DataTypes.BOOLEAN())
            .column("bid", DataTypes.ROW(
                    DataTypes.FIELD("price", DataTypes.BIGINT()), DataTypes.FIELD("url", DataTypes.STRING())))
            .column("ti", DataTypes.TINYINT())
            .column("si", DataTypes.SMALLINT())
            .column("f", DataTypes.FLOAT())
            .column("big", DataTypes.DECIMAL(38, 18))
            .column("ts6", DataTypes.TIMESTAMP(6))
            .column("ltz", DataTypes.TIMESTAMP_LTZ(3))
            .column("js", DataTypes.STRING())
            .column("bin", DataTypes.BYTES())
            .column("ns", DataTypes.STRING())
            .build();

    private static final int[] INTS = {0, 1, -1, 2, 3, 7, 10, 11, -5, 42, Integer.MAX_VALUE, Integer.MIN_VALUE, 100};
    private static final long[] LONGS = {0L, 1L, -1L, 5L, 999L, 1000L, 1001L, Long.MAX_VALUE, Long.MIN_VALUE, -77L};
    private static final double[] DOUBLES = {
        0.0, -0.0, 1.5, -2.25, 0.1, 1e308, -1e-300, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.0E7, 123456.789, 3.0
    };
    private static final String[] STRINGS = {
        "", "a", "abc", "hello world!", "  padded  ", "ümlaut äöü", "emoji 😀 ok", "xyz_under", "ABC", "aab",
        "a_b%c", "Straße", "1234567", "12345678", " x "
    };
    private static final String[] DECIMALS = {"0.00", "1.50", "-1.50", "99999999.99", "-99999999.99", "0.01", "12.34"};
    private static final LocalDate[] DATES = {
        LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.of(1900, 1, 1),
        LocalDate.of(9999, 12, 31), LocalDate.of(2020, 6, 15)
    };
    private static final LocalDateTime[] TIMESTAMPS = {
        LocalDateTime.of(1970, 1, 1, 0, 0, 0), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
        LocalDateTime.of(2021, 3, 4, 5, 6, 7, 123_000_000), LocalDateTime.of(2999, 1, 1, 12, 0),
        LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000_000)
    };

    private static final byte[] TINYINTS = {0, 1, -1, Byte.MAX_VALUE, Byte.MIN_VALUE, 7, -100};
    private static final short[] SMALLINTS = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 300, -1234};
    private static final float[] FLOATS = {
        0.0f, -0.0f, 1.5f, -2.25f, 0.1f, 3.4e38f, -1.0e-40f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 16777217.0f, 1234.5677f
    };
    /** DECIMAL(38, 18) at its limits: 20 integer digits, 18 fraction digits. */
    private static final String[] BIG_DECIMALS = {
        "0", "1.000000000000000001", "-1.5", "99999999999999999999.999999999999999999",
        "-99999999999999999999.999999999999999999", "12345.678901234567890123", "0.000000000000000001"
    };
    private static final LocalDateTime[] TIMESTAMPS6 = {
        LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000), LocalDateTime.of(9999, 12, 31, 23, 59, 59),
        LocalDateTime.of(1582, 10, 4, 1, 2, 3), LocalDateTime.of(2000, 1, 1, 12, 30, 45, 500_000_000)
    };
    private static final Instant[] INSTANTS = {
        Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2021-03-04T05:06:07.123Z"),
        Instant.parse("2999-01-01T00:00:00Z"), Instant.parse("1900-01-01T00:00:00.001Z")
    };
    /** JSON documents for JSON_VALUE & co.: nested, arrays, escapes, wrong types, malformed. */
    private static final String[] JSONS = {
        "{\"a\":1,\"b\":\"x\",\"c\":{\"d\":[1,2,3],\"e\":null}}", "{\"a\":\"12\",\"b\":true}",
        "{\"a\":-3.5e2,\"b\":\"\\u00e4\\n\\\"q\\\"\"}", "[1,2,{\"a\":5}]", "{\"a\":", "not json", "",
        "{\"b\":{\"a\":1}}", "{\"a\":9223372036854775807,\"b\":\"😀\"}", "{\"a\":[],\"b\":{}}"
    };
    private static final byte[][] BYTES = {
        {}, {0}, {1, 2, 3}, {-1, -128, 127}, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)
    };
    /** Strings that are (or almost are) numbers, booleans, dates and timestamps: CAST and TO_* inputs. */
    private static final String[] NUMERIC_STRINGS = {
        "12", " 7 ", "-0", "1e3", "1.5", "abc", "", "2147483648", "-9223372036854775808", "true", "FALSE", "yes",
        "2024-02-29", "2023-02-29", "2021-03-04 05:06:07.123", "2021-03-04T05:06:07", "1970-01-01 00:00:00", "NaN",
        "0x1F", "+42", "99999999999999999999999"
    };

    private TestData() {}

    /** {@code n} insert rows; a column is NULL when {@code (row + column) % 9 == 0}. */
    public static List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] v = new Object[NAMES.length];
            v[0] = (long) i;
            v[1] = INTS[i % INTS.length];
            v[2] = LONGS[(i * 3) % LONGS.length];
            v[3] = DOUBLES[(i * 5) % DOUBLES.length];
            v[4] = STRINGS[(i * 7) % STRINGS.length];
            v[5] = new BigDecimal(DECIMALS[i % DECIMALS.length]);
            v[6] = DATES[i % DATES.length];
            v[7] = TIMESTAMPS[(i * 2) % TIMESTAMPS.length];
            v[8] = i % 3 == 0;
            v[9] = i % 13 == 5 ? null : Row.of(i % 4 == 0 ? null : (long) (i % 50), i % 5 == 0 ? null : "u" + (i % 17) + "x");
            v[10] = TINYINTS[i % TINYINTS.length];
            v[11] = SMALLINTS[(i * 3) % SMALLINTS.length];
            v[12] = FLOATS[(i * 5) % FLOATS.length];
            v[13] = new BigDecimal(BIG_DECIMALS[(i * 2) % BIG_DECIMALS.length]);
            v[14] = TIMESTAMPS6[(i * 5) % TIMESTAMPS6.length];
            v[15] = INSTANTS[(i * 3) % INSTANTS.length];
            v[16] = JSONS[i % JSONS.length];
            v[17] = BYTES[i % BYTES.length];
            v[18] = NUMERIC_STRINGS[(i * 11) % NUMERIC_STRINGS.length];
            for (int c = 1; c < v.length; c++) {
                if ((i + c) % 9 == 0) {
                    v[c] = null;
                }
            }
            rows.add(Row.of(v));
        }
        return rows;
    }

    /** Like {@link #rows} but a changelog: some rows are retracted (-D) or updated (-U/+U). */
    public static List<Row> changelog(int n) {
        List<Row> out = new ArrayList<>();
        List<Row> base = rows(n);
        for (int i = 0; i < base.size(); i++) {
            Row row = base.get(i);
            out.add(row);
            if (i % 7 == 3) {
                Row before = Row.copy(row);
                before.setKind(RowKind.UPDATE_BEFORE);
                Row after = Row.copy(base.get((i + 1) % base.size()));
                after.setField(0, row.getField(0));
                after.setKind(RowKind.UPDATE_AFTER);
                out.add(before);
                out.add(after);
            } else if (i % 11 == 4) {
                Row deleted = Row.copy(row);
                deleted.setKind(RowKind.DELETE);
                out.add(deleted);
            }
        }
        return out;
    }
}
