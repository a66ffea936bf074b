package dev.ember.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge-heavy table {@code t} shared by the differential tests: NULL in every column, integer MIN/MAX, NaN,
 * +-0.0, +-Infinity, empty/short/long/multi-byte/4-byte-UTF-8 strings, decimals at their limits, dates and
 * timestamps before 1970 and far ahead, a nested ROW (Nexmark-style {@code bid.price}).
 */
public final class TestData {

    public static final String[] NAMES = {"id", "a", "b", "d", "s", "amount", "dt", "ts", "flag", "bid"};

    public static final TypeInformation<Row> TYPE = Types.ROW_NAMED(
            NAMES,
            Types.LONG, Types.INT, Types.LONG, Types.DOUBLE, Types.STRING, Types.BIG_DEC, Types.LOCAL_DATE,
            Types.LOCAL_DATE_TIME, Types.BOOLEAN,
            Types.ROW_NAMED(new String[] {"price", "url"}, Types.LONG, Types.STRING));

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
