package dev.ember.flink.fuzz;

import dev.ember.flink.FlinkRunner;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The random table {@code t}: {@code id BIGINT} (0..n-1, never NULL) and one or two columns of every {@link SqlType}.
 * Row {@code id} depends only on (seed, id), so any subset of rows (a shrunk reproduction) is generated without
 * materializing the others, and a million rows stream through a generator source instead of living in the job graph.
 */
final class RandomTable {

    /** A column of {@code t}. */
    record Column(String name, SqlType type) {}

    static final List<Column> COLUMNS = List.of(
            new Column("c_bool", SqlType.BOOLEAN),
            new Column("c_ti", SqlType.TINYINT),
            new Column("c_si", SqlType.SMALLINT),
            new Column("c_i", SqlType.INT),
            new Column("c_i2", SqlType.INT),
            new Column("c_bi", SqlType.BIGINT),
            new Column("c_f", SqlType.FLOAT),
            new Column("c_d", SqlType.DOUBLE),
            new Column("c_d2", SqlType.DOUBLE),
            new Column("c_dec5", SqlType.DECIMAL_5_0),
            new Column("c_dec10", SqlType.DECIMAL_10_2),
            new Column("c_dec19", SqlType.DECIMAL_19_4),
            new Column("c_dec38", SqlType.DECIMAL_38_18),
            new Column("c_s", SqlType.STRING),
            new Column("c_s2", SqlType.STRING),
            new Column("c_dt", SqlType.DATE),
            new Column("c_ts", SqlType.TIMESTAMP_3));

    static final TypeInformation<Row> TYPE;
    static final Schema SCHEMA;

    static {
        String[] names = new String[COLUMNS.size() + 1];
        TypeInformation<?>[] types = new TypeInformation<?>[names.length];
        Schema.Builder schema = Schema.newBuilder().column("id", DataTypes.BIGINT().notNull());
        names[0] = "id";
        types[0] = Types.LONG;
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column c = COLUMNS.get(i);
            names[i + 1] = c.name();
            types[i + 1] = c.type().typeInfo;
            schema.column(c.name(), c.type().dataType);
        }
        TYPE = Types.ROW_NAMED(names, types);
        SCHEMA = schema.build();
    }

    private RandomTable() {}

    static List<Column> columnsOf(Cls cls) {
        return COLUMNS.stream().filter(c -> c.type().cls == cls).collect(Collectors.toList());
    }

    /** Row {@code id} of the table of {@code seed}. */
    static Row row(long seed, long id) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        Object[] v = new Object[COLUMNS.size() + 1];
        v[0] = id;
        for (int i = 0; i < COLUMNS.size(); i++) {
            v[i + 1] = COLUMNS.get(i).type().random(r);
        }
        return Row.of(v);
    }

    /** Registers view {@code t} with rows 0..n-1 ({@code ids == null}) or with exactly the rows {@code ids}. */
    static void register(FlinkRunner runner, long seed, long n, long[] ids) {
        long count = ids == null ? n : ids.length;
        DataGeneratorSource<Row> source = new DataGeneratorSource<>(
                new Rows(seed, ids), count, RateLimiterStrategy.noOp(), TYPE);
        runner.tableEnv().createTemporaryView(
                "t",
                runner.tableEnv().fromDataStream(
                        runner.env().fromSource(source, WatermarkStrategy.noWatermarks(), "random-t"), SCHEMA));
    }

    /** Index -> row; serializable into the job graph (only the seed and the id list travel). */
    private static final class Rows implements GeneratorFunction<Long, Row> {
        private final long seed;
        private final long[] ids;

        Rows(long seed, long[] ids) {
            this.seed = seed;
            this.ids = ids;
        }

        @Override
        public Row map(Long index) {
            return row(seed, ids == null ? index : ids[(int) (long) index]);
        }
    }

    static List<Row> rows(long seed, long[] ids) {
        List<Row> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(row(seed, id));
        }
        return out;
    }
}
