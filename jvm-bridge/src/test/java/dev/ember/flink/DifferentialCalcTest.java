package dev.ember.flink;

import dev.ember.flink.FlinkRunner.Mode;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The same SQL on the same data through stock Flink and through Ember, compared as multisets of rows including
 * their RowKind, in streaming (insert-only and changelog input) and batch mode. Every query here must also
 * really run natively: a run that silently fell back would prove nothing.
 */
class DifferentialCalcTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final int ROWS = 600;

    /** Queries made only of the starter expression set: each must run natively with stock results. */
    static final List<String> NATIVE_QUERIES = List.of(
            "SELECT id, a + 1, b * 2, a - b, d / 2, -a FROM t WHERE a > 0",
            "SELECT id, UPPER(s), LOWER(s), CHAR_LENGTH(s), s || '!' FROM t WHERE s IS NOT NULL",
            "SELECT id, SUBSTRING(s, 2, 3), SUBSTRING(s FROM 2), TRIM(s), TRIM(LEADING ' ' FROM s),"
                    + " CONCAT(s, '-', s) FROM t",
            "SELECT id, CASE WHEN a > 10 THEN 'big' WHEN a < 0 THEN 'neg' ELSE 'small' END,"
                    + " COALESCE(s, 'none'), a IN (1, 2, 3), b BETWEEN 0 AND 1000 FROM t",
            "SELECT id, CAST(a AS BIGINT), CAST(b AS INT), CAST(a AS STRING), CAST(a AS DOUBLE),"
                    + " CAST(amount AS STRING), CAST(b AS STRING) FROM t",
            "SELECT id, bid.price, bid.url, bid.price * 100 FROM t WHERE bid.price > 10 OR bid.url LIKE '%1%'",
            "SELECT id, amount, amount * 2, amount + 1.5, amount - amount, amount / 3 FROM t WHERE amount IS NOT NULL",
            "SELECT id, dt, ts FROM t WHERE ts > TIMESTAMP '1970-01-01 00:00:00' AND dt <> DATE '1970-01-01'",
            "SELECT id, a > 0 AND s IS NULL, flag OR a < 0, NOT flag, a IS NULL, flag IS TRUE,"
                    + " flag IS NOT FALSE FROM t",
            "SELECT id, b / a, b % a, a / 2, a % 3 FROM t WHERE a <> 0",
            "SELECT id, s LIKE 'a%', s LIKE '%b', s NOT LIKE '_b%', s LIKE '%!_%' ESCAPE '!' FROM t",
            "SELECT id, s, a, d FROM t WHERE d > 0 OR d < 0 OR s = 'abc' OR a = b");

    static Stream<Arguments> nativeCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (String query : NATIVE_QUERIES) {
                cases.add(Arguments.of(mode, query));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nativeCases")
    void nativeCalcMatchesStock(Mode mode, String query) throws Exception {
        List<String> stock = run(mode, false, query);
        List<String> accelerated = run(mode, true, query);
        assertThat(accelerated).containsExactlyInAnyOrderElementsOf(stock);
        assertThat(stock).isNotEmpty();
        assertThat(runner(mode, true).explain(query)).contains("NativeCalc");
        assertThat(runner(mode, false).explain(query)).doesNotContain("NativeCalc");
    }

    /** A Calc on top of an aggregation: its input is a retract stream (+I, -U, +U). */
    @Test
    void calcOverGroupByKeepsRowKinds() throws Exception {
        String query = "SELECT k, c * 2, CAST(k AS STRING) || '#' FROM"
                + " (SELECT a % 3 AS k, COUNT(*) AS c FROM t GROUP BY a % 3) WHERE c > 1";
        List<String> stock = run(Mode.STREAMING, false, query);
        List<String> accelerated = run(Mode.STREAMING, true, query);
        assertThat(stock).anyMatch(r -> r.startsWith("-U")).anyMatch(r -> r.startsWith("+U"));
        assertThat(accelerated).containsExactlyInAnyOrderElementsOf(stock);
        assertThat(runner(Mode.STREAMING, true).explain(query)).contains("NativeCalc");
    }

    /** A runtime error fails the job as on stock Flink: the same exception class and message reach the client. */
    @Test
    void divisionByZeroFailsLikeStock() {
        String query = "SELECT id, b / a FROM t";
        Throwable stock = catchThrowable(() -> run(Mode.STREAMING, false, query));
        Throwable ember = catchThrowable(() -> run(Mode.STREAMING, true, query));
        assertThat(ExceptionUtils.findThrowable(stock, ArithmeticException.class))
                .hasValueSatisfying(e -> assertThat(e).hasMessage("/ by zero"));
        assertThat(ExceptionUtils.findThrowable(ember, ArithmeticException.class))
                .hasValueSatisfying(e -> assertThat(e).hasMessage("/ by zero"));
        assertThat(runner(Mode.STREAMING, true).explain(query)).contains("NativeCalc");
    }

    /** An unsupported function keeps the stock Calc, with stock results. */
    @Test
    void unsupportedFunctionFallsBack() throws Exception {
        String query = "SELECT id, REGEXP_EXTRACT(s, '(a+)', 1) FROM t";
        List<String> stock = run(Mode.STREAMING, false, query);
        assertThat(run(Mode.STREAMING, true, query)).containsExactlyInAnyOrderElementsOf(stock);
        assertThat(runner(Mode.STREAMING, true).explain(query)).doesNotContain("NativeCalc");
    }

    private static List<String> run(Mode mode, boolean ember, String query) throws Exception {
        List<String> out = new ArrayList<>();
        for (Row row : runner(mode, ember).query(query)) {
            out.add(row.toString()); // "+I[...]": RowKind is part of the compared value
        }
        return out;
    }

    private static FlinkRunner runner(Mode mode, boolean ember) {
        FlinkRunner runner = new FlinkRunner(mode, ember);
        runner.register(
                "t", TestData.TYPE, TestData.SCHEMA,
                mode == Mode.STREAMING_CHANGELOG ? TestData.changelog(ROWS) : TestData.rows(ROWS));
        return runner;
    }
}
