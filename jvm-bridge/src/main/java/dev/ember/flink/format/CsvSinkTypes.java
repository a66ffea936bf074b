package dev.ember.flink.format;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import javax.annotation.Nullable;

/** The column types a fused {@code csv} sink encodes natively: the flat ones of the JSON sink, no ROW. */
final class CsvSinkTypes {

    private CsvSinkTypes() {}

    /** Null if every column is encoded natively (and fed the sink's type), else the reason. */
    @Nullable
    static String reason(RowType sink, RowType calc) {
        for (RowType.RowField field : sink.getFields()) {
            LogicalTypeRoot root = field.getType().getTypeRoot();
            if (root == LogicalTypeRoot.ROW) {
                return "CSV field `" + field.getName() + "` of type " + field.getType() + " is not encoded natively";
            }
        }
        for (LogicalType type : calc.getChildren()) {
            if (type.getTypeRoot() == LogicalTypeRoot.ROW) {
                return "the Calc's output has a ROW column, not encoded natively in CSV";
            }
        }
        String reason = SinkFusion.typeReason(sink, calc, "");
        return reason == null ? null : reason.replace("JSON field", "CSV field");
    }
}
