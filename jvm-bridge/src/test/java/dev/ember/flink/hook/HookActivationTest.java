package dev.ember.flink.hook;

import dev.ember.flink.testing.EmberTestSupport;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shadowed {@code DelegatePlannerFactory} as a user gets it (normal table environment, planner through the planner
 * loader). Ember is active exactly when the native library loads: with it, EXPLAIN shows NativeCalc; without it
 * (fail closed, one WARN line), plans are stock and results correct. Both branches assert, so the test proves the
 * fail-closed path today and the active path once the native library is built (the lead runs it then).
 */
class HookActivationTest {

    private static final String QUERY = "SELECT a + 1 AS a1, UPPER(s) AS u FROM src WHERE a > 5";

    @Test
    void hookIsActiveExactlyWhenTheNativeLibraryLoads() throws Exception {
        String factory = EmberTestSupport.resolvedPlannerFactory();
        StreamExecutionEnvironment env = EmberTestSupport.env();
        StreamTableEnvironment tEnv = EmberTestSupport.stockOrHooked(env, true);
        tEnv.executeSql(
                "CREATE TABLE src (a INT, s STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '20',"
                        + " 'fields.a.kind' = 'sequence', 'fields.a.start' = '1', 'fields.a.end' = '20')");
        String explain = tEnv.explainSql(QUERY);

        if (factory.equals("dev.ember.flink.hook.EmberPlannerFactory")) {
            assertThat(explain).contains("NativeCalc(select=[");
        } else {
            assertThat(factory).isEqualTo("org.apache.flink.table.planner.delegation.DefaultPlannerFactory");
            assertThat(explain).doesNotContain("NativeCalc").contains("Calc(select=[");
            // Stock results: the sequence 6..20 survives the filter.
            List<Integer> out = new ArrayList<>();
            try (CloseableIterator<Row> rows = tEnv.executeSql(QUERY).collect()) {
                rows.forEachRemaining(r -> out.add((Integer) r.getField(0)));
            }
            assertThat(out).hasSize(15).contains(7, 21);
        }
    }

    @Test
    void nativeLibraryLoadsWhenBuilt() {
        // For the lead: fails (with the loader's reason in the log) until libember_jni.so is built and bundled.
        assertThat(EmberTestSupport.resolvedPlannerFactory())
                .as("Ember inactive: see the 'Ember inactive' WARN line in the test log")
                .isEqualTo("dev.ember.flink.hook.EmberPlannerFactory");
    }
}
