package dev.ember.flink.fallback;

/**
 * Why one node stays stock Flink: a Calc, or the format decoding of a table scan feeding a native Calc. The kind
 * ("Calc", "Scan"), ExecNode id and description identify the node (as in EXPLAIN), the reason names the first thing
 * that could not run natively ("function REGEXP_EXTRACT is not supported natively", "type TIME(0) is
 * not supported natively", "native: …").
 */
public record FallbackReason(String kind, int nodeId, String nodeDescription, String reason) {

    /** One log line. */
    public String format() {
        return "Ember: " + kind + " [" + nodeId + "] stays stock Flink: " + reason + " (" + nodeDescription + ")";
    }
}
