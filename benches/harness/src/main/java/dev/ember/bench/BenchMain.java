package dev.ember.bench;

import dev.ember.bench.nexmark.NexmarkSchema;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.test.util.MiniClusterPipelineExecutorServiceLoader;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs each benchmark query on stock Flink and with Ember in one JVM, on one long-lived MiniCluster, over the
 * same Nexmark data, into the same blackhole sink, and reports wall time, process CPU time and the ember/stock
 * ratio of throughput per core.
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li>One JVM, the Ember jar first on the classpath (as {@code 00-ember-flink-*.jar} in lib/): both modes share
 *       JIT state, heap and machine conditions; {@code 'ember.enabled'} is the only difference between them.</li>
 *   <li>One MiniCluster for all jobs: cluster start-up is in no measurement.</li>
 *   <li>Stock and Ember alternate which goes first in every round, so drift (thermal, other load, JIT
 *       warming) does not systematically favour one mode; medians over several runs absorb outliers.</li>
 *   <li>A measurement starts when the job has been submitted (planning excluded) and ends when it finished;
 *       CPU time is the whole process's, like Nexmark's "cores" metric (TaskManager CPU load), so work that Ember
 *       moves off the task thread (e.g. native threads) is still counted.</li>
 * </ul>
 */
public final class BenchMain {

    private static final String SOURCE_TABLE = "nexmark";
    /** The bids as a JSON-lines file table (queries named json_*). */
    static final String JSON_TABLE = "bid_json";
    /** The same JSON file with event time: a WATERMARK on its `dateTime` column (queries named json_rowtime_*). */
    static final String JSON_ROWTIME_TABLE = "bid_json_rowtime";

    /** The bids as a CSV file table (queries named csv_*). */
    static final String CSV_TABLE = "bid_csv";
    private static final String JSON_COLUMNS = "auction BIGINT, bidder BIGINT, price BIGINT, channel STRING,"
            + " url STRING, `dateTime` TIMESTAMP(3), extra STRING";
    private static final Pattern NATIVE_CALC = Pattern.compile("(?m)^[\\s+:|-]*NativeCalc\\(");
    private static final Pattern STOCK_CALC = Pattern.compile("(?m)^[\\s+:|-]*Calc\\(");
    /** One native operator doing a watermark assigner and the Calc after it ... */
    private static final Pattern FUSED_WATERMARK =
            Pattern.compile("(?m)^[\\s+:|-]*NativeCalc\\((format=\\[\\w+\\], )?fused=");
    /** ... and the Calc before it (a computed rowtime): a second Calc. */
    private static final Pattern FUSED_TWO_CALCS =
            Pattern.compile("(?m)^[\\s+:|-]*NativeCalc\\((format=\\[\\w+\\], )?fused=\\[Calc\\(");

    private final BenchOptions options;
    private final MiniCluster cluster;
    private final LogCapture emberLog;
    /** Why the ember side cannot run at all (no jar, inactive native library), else null. */
    private String emberUnavailable;
    /** Directory of the JSON bids, once written. */
    private Path jsonBids;
    private Path csvBids;

    private BenchMain(BenchOptions options, MiniCluster cluster, LogCapture emberLog) {
        this.options = options;
        this.cluster = cluster;
        this.emberLog = emberLog;
    }

    public static void main(String[] args) throws Exception {
        // One log4j context for all class loaders: Ember's classes live in the planner's component class loader,
        // which would otherwise get a LoggerContext of its own that LogCapture never sees. Before any logging.
        System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.selector.BasicContextSelector");
        // Named explicitly: Flink's *-tests jars (via flink-test-utils) bring log4j2-test.properties, which log4j
        // would otherwise prefer.
        System.setProperty("log4j2.configurationFile", "classpath:ember-bench-log4j2.properties");
        BenchOptions options;
        List<BenchQuery> queries;
        try {
            options = BenchOptions.parse(args);
            queries = BenchQuery.select(options.queries);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LogCapture capture = LogCapture.install();
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, options.parallelism);
        MiniClusterConfiguration clusterConf = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(options.parallelism)
                .build();
        Results results = new Results();
        MachineInfo machine;
        try (MiniCluster cluster = new MiniCluster(clusterConf)) {
            cluster.start();
            BenchMain bench = new BenchMain(options, cluster, capture);
            bench.probeEmber();
            if (queries.stream().anyMatch(BenchQuery::readsJson)) {
                bench.jsonBids = bench.writeFileBids("json");
            }
            if (queries.stream().anyMatch(BenchQuery::readsCsv)) {
                bench.csvBids = bench.writeFileBids("csv");
            }
            machine = MachineInfo.collect(options);
            System.out.println(machine.header());
            bench.warmJvm(queries.get(0));
            for (BenchQuery q : queries) {
                results.queries.add(bench.run(q));
            }
        }
        Report report = new Report(options, machine, results);
        System.out.println();
        System.out.print(report.table());
        report.write();
        // MiniCluster leaves non-daemon threads behind on some paths; the results are written, so exit.
        System.exit(0);
    }

    /**
     * Checks once that the ember side can run: the jar's classes are on the classpath and the hook did not
     * report itself inactive. Otherwise every query is measured on stock only, with the reason printed.
     */
    private void probeEmber() {
        try {
            Class.forName("dev.ember.flink.config.EmberOptions");
        } catch (ClassNotFoundException e) {
            emberUnavailable = "the Ember jar is not on the classpath (did scripts/build.sh release fail?)";
        }
        if (emberUnavailable == null) {
            emberLog.drain();
            StreamTableEnvironment tEnv = tableEnv(true, 1);
            tEnv.explainSql("SELECT auction, price FROM bid");
            for (String line : emberLog.drain()) {
                if (line.startsWith("Ember inactive")) {
                    emberUnavailable = line;
                }
            }
        }
        if (emberUnavailable != null) {
            System.out.println("!! EMBER SIDE NOT MEASURED: " + emberUnavailable);
        }
    }

    /**
     * Writes the bids of the Nexmark source in {@code format} ({@code json} lines or {@code csv}), with stock Flink's
     * format (batch job, so the files are committed at the end), once per format/events/seed: later runs reuse the
     * directory.
     */
    private Path writeFileBids(String format) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ember-bench",
                "bids-" + format + "-" + options.events + "-" + options.seed);
        // Files starting with '_' are invisible to the filesystem source.
        Path complete = dir.resolve("_COMPLETE");
        if (!Files.exists(complete)) {
            System.out.println("\n== writing the bids as " + format + " to " + dir + " (stock Flink, not measured)");
            deleteRecursively(dir);
            Configuration conf = new Configuration();
            conf.set(DeploymentOptions.TARGET, MiniClusterPipelineExecutorServiceLoader.NAME);
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(
                    new MiniClusterPipelineExecutorServiceLoader(cluster), conf, BenchMain.class.getClassLoader());
            env.setParallelism(1);
            StreamTableEnvironment tEnv =
                    StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inBatchMode().build());
            tEnv.getConfig().set("ember.enabled", "false");
            tEnv.executeSql(NexmarkSchema.createTable(SOURCE_TABLE, options.events, options.seed));
            for (String view : NexmarkSchema.createViews(SOURCE_TABLE)) {
                tEnv.executeSql(view);
            }
            tEnv.executeSql(fileTable("bids_out", dir, format));
            tEnv.executeSql("INSERT INTO bids_out SELECT auction, bidder, price, channel, url, `dateTime`, extra"
                    + " FROM bid").await();
            Files.createFile(complete);
        }
        return dir;
    }

    private static String fileTable(String name, Path dir, String format) {
        return fileTable(name, dir, format, "");
    }

    private static String fileTable(String name, Path dir, String format, String watermark) {
        return "CREATE TEMPORARY TABLE " + name + " (" + JSON_COLUMNS + watermark + ") WITH ('connector' = 'filesystem',"
                + " 'path' = '" + dir.toUri() + "', 'format' = '" + format + "')";
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * One unmeasured job per mode before anything is measured: otherwise the first query's first run pays for
     * class loading and JIT compilation of Flink itself (seen as a 2x "speed-up" of whichever mode runs second).
     */
    private void warmJvm(BenchQuery q) {
        System.out.println("\n== JVM warm-up (" + q.name() + ", not measured)");
        Results.QueryResult scratch = new Results.QueryResult(q);
        for (boolean emberEnabled : new boolean[] {false, true}) {
            Results.Mode mode = emberEnabled ? scratch.ember : scratch.stock;
            if (emberEnabled && emberUnavailable != null) {
                continue;
            }
            StreamTableEnvironment tEnv = prepare(q, emberEnabled, mode);
            if (tEnv != null) {
                try {
                    runOnce(tEnv, q);
                } catch (Exception e) {
                    // Reported by the measured runs of this query.
                }
            }
        }
    }

    private Results.QueryResult run(BenchQuery q) {
        Results.QueryResult result = new Results.QueryResult(q);
        System.out.printf("%n== %s: %s%n", q.name(), q.note());
        StreamTableEnvironment stock = prepare(q, false, result.stock);
        StreamTableEnvironment ember = null;
        if (emberUnavailable != null) {
            result.ember.error = emberUnavailable;
        } else {
            ember = prepare(q, true, result.ember);
        }
        printPlan(result);
        int total = options.warmups + options.runs;
        for (int round = 0; round < total; round++) {
            boolean warmup = round < options.warmups;
            // Alternate the order each round so neither mode always runs on a "colder" or "hotter" JVM.
            boolean stockFirst = round % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean runStock = (k == 0) == stockFirst;
                Results.Mode mode = runStock ? result.stock : result.ember;
                StreamTableEnvironment tEnv = runStock ? stock : ember;
                if (tEnv == null || mode.error != null) {
                    continue;
                }
                try {
                    Results.Run r = runOnce(tEnv, q);
                    System.out.printf("   %-5s %s %d/%d: %8.1f ms wall, %7.2f s CPU%n", mode.name,
                            warmup ? "warm-up" : "run    ", warmup ? round + 1 : round - options.warmups + 1,
                            warmup ? options.warmups : options.runs, r.wallNanos() / 1e6, r.cpuNanos() / 1e9);
                    if (!warmup) {
                        mode.runs.add(r);
                    }
                } catch (Exception e) {
                    mode.error = "job failed: " + rootMessage(e);
                    System.out.println("   " + mode.name + " FAILED: " + mode.error);
                }
            }
        }
        return result;
    }

    /** Creates the mode's table environment and checks the plan; planning failures become the mode's error. */
    private StreamTableEnvironment prepare(BenchQuery q, boolean emberEnabled, Results.Mode mode) {
        try {
            StreamTableEnvironment tEnv = tableEnv(emberEnabled, options.events);
            String sinkColumns = q.sinkColumns() != null ? q.sinkColumns() : derivedColumns(tEnv, q.select());
            String sink = q.writesJson()
                    ? "'connector' = 'filesystem', 'path' = '" + jsonSinkDir(q).toUri() + "', 'format' = 'json'"
                    : "'connector' = 'blackhole'";
            tEnv.executeSql("CREATE TEMPORARY TABLE " + q.sinkTable() + " (" + sinkColumns + ") WITH (" + sink + ")");
            emberLog.drain();
            String plan = tEnv.explainSql(insert(q));
            if (emberEnabled) {
                mode.emberLog = emberLog.drain();
            }
            String execPlan = plan.substring(Math.max(0, plan.indexOf("== Optimized Execution Plan ==")));
            mode.fusedWatermarks = count(FUSED_WATERMARK, execPlan);
            mode.nativeCalcs = count(NATIVE_CALC, execPlan) + count(FUSED_TWO_CALCS, execPlan);
            mode.stockCalcs = count(STOCK_CALC, execPlan);
            return tEnv;
        } catch (Exception e) {
            mode.error = "planning failed: " + rootMessage(e);
            System.out.println("   " + mode.name + " FAILED: " + mode.error);
            return null;
        }
    }

    private void printPlan(Results.QueryResult r) {
        for (Results.Mode m : List.of(r.stock, r.ember)) {
            if (m.error == null) {
                System.out.printf("   %-5s plan: %s%n", m.name, m.planSummary());
            }
        }
        if (r.stock.nativeCalcs > 0) {
            System.out.println("   !! stock plan contains NativeCalc: 'ember.enabled'='false' was not honoured");
        }
        for (String line : r.ember.emberLog) {
            System.out.println("   ember log: " + line);
        }
    }

    private StreamTableEnvironment tableEnv(boolean emberEnabled, long events) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism);
        // Submit to the shared MiniCluster through MiniClusterPipelineExecutorServiceLoader's executor.
        conf.set(DeploymentOptions.TARGET, MiniClusterPipelineExecutorServiceLoader.NAME);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(
                new MiniClusterPipelineExecutorServiceLoader(cluster), conf, BenchMain.class.getClassLoader());
        env.setParallelism(options.parallelism);
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inStreamingMode().build());
        // String keys: the harness must compile and run without the Ember jar (stock-only measurement).
        tEnv.getConfig().set("ember.enabled", Boolean.toString(emberEnabled));
        if (options.batchSize != null) {
            tEnv.getConfig().set("ember.batch-size", Integer.toString(options.batchSize));
        }
        if (emberEnabled) {
            options.emberSettings.forEach((k, v) -> tEnv.getConfig().set(k, v));
        }
        tEnv.executeSql(NexmarkSchema.createTable(SOURCE_TABLE, events, options.seed));
        for (String view : NexmarkSchema.createViews(SOURCE_TABLE)) {
            tEnv.executeSql(view);
        }
        if (jsonBids != null) {
            tEnv.executeSql(fileTable(JSON_TABLE, jsonBids, "json"));
            tEnv.executeSql(fileTable(JSON_ROWTIME_TABLE, jsonBids, "json",
                    ", WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND"));
        }
        if (csvBids != null) {
            tEnv.executeSql(fileTable(CSV_TABLE, csvBids, "csv"));
        }
        return tEnv;
    }

    /** Where a query writing JSON writes it; emptied before every run (not measured). */
    private Path jsonSinkDir(BenchQuery q) {
        return Path.of(System.getProperty("java.io.tmpdir"), "ember-bench", "out-" + q.name());
    }

    private Results.Run runOnce(StreamTableEnvironment tEnv, BenchQuery q) throws Exception {
        if (q.writesJson()) {
            deleteRecursively(jsonSinkDir(q));
        }
        // Garbage of the previous job is collected before, not during, this measurement.
        System.gc();
        TableResult result = tEnv.executeSql(insert(q)); // plans and submits; returns once submitted
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        result.await();
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        long net = -1;
        Optional<JobClient> client = result.getJobClient();
        if (client.isPresent()) {
            JobExecutionResult jobResult = client.get().getJobExecutionResult().get();
            net = jobResult.getNetRuntime();
        }
        return new Results.Run(wall, cpu, net);
    }

    private static String insert(BenchQuery q) {
        return "INSERT INTO " + q.sinkTable() + " " + q.select();
    }

    /** The sink columns for a query without a Nexmark DDL: exactly the query's result types. */
    private static String derivedColumns(StreamTableEnvironment tEnv, String select) {
        ResolvedSchema schema = tEnv.sqlQuery(select).getResolvedSchema();
        return schema.getColumns().stream()
                .map(Column::getName)
                .map(name -> "`" + name + "` "
                        + schema.getColumn(name).orElseThrow().getDataType().getLogicalType().asSerializableString())
                .collect(Collectors.joining(", "));
    }

    /** Process CPU time (all threads, incl. native ones), as Nexmark's per-core figures use. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        throw new IllegalStateException("process CPU time is not available on this JVM");
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getClass().getSimpleName() + ": " + t.getMessage();
        return msg.length() > 400 ? msg.substring(0, 400) + "..." : msg;
    }
}
