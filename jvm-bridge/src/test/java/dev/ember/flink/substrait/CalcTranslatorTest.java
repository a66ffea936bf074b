package dev.ember.flink.substrait;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.testing.EmberTestSupport;

import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translator per type and per function family, driven through Ember's planner (the test JVM cannot load planner
 * classes directly: they live in the planner loader): each case plans a one-Calc query over a datagen table and checks
 * the dumped Substrait plan, or the fallback reason.
 */
class CalcTranslatorTest {

    @TempDir Path dumpDir;

    /** Plans {@code query} over {@code src(columns)}; returns the plan JSON, or "FALLBACK: reason". */
    private String translate(String columns, String query) throws Exception {
        StreamTableEnvironment tEnv = EmberTestSupport.withEmberPlanner(EmberTestSupport.env(), true);
        tEnv.getConfig().set(EmberOptions.PLAN_DUMP_DIR, dumpDir.toString());
        tEnv.executeSql("CREATE TABLE src (" + columns + ") WITH ('connector' = 'datagen', 'number-of-rows' = '1')");
        tEnv.explainSql(query);
        List<Path> reasons = EmberTestSupport.dumpFiles(dumpDir, ".fallback.txt");
        if (!reasons.isEmpty()) {
            return "FALLBACK: " + Files.readString(reasons.get(0)).trim();
        }
        List<Path> plans = EmberTestSupport.dumpFiles(dumpDir, ".json");
        assertThat(plans).as("one Calc in " + query).hasSize(1);
        return Files.readString(plans.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "BOOLEAN            | \"bool\": {",
                "TINYINT            | \"i8\": {",
                "SMALLINT           | \"i16\": {",
                "INT                | \"i32\": {",
                "BIGINT             | \"i64\": {",
                "FLOAT              | \"fp32\": {",
                "DOUBLE             | \"fp64\": {",
                "DECIMAL(20, 4)     | \"scale\": 4,",
                "CHAR(3)            | \"fixedChar\": {",
                "VARCHAR(10)        | \"varchar\": {",
                "STRING             | \"string\": {",
                "BINARY(4)          | \"fixedBinary\": {",
                "BYTES              | \"binary\": {",
                "DATE               | \"date\": {",
                "TIMESTAMP(3)       | \"precisionTimestamp\": {",
                "TIMESTAMP(6)       | \"precision\": 6,",
                "TIMESTAMP_LTZ(3)   | \"precisionTimestampTz\": {",
                "ROW<x INT, y STRING> | \"struct\": {",
            })
    void supportedType(String type, String expectedJson) throws Exception {
        String plan = translate("c " + type + ", k INT", "SELECT c, k FROM src WHERE k > 0");
        assertThat(plan).doesNotStartWith("FALLBACK").contains(expectedJson);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "TIME               | type TIME(0) is not supported natively",
                "TIMESTAMP(9)       | type TIMESTAMP(9) is not supported natively",
                "ARRAY<INT>         | type ARRAY<INT> is not supported natively",
                "MAP<STRING, INT>   | type MAP<STRING, INT> is not supported natively",
                "ROW<t TIME>        | type TIME(0) is not supported natively",
            })
    void unsupportedTypeFallsBack(String type, String reason) throws Exception {
        assertThat(translate("c " + type + ", k INT", "SELECT c, k FROM src WHERE k > 0")).isEqualTo("FALLBACK: " + reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "arithmetic  | SELECT a + b, a - b, a * b, a / b, MOD(a, b), -a FROM src"
                        + " | add,subtract,multiply,divide,modulus,negate",
                "comparison  | SELECT a = b, a <> b, a < b, a <= b, a > b, a >= b FROM src"
                        + " | equal,not_equal,lt,lte,gt,gte",
                "logic       | SELECT f AND g, f OR g, NOT f, a IS NULL, a IS NOT NULL, f IS TRUE, f IS FALSE FROM src"
                        + " | and,or,not,is_null,is_not_null,is_true,is_false",
                "logic2      | SELECT f IS NOT TRUE, f IS NOT FALSE FROM src | is_not_true,is_not_false",
                "conditional | SELECT CASE WHEN a > 1 THEN s ELSE t END, COALESCE(s, t) FROM src | gt,coalesce",
                "string      | SELECT UPPER(s), LOWER(s), CHAR_LENGTH(s), SUBSTRING(s FROM 1 FOR 2), CONCAT(s, t),"
                        + " TRIM(BOTH 'x' FROM s), s LIKE 'a%' FROM src"
                        + " | upper,lower,char_length,substring,concat,trim,like",
                "in_between  | SELECT a IN (1, 2), a BETWEEN 1 AND 5 FROM src | or,equal,and,gte,lte",
            })
    void functionFamily(String family, String query, String names) throws Exception {
        String plan = translate("a INT, b INT, s STRING, t STRING, f BOOLEAN, g BOOLEAN", query);
        assertThat(plan).doesNotStartWith("FALLBACK");
        for (String name : names.split(",")) {
            assertThat(plan).as(family).contains("\"name\": \"" + name + "\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "SELECT PARSE_URL(s, 'HOST') FROM src       | function PARSE_URL is not supported natively",
                "SELECT LN(a) FROM src                      | function LN is not supported natively: Flink computes it"
                        + " with java.lang.Math, whose HotSpot intrinsics are not guaranteed bit-identical to a native"
                        + " implementation",
            })
    void unsupportedExpressionFallsBack(String query, String reason) throws Exception {
        assertThat(translate("a INT, s STRING, d DATE", query)).isEqualTo("FALLBACK: " + reason);
    }

    @org.junit.jupiter.api.Test
    void castsAndLiterals() throws Exception {
        String plan =
                translate(
                        "a INT, s STRING",
                        "SELECT CAST(a AS STRING), TRY_CAST(s AS INT), 1.50 * a, DATE '2024-01-31',"
                                + " TIMESTAMP '2024-01-31 00:00:01.5', CAST(NULL AS INT) + a, X'0aff' FROM src");
        assertThat(plan)
                .contains("FAILURE_BEHAVIOR_THROW_EXCEPTION", "FAILURE_BEHAVIOR_RETURN_NULL")
                .contains("\"date\": 19753")
                // TIMESTAMP '…01.5' is TIMESTAMP(1): the value counts tenths of a second.
                .contains("\"precision\": 1,", "\"value\": \"17066592015\"")
                .contains("\"null\": {");
    }
}
