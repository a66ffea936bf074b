package dev.ember.flink.runtime;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;

/**
 * Emits its input unchanged (records, watermarks, watermark statuses). It holds the place of a stock operator whose
 * work a fused {@link NativeCalcOperator} does: Flink derives the IDs of operators without a uid from the
 * topology, so removing the fused operators would change the IDs of every stateful operator downstream and a
 * savepoint would no longer restore across stock and Ember runs. Chained, it costs a call and a binary row copy.
 */
public final class PassThroughOperator extends AbstractStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<RowData> element) {
        output.collect(element);
    }
}
