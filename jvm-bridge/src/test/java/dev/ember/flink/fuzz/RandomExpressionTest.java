package dev.ember.flink.fuzz;

import dev.ember.flink.FlinkRunner.Mode;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized differential test: random well-typed expressions ({@link Grammar}) over a random edge-heavy table
 * ({@link RandomTable}), evaluated by stock Flink and by Ember, compared cell by cell. A difference is reported as the
 * smallest expression and row found by shrinking, with both values.
 *
 * <p>CI mode (defaults): seed 42, 1000 rows, 180 expressions in batch mode and 45 in streaming mode, about a minute (more on a
 * loaded machine).
 * Long mode, by hand: {@code -Dember.fuzz.rows=1000000 -Dember.fuzz.expressions=300} (rows are streamed from a
 * generator and compared by per-row hashes). {@code -Dember.fuzz.seed=N} explores other programs and data.
 */
class RandomExpressionTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long SEED = Long.getLong("ember.fuzz.seed", 42L);
    private static final long ROWS = Long.getLong("ember.fuzz.rows", 1000L);
    private static final int EXPRESSIONS = Integer.getInteger("ember.fuzz.expressions", 180);
    private static final int STREAMING_EXPRESSIONS =
            Integer.getInteger("ember.fuzz.streaming-expressions", Math.max(Fuzzer.PER_QUERY, EXPRESSIONS / 4));

    /**
     * The grammar holds only functions Ember implements, over argument types its kernels accept, so a refusal is
     * one of a few planner-made combinations (listed in the report: FLOAT op DOUBLE typed FLOAT, DECIMAL MOD INT
     * typed INT; 2-3% of the expressions with seed 42). More than 5% means the native function set or the planner
     * changed under the generator and the fuzzer silently tests less than it claims.
     */
    private static final double MIN_NATIVE_SHARE = 0.95;

    @Test
    void randomExpressionsMatchStock() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Fuzzer> rounds = new ArrayList<>();
        long start = System.nanoTime();
        Fuzzer batch = new Fuzzer(Mode.BATCH, SEED, ROWS);
        batch.run(EXPRESSIONS, random);
        rounds.add(batch);
        Fuzzer streaming = new Fuzzer(Mode.STREAMING, SEED, ROWS);
        streaming.run(STREAMING_EXPRESSIONS, random);
        rounds.add(streaming);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        StringBuilder report = new StringBuilder();
        int nativeCount = 0;
        int refused = 0;
        List<String> problems = new ArrayList<>();
        for (Fuzzer f : rounds) {
            nativeCount += f.nativeExpressions;
            refused += f.refusedExpressions;
            report.append(String.format(
                    "%s: %d rows, %d expressions native, %d refused, %d agreed runtime errors, %d jobs,"
                            + " %d differences%n",
                    f.mode, ROWS, f.nativeExpressions, f.refusedExpressions, f.agreedErrors, f.jobs,
                    f.differencesFound));
            f.refusals.forEach((reason, n) -> report.append("  refused ").append(n).append("x: ").append(reason)
                    .append("\n    e.g. ").append(f.refusalExamples.get(reason)).append('\n'));
            f.plannerFailures.forEach((error, n) -> report.append("  Flink's planner fails ").append(n)
                    .append("x (stock too; not counted): ").append(error).append('\n'));
            f.invalid.forEach((sql, n) -> problems.add("Flink rejects a generated expression (generator bug): "
                    + sql));
            f.differences.forEach(d -> problems.add("DIFFERENCE " + d));
            if (f.differencesFound > f.differences.size()) {
                problems.add(f.mode + ": " + (f.differencesFound - f.differences.size())
                        + " more differences, not shrunk");
            }
        }
        double share = nativeCount / (double) Math.max(1, nativeCount + refused);
        report.append(String.format("seed %d, native share %.4f, %d s%n", SEED, share, seconds));
        report.append("signature uses: ").append(rounds.get(0).uses.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        problems.forEach(p -> report.append(p).append('\n'));
        System.out.println(report);

        assertThat(problems).as(report.toString()).isEmpty();
        assertThat(share).as(report.toString()).isGreaterThanOrEqualTo(MIN_NATIVE_SHARE);
    }
}
