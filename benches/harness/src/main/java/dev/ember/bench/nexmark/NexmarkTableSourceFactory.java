package dev.ember.bench.nexmark;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.Set;

/**
 * The {@code 'connector' = 'nexmark'} table factory, so the Nexmark queries run unchanged against a real Flink
 * table source (scan → computed {@code dateTime} → watermark → the query's Calc), as on a Nexmark cluster.
 *
 * <p>Registered through META-INF/services of the harness module only: the Ember jar must not ship a connector.
 * Option names follow nexmark's connector where they exist ({@code events.num}, {@code first-event.rate},
 * {@code *.proportion}); {@code seed} is ours (fixed data for stock vs Ember). Nexmark's rate limiting is not
 * offered: the harness measures maximum throughput.
 */
public final class NexmarkTableSourceFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "nexmark";

    public static final ConfigOption<Long> EVENTS_NUM = ConfigOptions.key("events.num").longType()
            .defaultValue(1_000_000L).withDescription("Number of events (bounded source).");
    public static final ConfigOption<Long> SEED = ConfigOptions.key("seed").longType()
            .defaultValue(42L).withDescription("Seed: equal seeds give identical rows.");
    public static final ConfigOption<Long> EVENT_RATE = ConfigOptions.key("first-event.rate").longType()
            .defaultValue(10_000_000L)
            .withDescription("Events per second of event time (timestamp spacing only; emission is unthrottled).");
    public static final ConfigOption<Integer> PERSON_PROPORTION =
            ConfigOptions.key("person.proportion").intType().defaultValue(1);
    public static final ConfigOption<Integer> AUCTION_PROPORTION =
            ConfigOptions.key("auction.proportion").intType().defaultValue(3);
    public static final ConfigOption<Integer> BID_PROPORTION =
            ConfigOptions.key("bid.proportion").intType().defaultValue(46);

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(EVENTS_NUM, SEED, EVENT_RATE, PERSON_PROPORTION, AUCTION_PROPORTION, BID_PROPORTION);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        // The generator writes fields by position: refuse any other physical schema instead of producing garbage.
        LogicalType declared = context.getPhysicalRowDataType().getLogicalType();
        if (!declared.equals(NexmarkSchema.PHYSICAL.getLogicalType())) {
            throw new ValidationException("The 'nexmark' connector produces\n  "
                    + NexmarkSchema.PHYSICAL.getLogicalType() + "\nbut the table declares\n  " + declared);
        }
        ReadableConfig options = helper.getOptions();
        return new NexmarkTableSource(new NexmarkConfig(
                options.get(EVENTS_NUM),
                options.get(SEED),
                options.get(EVENT_RATE),
                options.get(PERSON_PROPORTION),
                options.get(AUCTION_PROPORTION),
                options.get(BID_PROPORTION)));
    }
}
