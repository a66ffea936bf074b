package dev.ember.flink.fuzz;

import dev.ember.flink.FlinkRunner;
import dev.ember.flink.FlinkRunner.Mode;
import dev.ember.flink.fuzz.Expr.Call;
import dev.ember.flink.fuzz.Expr.Leaf;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Runs random expressions through stock Flink and through Ember in one runtime mode and collects the differences,
 * each shrunk to one row and a minimal expression.
 *
 * <p>Many expressions share one query (one job per side). A query Ember refuses, or one whose job fails, is split
 * in halves until the refused or failing expressions stand alone: a refusal is counted with its reason, a failure
 * must be the same exception (class and message) on both sides.
 */
final class Fuzzer {

    /** Expressions per query: few jobs, and still a small search when a query must be split. */
    static final int PER_QUERY = 30;
    /** Shrinking stops after this many reproduction attempts per difference (each is two jobs). */
    private static final int SHRINK_BUDGET = 120;
    /** Differences shrunk and reported in full; more are only counted. */
    private static final int MAX_REPORTED = 8;

    /** An expression under test: projected ({@code SELECT id, e}) or as a filter ({@code WHERE e}). */
    record Probe(Expr expr, boolean filter) {
        String sql() {
            return filter ? "SELECT id FROM t WHERE " + expr.sql() : "SELECT id, " + expr.sql() + " AS c0 FROM t";
        }
    }

    /** A difference after shrinking. */
    record Difference(Mode mode, String sql, String rows, String stock, String ember, String original) {
        @Override
        public String toString() {
            return mode + ": " + sql + "\n    rows:  " + rows + "\n    stock: " + stock + "\n    ember: " + ember
                    + "\n    (found as: " + original + ")";
        }
    }

    final Mode mode;
    private final long seed;
    private final long rowCount;
    private final FlinkRunner stock;
    private final FlinkRunner ember;

    final Map<String, Integer> refusals = new TreeMap<>();
    final Map<String, String> refusalExamples = new TreeMap<>();
    final Map<String, Integer> plannerFailures = new TreeMap<>();
    final Map<String, Integer> invalid = new TreeMap<>();
    final Map<String, Integer> uses = new TreeMap<>();
    final List<Difference> differences = new ArrayList<>();
    int differencesFound;
    int nativeExpressions;
    int refusedExpressions;
    int agreedErrors;
    int jobs;

    Fuzzer(Mode mode, long seed, long rowCount) {
        this.mode = mode;
        this.seed = seed;
        this.rowCount = rowCount;
        this.stock = runner(false, null);
        this.ember = runner(true, null);
    }

    /** Generates and checks {@code expressions} projected expressions (plus a WHERE predicate on every third query). */
    void run(int expressions, SplittableRandom random) {
        ExprGenerator generator = new ExprGenerator(random, 4);
        for (int done = 0; done < expressions; done += PER_QUERY) {
            List<Expr> exprs = new ArrayList<>();
            for (int i = 0; i < Math.min(PER_QUERY, expressions - done); i++) {
                exprs.add(generator.any());
            }
            Expr where = random.nextInt(3) == 0 ? generator.generate(Cls.BOOL, 3) : null;
            exprs.forEach(this::countUses);
            if (where != null) {
                countUses(where);
                where = nativeOrCounted(List.of(), where) ? where : null;
            }
            check(exprs, where);
        }
    }

    private void check(List<Expr> exprs, Expr where) {
        if (!nativeOrCounted(exprs, where)) {
            if (exprs.size() > 1) {
                split(exprs, where);
            }
            return;
        }
        String sql = sql(exprs, where);
        Outcome s = Outcome.run(stock, sql);
        Outcome e = Outcome.run(ember, sql);
        jobs += 2;
        if (s.failed() || e.failed()) {
            if (where != null) {
                Probe filter = new Probe(where, true);
                Outcome fs = Outcome.run(stock, filter.sql());
                Outcome fe = Outcome.run(ember, filter.sql());
                jobs += 2;
                if (!fs.sameAs(fe)) {
                    difference(filter, fs, fe);
                } else if (fs.failed()) {
                    agreedErrors++;
                }
                if (fs.failed() || fe.failed()) {
                    check(exprs, null); // the filter alone fails: test the projections without it
                    return;
                }
            }
            if (exprs.size() > 1) {
                split(exprs, where);
            } else if (s.sameAs(e)) {
                agreedErrors++;
                nativeExpressions++;
            } else {
                difference(new Probe(exprs.get(0), false), s, e);
            }
            return;
        }
        nativeExpressions += exprs.size();
        if (s.sameAs(e)) {
            return;
        }
        List<Long> ids = s.differingIds(e);
        if (where != null && ids.stream().anyMatch(id -> s.hashes.containsKey(id) != e.hashes.containsKey(id))) {
            difference(new Probe(where, true), s, e);
            return;
        }
        Outcome rs = s;
        Outcome re = e;
        if (!s.rowsKept() || !e.rowsKept()) { // a long run: fetch the first differing rows again, in full
            long[] few = ids.stream().limit(3).mapToLong(Long::longValue).toArray();
            rs = Outcome.run(runner(false, few), sql);
            re = Outcome.run(runner(true, few), sql);
            jobs += 2;
        }
        boolean attributed = false;
        for (int c = 0; c < exprs.size(); c++) {
            for (long id : ids) {
                Row a = rs.rows.get(id);
                Row b = re.rows.get(id);
                if (a != null && b != null && !Outcome.sameCell(a.getField(c + 1), b.getField(c + 1))) {
                    difference(new Probe(exprs.get(c), false), s, e);
                    attributed = true;
                    break;
                }
            }
        }
        if (!attributed) { // rows missing, duplicated or of another RowKind: not one expression's fault
            differencesFound++;
            differences.add(new Difference(mode, sql, "ids " + ids, "(see ids)", "(see ids)", sql));
        }
    }

    private void split(List<Expr> exprs, Expr where) {
        int half = exprs.size() / 2;
        check(exprs.subList(0, half), where);
        check(exprs.subList(half, exprs.size()), where);
    }

    /**
     * Whether Ember runs {@code SELECT id, exprs... FROM t WHERE where} natively. A single refused expression (or a
     * filter alone) is counted with the refusal's reason; Flink rejecting the SQL is a generator bug, counted apart.
     */
    private boolean nativeOrCounted(List<Expr> exprs, Expr where) {
        String sql = exprs.isEmpty() ? new Probe(where, true).sql() : sql(exprs, where);
        boolean single = exprs.size() + (exprs.isEmpty() ? 1 : 0) == 1;
        String reason;
        try {
            String explain = ember.explain(sql);
            if (explain.contains("NativeCalc")) {
                if (exprs.isEmpty()) {
                    nativeExpressions++;
                }
                return true;
            }
            // EXPLAIN ends with Ember's section: "Ember: Calc [n] stays stock Flink: <reason> (<Calc>)".
            reason = explain.lines()
                    .filter(l -> l.contains(" stays stock Flink: "))
                    .map(l -> l.replaceFirst("^Ember: Calc \\[\\d+] stays stock Flink: ", ""))
                    .findFirst()
                    .orElse("(no reason in EXPLAIN)");
        } catch (ValidationException e) {
            if (single) {
                invalid.merge(sql + " -- " + firstLine(e), 1, Integer::sum);
            }
            return false;
        } catch (RuntimeException | AssertionError e) {
            // Flink's optimizer itself fails (stock too, it is the same planner): not Ember's concern, not counted.
            if (single) {
                plannerFailures.merge(firstLine(e), 1, Integer::sum);
            }
            return false;
        }
        if (single) {
            refusedExpressions++;
            String key = reason.replaceAll("\\(Calc\\(.*$", "").trim();
            refusals.merge(key, 1, Integer::sum);
            refusalExamples.putIfAbsent(key, sql);
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shrinking

    /** Shrinks a probe whose full-table outcomes differ to one row (if possible) and a minimal expression. */
    private void difference(Probe probe, Outcome s, Outcome e) {
        differencesFound++;
        if (differences.size() >= MAX_REPORTED) {
            return;
        }
        int[] budget = {SHRINK_BUDGET};
        long[] rows = shrinkRows(probe, s.failed() || e.failed() ? List.of() : s.differingIds(e), budget);
        Probe small = shrinkExpression(probe, rows, budget);
        Outcome fs = Outcome.run(runner(false, rows), small.sql());
        Outcome fe = Outcome.run(runner(true, rows), small.sql());
        String rowText = rows.length <= 3
                ? LongStream.of(rows).mapToObj(this::describeRow).collect(Collectors.joining("; "))
                : rows.length + " rows (ids " + rows[0] + ".." + rows[rows.length - 1] + ")";
        Difference d = new Difference(mode, small.sql(), rowText, describe(fs), describe(fe), probe.sql());
        if (differences.stream().noneMatch(x -> x.sql().equals(d.sql()))) {
            differences.add(d);
        }
    }

    /** A single differing row if one reproduces alone, else the smallest half-range found by bisection. */
    private long[] shrinkRows(Probe probe, List<Long> differing, int[] budget) {
        for (long id : differing.subList(0, Math.min(3, differing.size()))) {
            if (reproduces(probe, new long[] {id}, budget)) {
                return new long[] {id};
            }
        }
        long lo = 0;
        long hi = rowCount;
        while (hi - lo > 1) {
            long mid = (lo + hi) / 2;
            if (reproduces(probe, range(lo, mid), budget)) {
                hi = mid;
            } else if (reproduces(probe, range(mid, hi), budget)) {
                lo = mid;
            } else {
                break;
            }
        }
        return range(lo, hi);
    }

    /** Replaces subtrees by same-class children, a column or a simple literal while the difference persists. */
    private Probe shrinkExpression(Probe probe, long[] rows, int[] budget) {
        Probe current = probe;
        boolean progress = true;
        while (progress && budget[0] > 0) {
            progress = false;
            search:
            for (Expr node : current.expr().nodes()) {
                for (Expr candidate : candidates(node)) {
                    Probe next = new Probe(current.expr().replace(node, candidate), current.filter());
                    if (reproduces(next, rows, budget)) {
                        current = next;
                        progress = true;
                        break search;
                    }
                }
            }
        }
        return current;
    }

    private static List<Expr> candidates(Expr node) {
        Set<String> seen = new LinkedHashSet<>();
        List<Expr> out = new ArrayList<>();
        if (node instanceof Call call) {
            for (int i = 0; i < call.args().size(); i++) {
                Expr arg = call.args().get(i);
                if (call.replaceable(i) && arg.cls() == node.cls() && seen.add(arg.sql())) {
                    out.add(arg);
                }
            }
            for (RandomTable.Column c : RandomTable.columnsOf(node.cls())) {
                if (seen.add(c.name())) {
                    out.add(new Leaf(c.name(), node.cls()));
                }
            }
            String literal = Grammar.LITERALS.get(node.cls()).get(0);
            out.add(new Leaf(literal, node.cls()));
        }
        return out;
    }

    private boolean reproduces(Probe probe, long[] rows, int[] budget) {
        if (budget[0]-- <= 0) {
            return false;
        }
        FlinkRunner emberRunner = runner(true, rows);
        try {
            if (!emberRunner.explain(probe.sql()).contains("NativeCalc")) {
                return false;
            }
        } catch (RuntimeException | AssertionError invalidSql) {
            return false;
        }
        jobs += 2;
        return !Outcome.run(runner(false, rows), probe.sql()).sameAs(Outcome.run(emberRunner, probe.sql()));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private FlinkRunner runner(boolean emberEnabled, long[] ids) {
        FlinkRunner runner = new FlinkRunner(mode, emberEnabled);
        RandomTable.register(runner, seed, rowCount, ids);
        return runner;
    }

    private static String sql(List<Expr> exprs, Expr where) {
        String select = IntStream.range(0, exprs.size())
                .mapToObj(i -> exprs.get(i).sql() + " AS c" + i)
                .collect(Collectors.joining(", "));
        return "SELECT id, " + select + " FROM t" + (where == null ? "" : " WHERE " + where.sql());
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private void countUses(Expr e) {
        for (Expr node : e.nodes()) {
            if (node instanceof Call call) {
                uses.merge(call.sig().name(), 1, Integer::sum);
            }
        }
    }

    private String describeRow(long id) {
        Row row = RandomTable.row(seed, id);
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("id", id);
        for (int i = 0; i < RandomTable.COLUMNS.size(); i++) {
            named.put(RandomTable.COLUMNS.get(i).name(), Outcome.cellText(row.getField(i + 1)));
        }
        return named.toString();
    }

    private static String describe(Outcome o) {
        if (o.failed()) {
            return "error " + o.error;
        }
        return o.rows.values().stream()
                .map(r -> IntStream.range(0, r.getArity())
                        .mapToObj(i -> Outcome.cellText(r.getField(i)))
                        .collect(Collectors.joining(", ", r.getKind().shortString() + "[", "]")))
                .sorted()
                .collect(Collectors.joining(" "));
    }

    private static long[] range(long from, long to) {
        return LongStream.range(from, to).toArray();
    }
}
