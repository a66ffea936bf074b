package dev.ember.flink;

import dev.ember.flink.config.EmberOptions;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQL on the test MiniCluster with Ember on or off, over an in-memory table that reaches the Calc at run
 * time (a DataStream source: never constant-folded by the planner, unlike VALUES).
 */
public final class FlinkRunner {

    /** How the input table is produced. */
    public enum Mode {
        /** Streaming runtime, insert-only input. */
        STREAMING,
        /** Streaming runtime, input is a changelog with -U/+U/-D rows. */
        STREAMING_CHANGELOG,
        /** Batch runtime (BatchExecCalc). */
        BATCH
    }

    private final Mode mode;
    private final boolean emberEnabled;
    private final StreamExecutionEnvironment env;
    private final StreamTableEnvironment tEnv;

    public FlinkRunner(Mode mode, boolean emberEnabled) {
        this.mode = mode;
        this.emberEnabled = emberEnabled;
        this.env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.setRuntimeMode(mode == Mode.BATCH ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        EnvironmentSettings settings = mode == Mode.BATCH
                ? EnvironmentSettings.newInstance().inBatchMode().build()
                : EnvironmentSettings.newInstance().inStreamingMode().build();
        this.tEnv = StreamTableEnvironment.create(env, settings);
        tEnv.getConfig().set(EmberOptions.ENABLED, emberEnabled);
        // Small batches and a short timer exercise the flush paths on small inputs.
        tEnv.getConfig().set(EmberOptions.BATCH_SIZE, 100);
    }

    public StreamTableEnvironment tableEnv() {
        return tEnv;
    }

    public StreamExecutionEnvironment env() {
        return env;
    }

    /** Registers {@code name} with the given rows (RowKinds other than +I only in STREAMING_CHANGELOG mode). */
    public void register(String name, TypeInformation<Row> type, Schema schema, List<Row> rows) {
        Table table = mode == Mode.STREAMING_CHANGELOG
                ? tEnv.fromChangelogStream(env.fromData(rows, type), schema, ChangelogMode.all())
                : tEnv.fromDataStream(env.fromData(rows, type), schema);
        tEnv.createTemporaryView(name, table);
    }

    /** Executes a query and returns all result rows, RowKind included. */
    public List<Row> query(String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    public String explain(String sql) {
        return tEnv.explainSql(sql);
    }

    public boolean emberEnabled() {
        return emberEnabled;
    }
}
