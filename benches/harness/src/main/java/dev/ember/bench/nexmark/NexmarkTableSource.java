package dev.ember.bench.nexmark;

import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * The Nexmark scan: a bounded FLIP-27 {@link DataGeneratorSource} over event numbers {@code [0, events.num)},
 * split across source subtasks, mapped to rows by {@link NexmarkEventGenerator}. Insert-only, no push-downs
 * (like nexmark's own source), so every query reads the full nested rows and the planner adds the watermark
 * assigner, as on a Nexmark cluster.
 */
public final class NexmarkTableSource implements ScanTableSource {

    private final NexmarkConfig config;

    public NexmarkTableSource(NexmarkConfig config) {
        this.config = config;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        RowType rowType = (RowType) NexmarkSchema.PHYSICAL.getLogicalType();
        return SourceProvider.of(new DataGeneratorSource<>(
                new NexmarkEventGenerator(config), config.events, InternalTypeInfo.of(rowType)));
    }

    @Override
    public DynamicTableSource copy() {
        return new NexmarkTableSource(config);
    }

    @Override
    public String asSummaryString() {
        return "Nexmark(events=" + config.events + ", seed=" + config.seed + ")";
    }
}
