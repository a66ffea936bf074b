package dev.ember.flink.hook;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.testing.EmberTestSupport;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.PlanReference;
import org.apache.flink.table.delegation.InternalPlan;
import org.apache.flink.table.delegation.Planner;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner side of the hook with Ember's planner forced in (no native library needed): eligible Calcs become
 * NativeCalc nodes, ineligible ones stay stock with their reason, the switch and COMPILE PLAN behave like stock.
 */
class NativeCalcPlanTest {

    private static final String SOURCE =
            "CREATE TABLE src (a INT, b BIGINT, s STRING) WITH ("
                    + "'connector' = 'datagen', 'number-of-rows' = '10')";

    @TempDir Path dumpDir;

    private StreamTableEnvironment streaming() {
        StreamTableEnvironment tEnv = EmberTestSupport.withEmberPlanner(EmberTestSupport.env(), true);
        tEnv.getConfig().set(EmberOptions.PLAN_DUMP_DIR, dumpDir.toString());
        tEnv.executeSql(SOURCE);
        return tEnv;
    }

    @Test
    void eligibleCalcBecomesNativeCalc() throws Exception {
        StreamTableEnvironment tEnv = streaming();
        String explain =
                tEnv.explainSql(
                        "SELECT a + 1 AS a1, UPPER(s) AS u FROM src WHERE b > 5", ExplainDetail.JSON_EXECUTION_PLAN);
        assertThat(explain).contains("NativeCalc(select=[");
        assertThat(explain).contains("NativeCalc[");
        assertThat(EmberTestSupport.dumpFiles(dumpDir, ".json")).hasSize(1);
        String plan = Files.readString(EmberTestSupport.dumpFiles(dumpDir, ".json").get(0));
        assertThat(plan).contains("\"name\": \"add\"", "\"name\": \"upper\"", "\"name\": \"gt\"");
    }

    @Test
    void unsupportedFunctionKeepsStockCalcWithReason() throws Exception {
        StreamTableEnvironment tEnv = streaming();
        String explain = tEnv.explainSql("SELECT a, PARSE_URL(s, 'HOST') AS r FROM src WHERE b > 5");
        assertThat(explain).doesNotContain("NativeCalc").contains("Calc(select=[");
        // The reason is part of EXPLAIN, not only of the log.
        assertThat(explain).contains("== Ember ==", "Ember: accelerated 0 of 1 Calc nodes",
                "stays stock Flink: function PARSE_URL is not supported natively");
        List<Path> reasons = EmberTestSupport.dumpFiles(dumpDir, ".fallback.txt");
        assertThat(reasons).hasSize(1);
        assertThat(Files.readString(reasons.get(0)).trim())
                .isEqualTo("function PARSE_URL is not supported natively");
        assertThat(EmberTestSupport.dumpFiles(dumpDir, ".json")).isEmpty();
    }

    @Test
    void perFunctionSwitchForcesFallback() throws Exception {
        StreamTableEnvironment tEnv = streaming();
        tEnv.getConfig().set(EmberOptions.functionEnabled("upper"), false);
        String explain = tEnv.explainSql("SELECT UPPER(s) AS u FROM src WHERE b > 5");
        assertThat(explain).doesNotContain("NativeCalc");
        assertThat(Files.readString(EmberTestSupport.dumpFiles(dumpDir, ".fallback.txt").get(0)).trim())
                .isEqualTo("function UPPER is disabled (ember.function.upper.enabled = false)");
    }

    @Test
    void cheapCalcOverWideNestedRowsIsNotProfitable() throws Exception {
        StreamTableEnvironment tEnv = streaming();
        assertThat(tEnv.getConfig().get(EmberOptions.COST_RULE_ENABLED)).isFalse();
        tEnv.getConfig().set(EmberOptions.COST_RULE_ENABLED, true);
        // Nexmark's first Calc in miniature: a CASE picking a field of one of the event rows, passed through.
        tEnv.executeSql(
                "CREATE TABLE ev (k INT, p ROW<a BIGINT, b STRING, c STRING, d BIGINT, e TIMESTAMP(3)>,"
                        + " q ROW<a BIGINT, b STRING, c STRING, d BIGINT, e TIMESTAMP(3)>)"
                        + " WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
        String cheap = "SELECT k, p, q, CASE WHEN k = 0 THEN p.e ELSE q.e END AS e FROM ev";
        assertThat(tEnv.explainSql(cheap)).doesNotContain("NativeCalc");
        assertThat(Files.readString(EmberTestSupport.dumpFiles(dumpDir, ".fallback.txt").get(0)).trim())
                .startsWith("not profitable: ")
                .contains("10 nested fields");
        // Any real work (here a string function) makes it worth it again ...
        assertThat(tEnv.explainSql("SELECT k, p, q, UPPER(p.b) AS u FROM ev")).contains("NativeCalc");
        // ... as do few nested fields, and switching the rule off.
        assertThat(tEnv.explainSql("SELECT k, p.a, q.e FROM ev WHERE k > 0")).contains("NativeCalc");
        tEnv.getConfig().set(EmberOptions.COST_RULE_ENABLED, false);
        assertThat(tEnv.explainSql(cheap)).contains("NativeCalc");
    }

    @Test
    void switchOffGivesStockPlan() {
        StreamTableEnvironment tEnv = streaming();
        // What SET 'ember.enabled' = 'false' does in the SQL client / gateway.
        tEnv.getConfig().set("ember.enabled", "false");
        assertThat(tEnv.explainSql("SELECT a + 1 FROM src WHERE b > 5")).doesNotContain("NativeCalc");
        tEnv.getConfig().set("ember.enabled", "true");
        assertThat(tEnv.explainSql("SELECT a + 1 FROM src WHERE b > 5")).contains("NativeCalc");
    }

    @Test
    void compilePlanSerializesStockNodesAndExecutePlanSwapsThem() throws Exception {
        StreamTableEnvironment tEnv = streaming();
        tEnv.executeSql("CREATE TABLE snk (a1 INT) WITH ('connector' = 'blackhole')");
        String insert = "INSERT INTO snk SELECT a + 1 FROM src WHERE b > 5";
        String json = tEnv.compilePlanSql(insert).asJsonString();
        assertThat(json).contains("\"type\" : \"stream-exec-calc_1\"").doesNotContain("Native");
        // EXECUTE PLAN: a loaded plan goes through translatePlan (no processors); the override swaps the Calc there.
        Planner planner = EmberTestSupport.planner(tEnv);
        InternalPlan loaded = planner.loadPlan(PlanReference.fromJsonString(json));
        List<String> names = new ArrayList<>();
        for (Transformation<?> sink : planner.translatePlan(loaded)) {
            for (Transformation<?> t : sink.getTransitivePredecessors()) {
                names.add(t.getName());
            }
        }
        assertThat(names).anyMatch(n -> n.startsWith("NativeCalc[")).noneMatch(n -> n.startsWith("Calc["));
    }

    @Test
    void nativeRejectionIsAFallbackReason() throws Exception {
        StreamTableEnvironment tEnv = streaming();
        // Ask the native side; without a native library (or with one that rejects the plan) the Calc stays stock.
        tEnv.getConfig().set(EmberOptions.SKIP_NATIVE_VALIDATION, false);
        String explain = tEnv.explainSql("SELECT a + 1 FROM src WHERE b > 5");
        List<Path> reasons = EmberTestSupport.dumpFiles(dumpDir, ".fallback.txt");
        if (explain.contains("NativeCalc")) {
            assertThat(reasons).isEmpty(); // the native library is there and accepted the plan
        } else {
            assertThat(Files.readString(reasons.get(0))).startsWith("native: ");
        }
    }

    @Test
    void batchCalcBecomesNativeCalc() {
        StreamExecutionEnvironment env = EmberTestSupport.env();
        StreamTableEnvironment tEnv = EmberTestSupport.withEmberPlanner(env, false);
        tEnv.executeSql(SOURCE);
        String explain = tEnv.explainSql("SELECT a + 1 AS a1 FROM src WHERE b > 5");
        assertThat(explain).contains("NativeCalc(select=[");
    }
}
