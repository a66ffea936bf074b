package dev.ember.flink.corpus;

import dev.ember.flink.FlinkRunner;
import dev.ember.flink.FlinkRunner.Mode;
import dev.ember.flink.TestData;
import dev.ember.flink.corpus.CorpusQuery.Expect;
import dev.ember.flink.testing.LogCapture;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The differential corpus: every statement of {@code src/test/resources/corpus/*.sql} through stock Flink and through
 * Ember, in streaming (insert-only and changelog input) and batch mode, compared as multisets of rows including their
 * RowKind. To keep the number of jobs low, up to {@link #CHUNK} statements run as one job (one pipeline each, all
 * reading the same source); a chunk whose job fails is re-run one statement per job so the failure has a name.
 */
class CorpusTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final int ROWS = 600;
    private static final int CHUNK = 30;

    @TestFactory
    Stream<DynamicNode> corpus() throws Exception {
        List<DynamicNode> files = new ArrayList<>();
        int total = 0;
        for (Path file : corpusFiles()) {
            List<CorpusQuery> queries = CorpusQuery.parse(file);
            total += queries.size();
            List<DynamicNode> modes = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                List<CorpusQuery> inMode = queries.stream().filter(q -> q.modes().contains(mode)).toList();
                if (!inMode.isEmpty()) {
                    modes.add(DynamicContainer.dynamicContainer(mode.name(), modeTests(mode, inMode)));
                }
            }
            files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), modes));
        }
        assertThat(total).as("corpus statements").isGreaterThan(0);
        return files.stream();
    }

    private static List<Path> corpusFiles() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(CorpusTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().collect(Collectors.toList());
        }
    }

    /** One test per statement; statements of a chunk share a job, run when the chunk's first test runs. */
    private static Stream<DynamicTest> modeTests(Mode mode, List<CorpusQuery> queries) {
        List<DynamicTest> tests = new ArrayList<>();
        List<CorpusQuery> comparable = queries.stream().filter(q -> q.expect() != Expect.ERROR).toList();
        for (int from = 0; from < comparable.size(); from += CHUNK) {
            Chunk chunk = new Chunk(mode, comparable.subList(from, Math.min(from + CHUNK, comparable.size())));
            for (CorpusQuery query : chunk.queries) {
                tests.add(DynamicTest.dynamicTest(query.location() + " " + oneLine(query.sql()), () -> chunk.check(query)));
            }
        }
        for (CorpusQuery query : queries) {
            if (query.expect() == Expect.ERROR) {
                tests.add(DynamicTest.dynamicTest(
                        query.location() + " " + oneLine(query.sql()), () -> checkError(mode, query)));
            }
        }
        return tests.stream();
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ");
    }

    /** A group of statements run together, stock and Ember, once. */
    private static final class Chunk {
        final Mode mode;
        final List<CorpusQuery> queries;
        Map<CorpusQuery, Result> stock;
        Map<CorpusQuery, Result> ember;

        Chunk(Mode mode, List<CorpusQuery> queries) {
            this.mode = mode;
            this.queries = queries;
        }

        void check(CorpusQuery query) throws Exception {
            if (stock == null) {
                stock = runAll(mode, false, queries);
                ember = runAll(mode, true, queries);
            }
            Result expected = stock.get(query);
            Result actual = ember.get(query);
            if (expected.failure != null) {
                fail(query.location() + ": stock Flink fails (mark it 'expect: error'): "
                        + rootCause(expected.failure));
            }
            if (actual.failure != null) {
                fail(query.location() + ": Ember fails where stock Flink does not: " + rootCause(actual.failure),
                        actual.failure);
            }
            assertThat(expected.rows).as(query.location() + ": stock result is empty (a vacuous test)").isNotEmpty();
            String diff = diff(expected.rows, actual.rows);
            assertThat(diff).as(query.location() + ": rows differ from stock Flink").isEmpty();
            if (query.nativeHere()) {
                assertThat(actual.plan.nativeCalcs)
                        .as(query.location() + ": expected NativeCalc; fallback log: " + actual.plan.log)
                        .isPositive();
                assertThat(actual.plan.stockCalcs)
                        .as(query.location() + ": a Calc stayed stock; fallback log: " + actual.plan.log)
                        .isZero();
            } else {
                assertThat(actual.plan.nativeCalcs).as(query.location() + ": expected a fallback").isZero();
                assertThat(actual.plan.stockCalcs).as(query.location() + ": expected a stock Calc").isPositive();
                assertThat(String.join("\n", actual.plan.log))
                        .as(query.location() + ": fallback reason")
                        .contains(query.fallbackText());
            }
        }
    }

    /** What Ember made of a statement's Calc nodes, and what it logged while planning it. */
    private record PlanInfo(int nativeCalcs, int stockCalcs, List<String> log) {}

    /** The rows of one statement (as "+I[...]" strings), or its failure (with a null plan if planning failed). */
    private record Result(List<String> rows, Throwable failure, PlanInfo plan) {}

    /** Runs the statements as one job; if the job fails, runs each on its own so every failure has its statement. */
    private static Map<CorpusQuery, Result> runAll(Mode mode, boolean ember, List<CorpusQuery> queries)
            throws Exception {
        Map<CorpusQuery, Result> results = runTogether(mode, ember, queries);
        if (results.values().stream().noneMatch(r -> r.failure != null && r.plan != null) || queries.size() == 1) {
            return results;
        }
        Map<CorpusQuery, Result> single = new HashMap<>();
        for (CorpusQuery query : queries) {
            single.putAll(runTogether(mode, ember, List.of(query)));
        }
        return single;
    }

    private static Map<CorpusQuery, Result> runTogether(Mode mode, boolean ember, List<CorpusQuery> queries)
            throws Exception {
        FlinkRunner runner = runner(mode, ember);
        Map<CorpusQuery, Result> results = new HashMap<>();
        List<CorpusQuery> planned = new ArrayList<>();
        List<CloseableIterator<Row>> outputs = new ArrayList<>();
        List<PlanInfo> plans = new ArrayList<>();
        for (CorpusQuery query : queries) {
            try (LogCapture capture = LogCapture.open()) {
                DataStream<Row> stream =
                        runner.tableEnv().toChangelogStream(runner.tableEnv().sqlQuery(query.sql()));
                plans.add(planInfo(stream.getTransformation(), capture.messages()));
                outputs.add(stream.collectAsync());
                planned.add(query);
            } catch (Exception e) { // a planning error belongs to its statement alone
                results.put(query, new Result(null, e, null));
            }
        }
        if (planned.isEmpty()) {
            return results;
        }
        ExecutorService drainers = Executors.newFixedThreadPool(planned.size());
        try {
            JobClient job = runner.env().executeAsync("corpus " + mode + (ember ? " ember" : " stock"));
            List<CompletableFuture<List<String>>> drained = new ArrayList<>();
            for (CloseableIterator<Row> output : outputs) {
                drained.add(CompletableFuture.supplyAsync(() -> drain(output), drainers));
            }
            Throwable jobFailure = null;
            try {
                job.getJobExecutionResult().get();
            } catch (Exception e) {
                jobFailure = e;
            }
            for (int i = 0; i < planned.size(); i++) {
                List<String> rows = null;
                Throwable failure = jobFailure;
                try {
                    rows = drained.get(i).get();
                } catch (Exception e) {
                    failure = failure != null ? failure : e;
                }
                results.put(planned.get(i), new Result(rows, failure, plans.get(i)));
            }
        } finally {
            drainers.shutdownNow();
        }
        return results;
    }

    private static List<String> drain(CloseableIterator<Row> output) {
        List<String> rows = new ArrayList<>();
        try (output) {
            output.forEachRemaining(row -> rows.add(row.toString())); // "+I[...]": RowKind is compared too
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        return rows;
    }

    /** Counts native and stock Calc operators upstream of a statement's output. */
    private static PlanInfo planInfo(Transformation<?> output, List<String> log) {
        int nativeCalcs = 0;
        int stockCalcs = 0;
        Set<Transformation<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Transformation<?>> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getName().startsWith("NativeCalc[")) {
                nativeCalcs++;
            } else if (t.getName().startsWith("Calc[")) {
                stockCalcs++;
            }
            todo.addAll(t.getInputs());
        }
        return new PlanInfo(nativeCalcs, stockCalcs, log);
    }

    /** Both runs must fail with the same root cause (class and message), whose message contains the expected text. */
    private static void checkError(Mode mode, CorpusQuery query) throws Exception {
        Result stock = runTogether(mode, false, List.of(query)).get(query);
        Result ember = runTogether(mode, true, List.of(query)).get(query);
        assertThat(stock.failure).as(query.location() + ": stock Flink did not fail").isNotNull();
        assertThat(ember.failure).as(query.location() + ": Ember did not fail").isNotNull();
        assertThat(ember.plan).as(query.location() + ": planning failed: " + rootCause(ember.failure)).isNotNull();
        assertThat(rootCause(ember.failure)).as(query.location()).isEqualTo(rootCause(stock.failure));
        assertThat(rootCause(stock.failure)).as(query.location()).contains(query.expectText());
        if (query.nativeHere()) {
            assertThat(ember.plan.nativeCalcs)
                    .as(query.location() + ": expected NativeCalc; fallback log: " + ember.plan.log)
                    .isPositive();
        } else {
            assertThat(String.join("\n", ember.plan.log)).as(query.location()).contains(query.fallbackText());
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = ExceptionUtils.stripCompletionException(failure);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    /** Rows only in one side (multiset difference), at most ten of each; "" if equal as multisets. */
    private static String diff(List<String> expected, List<String> actual) {
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(r -> counts.merge(r, 1, Integer::sum));
        actual.forEach(r -> counts.merge(r, -1, Integer::sum));
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        counts.forEach((row, n) -> {
            for (int i = 0; i < Math.abs(n); i++) {
                (n > 0 ? missing : extra).add(row);
            }
        });
        if (missing.isEmpty() && extra.isEmpty()) {
            return "";
        }
        Collections.sort(missing);
        Collections.sort(extra);
        return "stock only (" + missing.size() + "): " + missing.subList(0, Math.min(10, missing.size()))
                + "\nEmber only (" + extra.size() + "): " + extra.subList(0, Math.min(10, extra.size()));
    }

    private static FlinkRunner runner(Mode mode, boolean ember) {
        FlinkRunner runner = new FlinkRunner(mode, ember);
        runner.register(
                "t", TestData.TYPE, TestData.SCHEMA,
                mode == Mode.STREAMING_CHANGELOG ? TestData.changelog(ROWS) : TestData.rows(ROWS));
        return runner;
    }
}
