package dev.ember.flink.fuzz;

import dev.ember.flink.FlinkRunner;

import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one query produced: the root-cause exception of a failed job, or one 64-bit hash per row (keyed by the row's
 * id, RowKind included) and, for small results, the rows themselves. Hashes let a million-row run be compared without
 * keeping the rows.
 */
final class Outcome {

    /** Results up to this many rows are kept for cell-by-cell comparison. */
    private static final int KEEP_ROWS = 20_000;

    final String error;
    final Map<Long, Long> hashes = new HashMap<>();
    final Map<Long, Row> rows = new HashMap<>();

    private Outcome(String error) {
        this.error = error;
    }

    static Outcome run(FlinkRunner runner, String sql) {
        Outcome out = new Outcome(null);
        try (CloseableIterator<Row> it = runner.tableEnv().executeSql(sql).collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                long id = (Long) row.getField(0);
                if (out.hashes.put(id, hash(row)) != null) {
                    throw new IllegalStateException("id " + id + " twice in the result of " + sql);
                }
                if (out.hashes.size() <= KEEP_ROWS) {
                    out.rows.put(id, row);
                } else {
                    out.rows.clear();
                }
            }
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Outcome(root.getClass().getName() + ": " + root.getMessage());
        }
        return out;
    }

    boolean failed() {
        return error != null;
    }

    boolean rowsKept() {
        return !failed() && rows.size() == hashes.size();
    }

    /** Whether both succeeded with equal rows, or both failed with the same exception class and message. */
    boolean sameAs(Outcome other) {
        return failed() || other.failed() ? String.valueOf(error).equals(other.error) : hashes.equals(other.hashes);
    }

    /** The ids whose rows differ (present in one outcome only, or with different values), ascending. */
    List<Long> differingIds(Outcome other) {
        TreeSet<Long> ids = new TreeSet<>(hashes.keySet());
        ids.addAll(other.hashes.keySet());
        List<Long> out = new ArrayList<>();
        for (long id : ids) {
            if (!hashes.getOrDefault(id, 0L).equals(other.hashes.getOrDefault(id, 0L))) {
                out.add(id);
            }
        }
        return out;
    }

    /** Cell equality as the row hash sees it: same class and same text. */
    static boolean sameCell(Object a, Object b) {
        return cellKey(a).equals(cellKey(b));
    }

    /** A cell for humans: NULL, quoted strings with control characters escaped, other values as Java prints them. */
    static String cellText(Object v) {
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "'";
        }
        return v == null ? "NULL" : v.toString();
    }

    private static String cellKey(Object v) {
        return v == null ? "\u0000" : v.getClass().getSimpleName() + ':' + v;
    }

    /** FNV-1a over the RowKind and each cell's class and text (so NULL, 'null', 1.5 and 1.50 all differ). */
    private static long hash(Row row) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, row.getKind().shortString());
        for (int i = 0; i < row.getArity(); i++) {
            h = mix(h, cellKey(row.getField(i)));
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0xff) * 0x100000001b3L;
    }
}
