package dev.ember.flink.format;

import org.apache.flink.table.planner.plan.nodes.exec.ExecNode;
import org.apache.flink.table.types.logical.RowType;

/**
 * A table scan rewritten to hand raw lines to the native Calc that reads it.
 *
 * @param scan the replacement scan node (same id, type and uid as the stock scan; output type {@link
 *     LineChunks#TYPE})
 * @param decodedType the rows the stock scan produced: what the native Calc decodes the lines into
 * @param formatOptions the table's format options without the format prefix, as key/value pairs
 */
public record FusedScan(ExecNode<?> scan, RowType decodedType, String format, String[] formatOptions,
        RawLinesFormat rawLines) {

    /** The run-time part; call only after {@link #scan} was translated. */
    public LineDecoding runtime() {
        return new LineDecoding(format, formatOptions, rawLines.stockSchema());
    }
}
