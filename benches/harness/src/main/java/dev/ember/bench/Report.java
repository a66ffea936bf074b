package dev.ember.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints the result table and writes it as JSON ({@code <out>/<date>-<git sha>.json}, the record) and Markdown
 * ({@code <out>/latest.md}, for reading), with the machine information.
 */
final class Report {

    private static final String[] COLUMNS = {
        "query", "mode", "events", "wall ms", "events/s", "CPU s", "events/s/core", "ember/stock per core",
        "ember/stock wall", "plan"
    };

    private final BenchOptions options;
    private final MachineInfo machine;
    private final Results results;

    Report(BenchOptions options, MachineInfo machine, Results results) {
        this.options = options;
        this.machine = machine;
        this.results = results;
    }

    /** The rows of the table, one per query and mode. */
    private List<String[]> rows() {
        long events = options.events;
        List<String[]> rows = new ArrayList<>();
        for (Results.QueryResult q : results.queries) {
            for (Results.Mode m : List.of(q.stock, q.ember)) {
                String[] row = new String[COLUMNS.length];
                row[0] = m == q.stock ? q.query.name() : "";
                row[1] = m.name;
                if (m.measured()) {
                    row[2] = Long.toString(events);
                    row[3] = String.format(Locale.ROOT, "%.1f", m.medianWallMillis());
                    row[4] = String.format(Locale.ROOT, "%.0f", m.rowsPerSecond(events));
                    row[5] = String.format(Locale.ROOT, "%.2f", m.medianCpuSeconds());
                    row[6] = String.format(Locale.ROOT, "%.0f", m.rowsPerCoreSecond(events));
                } else {
                    Arrays.fill(row, 2, 7, "-");
                }
                boolean ratio = m == q.ember && q.comparable();
                row[7] = ratio ? String.format(Locale.ROOT, "%.2fx", q.perCoreRatio(events)) : "";
                row[8] = ratio ? String.format(Locale.ROOT, "%.2fx", q.throughputRatio(events)) : "";
                row[9] = m.error != null ? "ERROR: " + m.error : m.planSummary();
                rows.add(row);
            }
        }
        return rows;
    }

    String geoMeanLine() {
        List<String> measured = results.nexmarkMeasured();
        String line = measured.isEmpty()
                ? "geo-mean (q0,q1,q2,q21,q22): no Nexmark query measured in both modes"
                : String.format(Locale.ROOT, "geo-mean over %s: ember/stock per core %.2fx, wall %.2fx",
                        String.join(",", measured), results.nexmarkGeoMean(options.events, true),
                        results.nexmarkGeoMean(options.events, false));
        List<String> json = results.measured(BenchQuery::readsJson);
        if (!json.isEmpty()) {
            line += String.format(Locale.ROOT, "\ngeo-mean over %s: ember/stock per core %.2fx, wall %.2fx",
                    String.join(",", json), results.geoMean(options.events, true, BenchQuery::readsJson),
                    results.geoMean(options.events, false, BenchQuery::readsJson));
        }
        List<String> csv = results.measured(BenchQuery::readsCsv);
        if (!csv.isEmpty()) {
            line += String.format(Locale.ROOT, "\ngeo-mean over %s: ember/stock per core %.2fx, wall %.2fx",
                    String.join(",", csv), results.geoMean(options.events, true, BenchQuery::readsCsv),
                    results.geoMean(options.events, false, BenchQuery::readsCsv));
        }
        return line;
    }

    String table() {
        List<String[]> rows = rows();
        int[] width = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            width[i] = COLUMNS[i].length();
            for (String[] r : rows) {
                if (i < COLUMNS.length - 1) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, COLUMNS, width);
        for (String[] r : rows) {
            appendRow(sb, r, width);
        }
        sb.append(geoMeanLine()).append('\n');
        if (options.quick) {
            sb.append("(--quick: a smoke test; these numbers are not a measurement)\n");
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] r, int[] width) {
        for (int i = 0; i < r.length; i++) {
            boolean left = i <= 1 || i == r.length - 1;
            String cell = r[i];
            String pad = " ".repeat(Math.max(0, width[i] - cell.length()));
            sb.append(left ? cell + (i == r.length - 1 ? "" : pad) : pad + cell);
            if (i < r.length - 1) {
                sb.append("  ");
            }
        }
        sb.append('\n');
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Ember vs stock Flink: stateless Nexmark and Calc-heavy queries\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| date | ").append(LocalDate.now()).append(" |\n");
        sb.append("| git | ").append(machine.gitSha()).append(" |\n");
        sb.append("| machine | ").append(machine.nproc()).append(" CPUs, ").append(machine.cpuModel()).append(" |\n");
        sb.append("| Java | ").append(machine.java()).append(" |\n");
        sb.append("| Flink | ").append(machine.flink()).append(" |\n");
        sb.append("| Ember | ").append(machine.ember()).append(", batch size ").append(machine.batchSize()).append(" |\n");
        sb.append("| setup | ").append(machine.events()).append(" events/run, parallelism ").append(machine.parallelism())
                .append(", ").append(machine.warmups()).append(" warm-up + ").append(machine.runs())
                .append(" measured runs per mode (medians), seed ").append(machine.seed())
                .append(options.quick ? ", **--quick smoke test: not a measurement**" : "").append(" |\n\n");
        sb.append('|');
        for (String c : COLUMNS) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < COLUMNS.length; i++) {
            sb.append(i <= 1 || i == COLUMNS.length - 1 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] r : rows()) {
            sb.append('|');
            for (String c : r) {
                sb.append(' ').append(c.replace("|", "\\|")).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n').append(geoMeanLine()).append("\n\n");
        sb.append("events/s/core = events / process CPU-seconds (Nexmark's throughput per core); wall and CPU are"
                + " measured from job submission to job end, planning excluded.\n");
        boolean anyLog = results.queries.stream().anyMatch(q -> !q.ember.emberLog.isEmpty());
        if (anyLog) {
            sb.append("\n## Ember's planning log per query\n\n");
            for (Results.QueryResult q : results.queries) {
                for (String line : q.ember.emberLog) {
                    sb.append("- ").append(q.query.name()).append(": ").append(line.replace("\n", " ")).append('\n');
                }
            }
        }
        return sb.toString();
    }

    String json() {
        long events = options.events;
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"date\": ").append(str(LocalDate.now().toString())).append(",\n");
        sb.append("  \"git\": ").append(str(machine.gitSha())).append(",\n");
        sb.append("  \"quick\": ").append(options.quick).append(",\n");
        sb.append("  \"machine\": {\"nproc\": ").append(machine.nproc()).append(", \"cpu\": ").append(str(machine.cpuModel()))
                .append(", \"java\": ").append(str(machine.java())).append("},\n");
        sb.append("  \"flink\": ").append(str(machine.flink())).append(", \"ember\": ").append(str(machine.ember()))
                .append(", \"batch_size\": ").append(str(machine.batchSize())).append(",\n");
        sb.append("  \"events\": ").append(events).append(", \"parallelism\": ").append(machine.parallelism())
                .append(", \"warmups\": ").append(machine.warmups()).append(", \"runs\": ").append(machine.runs())
                .append(", \"seed\": ").append(machine.seed()).append(",\n");
        sb.append("  \"queries\": [\n");
        for (int i = 0; i < results.queries.size(); i++) {
            Results.QueryResult q = results.queries.get(i);
            sb.append("    {\"query\": ").append(str(q.query.name())).append(", \"nexmark\": ").append(q.query.nexmark());
            if (q.comparable()) {
                sb.append(String.format(Locale.ROOT, ", \"ratio_per_core\": %.4f, \"ratio_wall\": %.4f",
                        q.perCoreRatio(events), q.throughputRatio(events)));
            }
            for (Results.Mode m : List.of(q.stock, q.ember)) {
                sb.append(",\n     ").append(str(m.name)).append(": {");
                if (m.error != null) {
                    sb.append("\"error\": ").append(str(m.error)).append(", ");
                }
                sb.append("\"native_calcs\": ").append(m.nativeCalcs).append(", \"stock_calcs\": ").append(m.stockCalcs);
                if (m.measured()) {
                    sb.append(String.format(Locale.ROOT,
                            ", \"median_wall_ms\": %.3f, \"median_cpu_s\": %.4f, \"events_per_s\": %.1f,"
                                    + " \"events_per_core_s\": %.1f",
                            m.medianWallMillis(), m.medianCpuSeconds(), m.rowsPerSecond(events),
                            m.rowsPerCoreSecond(events)));
                }
                sb.append(", \"runs\": [");
                for (int k = 0; k < m.runs.size(); k++) {
                    Results.Run r = m.runs.get(k);
                    sb.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                            "{\"wall_ms\": %.3f, \"cpu_s\": %.4f, \"net_runtime_ms\": %d}",
                            r.wallNanos() / 1e6, r.cpuNanos() / 1e9, r.netRuntimeMillis()));
                }
                sb.append("], \"ember_log\": [");
                for (int k = 0; k < m.emberLog.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(str(m.emberLog.get(k)));
                }
                sb.append("]}");
            }
            sb.append('}').append(i < results.queries.size() - 1 ? "," : "").append('\n');
        }
        sb.append("  ],\n");
        List<String> measured = results.nexmarkMeasured();
        sb.append("  \"geomean\": {\"queries\": [");
        for (int i = 0; i < measured.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(measured.get(i)));
        }
        sb.append("]");
        if (!measured.isEmpty()) {
            sb.append(String.format(Locale.ROOT, ", \"ratio_per_core\": %.4f, \"ratio_wall\": %.4f",
                    results.nexmarkGeoMean(events, true), results.nexmarkGeoMean(events, false)));
        }
        sb.append("}\n}\n");
        return sb.toString();
    }

    /** Writes the JSON record and latest.md when an output directory was given. */
    void write() throws IOException {
        if (options.outDir == null) {
            return;
        }
        Files.createDirectories(options.outDir);
        Path json = options.outDir.resolve(LocalDate.now() + "-" + machine.gitSha() + (options.quick ? "-quick" : "")
                + ".json");
        Files.writeString(json, json());
        Path md = options.outDir.resolve("latest.md");
        Files.writeString(md, markdown());
        System.out.println("wrote " + json + " and " + md);
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
