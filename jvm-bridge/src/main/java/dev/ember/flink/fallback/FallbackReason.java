package dev.ember.flink.fallback;

/**
 * Why one Calc stays stock Flink: the ExecNode id and description identify the node (as in EXPLAIN), the reason names
 * the first thing that could not run natively ("function REGEXP_EXTRACT is not supported natively", "type TIME(0) is
 * not supported natively", "native: …").
 */
public record FallbackReason(int nodeId, String nodeDescription, String reason) {

    /** One log line. */
    public String format() {
        return "Ember: Calc [" + nodeId + "] stays stock Flink: " + reason + " (" + nodeDescription + ")";
    }
}
