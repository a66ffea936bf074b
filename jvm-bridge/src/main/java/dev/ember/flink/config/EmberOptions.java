package dev.ember.flink.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** Every configuration key of Ember, all under the {@code ember.} prefix (settable with SQL {@code SET}). */
public final class EmberOptions {

    public static final String PREFIX = "ember.";

    public static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key(PREFIX + "enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Run eligible operators natively. When false every job runs as stock Flink.");

    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key(PREFIX + "batch-size")
                    .intType()
                    .defaultValue(1024)
                    .withDescription("Rows buffered before a native operator evaluates a batch.");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            ConfigOptions.key(PREFIX + "flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "Latency bound: a partly filled batch is evaluated at the latest this long after its first row"
                                    + " (processing time). 0 disables the timer (batches still flush on size, watermarks,"
                                    + " checkpoints and end of input).");

    /**
     * Off by default: measured on Nexmark, keeping the first (cheap) Calc stock made the whole query slower, because a
     * stock Calc emits {@code BoxedWrapperRowData} and the native Calc after it must then convert every row (nested
     * rows included) to {@code BinaryRowData}, which costs more than the boundary the rule saves. Worth enabling only
     * when no native Calc consumes the Calcs it keeps stock.
     */
    public static final ConfigOption<Boolean> COST_RULE_ENABLED =
            ConfigOptions.key(PREFIX + "cost-rule.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Keep a Calc stock when running it natively cannot pay by itself: it computes only field"
                                    + " references, comparisons, logic and CASE while passing more than"
                                    + " 'ember.cost-rule.max-nested-fields' nested ROW fields through (the fallback"
                                    + " reason starts with 'not profitable'). Off by default: a native Calc consuming"
                                    + " the kept stock Calc's rows then pays a row conversion that costs more.");

    public static final ConfigOption<Integer> COST_RULE_MAX_NESTED_FIELDS =
            ConfigOptions.key(PREFIX + "cost-rule.max-nested-fields")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "Nested ROW fields a Calc of only cheap expressions may pass through and still run"
                                    + " natively.");

    public static final ConfigOption<Boolean> FORMAT_JSON_ENABLED =
            ConfigOptions.key(PREFIX + "format.json.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Decode the 'json' format of a filesystem table natively, fused with the native Calc that"
                                    + " reads the scan: the source hands raw lines to the Calc, which parses them straight"
                                    + " into Arrow columns. Lines outside the native fast path (odd types, malformed"
                                    + " JSON, ...) are decoded by Flink's own JSON format, so results and errors are"
                                    + " stock.");

    public static final ConfigOption<Boolean> FORMAT_CSV_ENABLED =
            ConfigOptions.key(PREFIX + "format.csv.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Decode the 'csv' format of a filesystem table natively, fused with the native Calc that"
                                    + " reads the scan: the source hands raw CSV records (split where Jackson's CSV"
                                    + " parser ends them) to the Calc, which parses them straight into Arrow columns."
                                    + " Records outside the native fast path (odd types or values, malformed quoting,"
                                    + " ...) are decoded by Flink's own CSV reader, so results and errors are stock."
                                    + " Files must be UTF-8.");
    public static final ConfigOption<Boolean> FORMAT_JSON_SINK_ENABLED =
            ConfigOptions.key(PREFIX + "format.json.sink.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Encode the 'json' format of a filesystem sink natively, fused with the native Calc that"
                                    + " feeds it: the Calc hands the sink chunks of encoded lines, byte-identical to"
                                    + " Flink's JSON serializer, instead of rows. Independent of"
                                    + " 'ember.format.json.enabled' (the source side).");
    public static final ConfigOption<Boolean> FUSION_WATERMARK_ENABLED =
            ConfigOptions.key(PREFIX + "fusion.watermark.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Run a Calc, the watermark assigner it feeds and the Calc after that as one native operator"
                                    + " (the shape of a table with a computed rowtime column and a WATERMARK, e.g."
                                    + " Nexmark): rows are decoded, filtered and projected once, watermarks are computed"
                                    + " natively and emitted between the same rows as by the stock assigner. The two"
                                    + " absorbed operators stay in the job as pass-through operators, so operator IDs"
                                    + " (and savepoints) match a stock run. Not with 'table.exec.source.idle-timeout'.");

    public static final ConfigOption<Boolean> FORMAT_CSV_SINK_ENABLED =
            ConfigOptions.key(PREFIX + "format.csv.sink.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Encode the 'csv' format of a filesystem sink natively, fused with the native Calc that"
                                    + " feeds it: the Calc hands the sink chunks of encoded lines, byte-identical to"
                                    + " Flink's CSV bulk writer, instead of rows. Independent of"
                                    + " 'ember.format.csv.enabled' (the source side).");

    public static final ConfigOption<String> PLAN_DUMP_DIR =
            ConfigOptions.key(PREFIX + "debug.plan-dump-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "If set, the planner writes each translated Substrait plan as JSON into this directory"
                                    + " (file name: <exec node id>.json).");

    /**
     * Planner tests only: accept translated plans without asking the native library ({@code validateCalc}). Lets
     * the plan-rewriting side be tested on a machine without the library; a job planned this way fails at run time if
     * the native side cannot run a plan.
     */
    public static final ConfigOption<Boolean> SKIP_NATIVE_VALIDATION =
            ConfigOptions.key(PREFIX + "debug.skip-native-validation")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Tests only: do not ask the native library whether it can run a translated Calc plan.");

    /**
     * Per-function switch, keyed by the Substrait function name of the contract ({@code ember.function.like.enabled}):
     * false makes every Calc that uses the function fall back to stock Flink.
     */
    public static ConfigOption<Boolean> functionEnabled(String substraitName) {
        return ConfigOptions.key(PREFIX + "function." + substraitName + ".enabled")
                .booleanType()
                .defaultValue(true)
                .withDescription("Run Calcs that use function '" + substraitName + "' natively.");
    }

    private EmberOptions() {}
}
