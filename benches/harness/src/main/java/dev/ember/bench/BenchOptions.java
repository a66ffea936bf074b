package dev.ember.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the harness. Defaults are for a full measurement on a quiet machine; {@code --quick} is the CI
 * smoke test (one small run per mode: checks that every query plans and runs, measures nothing meaningful).
 */
final class BenchOptions {

    boolean quick;
    long events = 5_000_000L;
    int warmups = 1;
    int runs = 5;
    int parallelism = 1;
    long seed = 42L;
    /** null: Ember's default batch size. */
    Integer batchSize;
    /** Further Ember options for the Ember mode ({@code --set ember.cost-rule.enabled=false}), in command-line order. */
    final Map<String, String> emberSettings = new LinkedHashMap<>();
    Path outDir;
    String gitSha = "unknown";
    final List<String> queries = new ArrayList<>();

    static final String USAGE = "usage: bench [--quick] [--parallelism N] [--events N] [--warmups N] [--runs N]"
            + " [--seed N] [--batch-size N] [--set ember.KEY=VALUE]... [--out DIR] [--git-sha SHA] [query...]\n"
            + "  queries: " + String.join(" ", BenchQuery.ALL.stream().map(BenchQuery::name).toList());

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        boolean eventsSet = false;
        boolean warmupsSet = false;
        boolean runsSet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--parallelism" -> o.parallelism = Integer.parseInt(value(args, ++i, a));
                case "--events" -> {
                    o.events = Long.parseLong(value(args, ++i, a));
                    eventsSet = true;
                }
                case "--warmups" -> {
                    o.warmups = Integer.parseInt(value(args, ++i, a));
                    warmupsSet = true;
                }
                case "--runs" -> {
                    o.runs = Integer.parseInt(value(args, ++i, a));
                    runsSet = true;
                }
                case "--seed" -> o.seed = Long.parseLong(value(args, ++i, a));
                case "--batch-size" -> o.batchSize = Integer.parseInt(value(args, ++i, a));
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (!kv.startsWith("ember.") || eq < 0) {
                        throw new IllegalArgumentException("--set needs ember.KEY=VALUE, got " + kv);
                    }
                    o.emberSettings.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--out" -> o.outDir = Path.of(value(args, ++i, a));
                case "--git-sha" -> o.gitSha = value(args, ++i, a);
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                    o.queries.add(a);
                }
            }
        }
        if (o.quick) {
            // Explicit values still win, so a "quick but bigger" run is possible.
            o.events = eventsSet ? o.events : 20_000L;
            o.warmups = warmupsSet ? o.warmups : 0;
            o.runs = runsSet ? o.runs : 1;
        }
        if (o.parallelism < 1 || o.runs < 1 || o.warmups < 0 || o.events < 1) {
            throw new IllegalArgumentException("need --parallelism >= 1, --runs >= 1, --warmups >= 0, --events >= 1");
        }
        return o;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
