package dev.ember.flink.fallback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What happened to the Calc nodes of one ExecNode graph: which were accelerated and why the others fell back. One
 * report per processed graph (no global recorder); {@link #log()} writes one INFO line per fallback and one summary.
 */
public final class FallbackReport {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackReport.class);

    private final List<FallbackReason> fallbacks = new ArrayList<>();
    private int accelerated;
    private int fusedScans;
    private int fusedSinks;
    private int fusedWatermarks;

    public void accelerated() {
        accelerated++;
    }

    /** A scan now hands raw lines to a native Calc that decodes its format. */
    public void fusedScan() {
        fusedScans++;
    }

    /** A sink now writes the lines a native Calc encodes in its format. */
    public void fusedSink() {
        fusedSinks++;
    }

    /** A watermark assigner now runs inside the native Calc below it (together with the Calc above it). */
    public void fusedWatermark() {
        fusedWatermarks++;
    }

    public int fusedWatermarkCount() {
        return fusedWatermarks;
    }

    public int fusedSinkCount() {
        return fusedSinks;
    }

    public void fellBack(FallbackReason reason) {
        fallbacks.add(reason);
    }

    public int acceleratedCount() {
        return accelerated;
    }

    public int fusedScanCount() {
        return fusedScans;
    }

    public List<FallbackReason> fallbacks() {
        return Collections.unmodifiableList(fallbacks);
    }

    /** "Ember: accelerated 2 of 3 Calc nodes", plus "; 1 scan decoded natively" when a format is decoded natively. */
    public String summary() {
        long calcs = accelerated + fallbacks.stream().filter(f -> f.kind().equals("Calc")).count();
        String summary = "Ember: accelerated " + accelerated + " of " + calcs + " Calc nodes";
        if (fusedScans > 0) {
            summary += "; " + fusedScans + (fusedScans == 1 ? " scan" : " scans") + " decoded natively";
        }
        if (fusedSinks > 0) {
            summary += "; " + fusedSinks + (fusedSinks == 1 ? " sink" : " sinks") + " encoded natively";
        }
        if (fusedWatermarks > 0) {
            summary += "; " + fusedWatermarks + (fusedWatermarks == 1 ? " watermark assigner" : " watermark assigners")
                    + " fused";
        }
        return summary;
    }

    /**
     * The section EXPLAIN appends: the summary and every fallback reason; empty for a graph without Calc nodes.
     */
    public String explainSection() {
        if (accelerated + fusedScans + fallbacks.size() == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n== Ember ==\n").append(summary()).append('\n');
        for (FallbackReason reason : fallbacks) {
            out.append(reason.format()).append('\n');
        }
        return out.toString();
    }

    /** Logs the fallbacks and the summary; silent for a graph without Calc nodes. */
    public void log() {
        if (accelerated + fusedScans + fallbacks.size() == 0) {
            return;
        }
        for (FallbackReason reason : fallbacks) {
            LOG.info(reason.format());
        }
        LOG.info(summary());
    }
}
