package dev.ember.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Measurements of one benchmark invocation, and the derived figures the report prints. */
final class Results {

    /** One measured job: wall and process-CPU time from job submission to job end; Flink's own net runtime. */
    record Run(long wallNanos, long cpuNanos, long netRuntimeMillis) {}

    /** One query in one mode (stock or ember). */
    static final class Mode {
        final String name;
        final List<Run> runs = new ArrayList<>();
        /** Why this mode has no figures (planning or job failure, Ember unavailable), else null. */
        String error;
        int nativeCalcs;
        int stockCalcs;
        /** Watermark assigners run inside a native Calc (with the Calcs around them, each counted). */
        int fusedWatermarks;
        /** Ember's fallback reasons and summary logged while planning (ember mode only). */
        List<String> emberLog = List.of();

        Mode(String name) {
            this.name = name;
        }

        boolean measured() {
            return error == null && !runs.isEmpty();
        }

        double medianWallMillis() {
            return median(runs.stream().mapToDouble(r -> r.wallNanos() / 1e6).toArray());
        }

        double medianCpuSeconds() {
            return median(runs.stream().mapToDouble(r -> r.cpuNanos() / 1e9).toArray());
        }

        double rowsPerSecond(long events) {
            return events / (medianWallMillis() / 1000.0);
        }

        /** Events per CPU-second of the whole process: Nexmark's throughput / cores. */
        double rowsPerCoreSecond(long events) {
            return events / medianCpuSeconds();
        }

        String planSummary() {
            if (nativeCalcs + stockCalcs == 0) {
                return "no Calc";
            }
            return nativeCalcs + "/" + (nativeCalcs + stockCalcs) + " NativeCalc"
                    + (fusedWatermarks > 0 ? ", watermark fused" : "");
        }
    }

    /** Both modes of one query. */
    static final class QueryResult {
        final BenchQuery query;
        final Mode stock = new Mode("stock");
        final Mode ember = new Mode("ember");

        QueryResult(BenchQuery query) {
            this.query = query;
        }

        boolean comparable() {
            return stock.measured() && ember.measured();
        }

        /** ember / stock of events per CPU-second: above 1 means Ember does the same work with less CPU. */
        double perCoreRatio(long events) {
            return ember.rowsPerCoreSecond(events) / stock.rowsPerCoreSecond(events);
        }

        /** ember / stock of events per wall-second. */
        double throughputRatio(long events) {
            return ember.rowsPerSecond(events) / stock.rowsPerSecond(events);
        }
    }

    final List<QueryResult> queries = new ArrayList<>();

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    /** Geometric mean of a ratio over the measured Nexmark queries; NaN if none was measured. */
    double nexmarkGeoMean(long events, boolean perCore) {
        return geoMean(events, perCore, BenchQuery::nexmark);
    }

    List<String> nexmarkMeasured() {
        return measured(BenchQuery::nexmark);
    }

    /** Geometric mean of a ratio over the measured queries of a group; NaN if none was measured. */
    double geoMean(long events, boolean perCore, Predicate<BenchQuery> group) {
        double logSum = 0;
        int n = 0;
        for (QueryResult q : queries) {
            if (group.test(q.query) && q.comparable()) {
                logSum += Math.log(perCore ? q.perCoreRatio(events) : q.throughputRatio(events));
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }

    List<String> measured(Predicate<BenchQuery> group) {
        return queries.stream().filter(q -> group.test(q.query) && q.comparable()).map(q -> q.query.name()).toList();
    }
}
