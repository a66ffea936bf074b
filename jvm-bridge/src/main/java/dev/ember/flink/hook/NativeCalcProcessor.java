package dev.ember.flink.hook;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.fallback.FallbackReason;
import dev.ember.flink.fallback.FallbackReport;
import dev.ember.flink.format.EncodedChunks;
import dev.ember.flink.format.FusedScan;
import dev.ember.flink.format.ScanFusion;
import dev.ember.flink.format.SinkEncoding;
import dev.ember.flink.format.SinkFusion;
import dev.ember.flink.jni.EmberNativeException;
import dev.ember.flink.jni.NativeBridge;
import dev.ember.flink.substrait.CalcTranslation;
import dev.ember.flink.substrait.CalcTranslator;
import dev.ember.flink.substrait.PlanDump;
import dev.ember.flink.substrait.functions.FunctionRegistry;

import org.apache.flink.table.api.ExplainFormat;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.table.planner.plan.nodes.exec.ExecEdge;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNode;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeBase;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeContext;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeGraph;
import org.apache.flink.table.planner.plan.nodes.exec.InputProperty;
import org.apache.flink.table.planner.plan.nodes.exec.batch.BatchExecBoundedStreamScan;
import org.apache.flink.table.planner.plan.nodes.exec.batch.BatchExecCalc;
import org.apache.flink.table.planner.plan.nodes.exec.common.CommonExecCalc;
import org.apache.flink.table.planner.plan.nodes.exec.processor.ExecNodeGraphProcessor;
import org.apache.flink.table.planner.plan.nodes.exec.processor.ProcessorContext;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecCalc;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecDataStreamScan;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecTableSourceScan;
import org.apache.flink.table.planner.plan.nodes.exec.stream.StreamExecWatermarkAssigner;
import org.apache.flink.table.planner.plan.nodes.exec.visitor.AbstractExecNodeExactlyOnceVisitor;
import org.apache.flink.table.types.logical.RowType;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Swaps every eligible stock Calc ExecNode for its native counterpart ({@link StreamExecNativeCalc} /
 * {@link BatchExecNativeCalc}); a Calc that cannot run natively stays as it is, with its reason logged.
 *
 * <p>Eligible = the exact class {@code StreamExecCalc} / {@code BatchExecCalc} (not subclasses: another extension's
 * node is not ours to replace), translatable to Substrait, worth running natively ({@link CostRule}) and accepted by
 * the native library. {@code ember.enabled}
 * is read from the session's TableConfig on every graph, so {@code SET 'ember.enabled' = 'false'} takes effect for the
 * next statement.
 */
public final class NativeCalcProcessor implements ExecNodeGraphProcessor {

    private final FunctionRegistry registry = FunctionRegistry.create();

    @Override
    public ExecNodeGraph process(ExecNodeGraph graph, ProcessorContext context) {
        return process(graph, context, false);
    }

    /** The report of the last processed graph, until EXPLAIN takes it. */
    @Nullable private FallbackReport lastReport;

    /**
     * @param markCompiled true for a graph loaded from a compiled plan: replacements become "compiled" nodes like the
     *     nodes they replace (this affects uid generation)
     * @return {@code graph} itself if nothing changed
     */
    ExecNodeGraph process(ExecNodeGraph graph, ProcessorContext context, boolean markCompiled) {
        PlannerBase planner = context.getPlanner();
        TableConfig config = planner.getTableConfig();
        if (!config.get(EmberOptions.ENABLED)) {
            return graph;
        }
        GraphRewrite rewrite = new GraphRewrite(planner, config, markCompiled);
        ExecNodeGraph result = rewrite.apply(graph);
        rewrite.report.log();
        lastReport = rewrite.report;
        return result;
    }

    /**
     * Runs the planner's EXPLAIN and, for the text format, appends the report of the graph it processed: how many
     * Calcs run natively and why the others stay stock.
     */
    String explain(ExplainFormat format, Supplier<String> plannerExplain) {
        lastReport = null;
        String plan = plannerExplain.get();
        FallbackReport report = lastReport;
        lastReport = null;
        return format == ExplainFormat.TEXT && report != null ? plan + report.explainSection() : plan;
    }

    /** State of one graph rewrite (one per processed graph; the processor keeps only the last report). */
    private final class GraphRewrite {
        private final PlannerBase planner;
        private final TableConfig config;
        private final boolean markCompiled;
        private final CalcTranslator translator;
        @Nullable private final PlanDump dump;
        private final FallbackReport report = new FallbackReport();
        /** Calc -> its replacement, or the Calc itself if it stays stock. Identity: ExecNodes have no equals. */
        private final Map<ExecNode<?>, ExecNode<?>> decided = new IdentityHashMap<>();
        /** Node -> number of edges reading it: only a scan read by its Calc alone can be fused into it. */
        private final Map<ExecNode<?>, Integer> consumers = new IdentityHashMap<>();
        /** Scans already rewritten to hand raw lines on (they are scans of the same table, not candidates again). */
        private final Set<ExecNode<?>> rawScans = Collections.newSetFromMap(new IdentityHashMap<>());
        private final RexBuilder rexBuilder;
        /** Native Calc node -> how it was built, so a fused sink can have it rebuilt with encoded output. */
        private final Map<ExecNode<?>, NativeCalcArgs> built = new IdentityHashMap<>();
        /** Stock nodes whose work a native Calc fused with them does ({@link WatermarkFusion}): not decided again. */
        private final Set<ExecNode<?>> absorbed = Collections.newSetFromMap(new IdentityHashMap<>());

        GraphRewrite(PlannerBase planner, TableConfig config, boolean markCompiled) {
            this.planner = planner;
            this.config = config;
            this.markCompiled = markCompiled;
            this.rexBuilder = new RexBuilder(planner.getTypeFactory());
            this.translator = new CalcTranslator(registry, rexBuilder, config);
            this.dump = config.getOptional(EmberOptions.PLAN_DUMP_DIR).map(PlanDump::new).orElse(null);
        }

        ExecNodeGraph apply(ExecNodeGraph graph) {
            countConsumers(graph);
            if (config.get(EmberOptions.FUSION_WATERMARK_ENABLED)) {
                fuseWatermarkAssigners(graph);
            }
            AbstractExecNodeExactlyOnceVisitor visitor =
                    new AbstractExecNodeExactlyOnceVisitor() {
                        @Override
                        protected void visitNode(ExecNode<?> node) {
                            // Inputs first: a Calc is decided (and its own inputs rewired) before its consumer
                            // rewires the edge that points at it.
                            visitInputs(node);
                            if (absorbed.contains(node)) {
                                return; // replaced by a fused native Calc, which has its own input edges
                            }
                            List<ExecEdge> edges = node.getInputEdges();
                            for (int i = 0; i < edges.size(); i++) {
                                ExecEdge edge = edges.get(i);
                                ExecNode<?> replacement = decide(edge.getSource());
                                if (replacement == edge.getSource() && !isCalc(node)) {
                                    // A scan read by something other than a Calc: decode natively all the same.
                                    replacement = decoderFor(edge.getSource());
                                }
                                if (replacement != edge.getSource()
                                        && consumers.getOrDefault(edge.getSource(), 0) == 1) {
                                    // A native Calc feeding a sink alone: the sink may write its encoded lines.
                                    replacement = fuseSink(node, replacement);
                                }
                                if (replacement != edge.getSource()) {
                                    // ExecEdge is immutable: rebuild it with the new source.
                                    node.replaceInputEdge(i, ExecEdge.builder().from(edge).source(replacement).build());
                                }
                            }
                        }
                    };
            boolean changed = false;
            List<ExecNode<?>> roots = new ArrayList<>();
            for (ExecNode<?> root : graph.getRootNodes()) {
                root.accept(visitor);
                ExecNode<?> replacement = decide(root);
                if (replacement == root) {
                    replacement = decoderFor(root); // a root scan: EXPLAIN of a bare SELECT
                }
                changed |= replacement != root;
                roots.add(replacement);
            }
            changed |= report.acceleratedCount() + report.fusedScanCount() > 0;
            return changed ? new ExecNodeGraph(graph.getFlinkVersion(), roots) : graph;
        }

        private void countConsumers(ExecNodeGraph graph) {
            AbstractExecNodeExactlyOnceVisitor counter =
                    new AbstractExecNodeExactlyOnceVisitor() {
                        @Override
                        protected void visitNode(ExecNode<?> node) {
                            for (ExecEdge edge : node.getInputEdges()) {
                                consumers.merge(edge.getSource(), 1, Integer::sum);
                            }
                            visitInputs(node);
                        }
                    };
            for (ExecNode<?> root : graph.getRootNodes()) {
                consumers.merge(root, 1, Integer::sum); // the graph's output reads its roots
                root.accept(counter);
            }
        }

        private ExecNode<?> decide(ExecNode<?> node) {
            if (!isCalc(node) || absorbed.contains(node)) {
                return node;
            }
            return decided.computeIfAbsent(node, n -> replace((CommonExecCalc) n));
        }

        /** Decides every Calc → WatermarkAssigner → Calc chain first, so its Calcs are not replaced one by one. */
        private void fuseWatermarkAssigners(ExecNodeGraph graph) {
            AbstractExecNodeExactlyOnceVisitor visitor =
                    new AbstractExecNodeExactlyOnceVisitor() {
                        @Override
                        protected void visitNode(ExecNode<?> node) {
                            visitInputs(node); // bottom-up: a Calc ends at most one fused chain
                            WatermarkFusion.Chain chain = WatermarkFusion.Chain.endingAt(node, consumers);
                            if (chain != null && !absorbed.contains(chain.top()) && !decided.containsKey(chain.first())) {
                                fuseWatermarkAssigner(chain);
                            }
                        }
                    };
            for (ExecNode<?> root : graph.getRootNodes()) {
                root.accept(visitor);
            }
        }

        /**
         * Replaces {@code chain} by one native Calc doing all its work (at the place of its first node, with its id)
         * followed by pass-through nodes with the ids of the others, so the topology and with it the operator IDs
         * stay stock. If the chain cannot be fused, its reason is reported and its Calcs are decided one by one.
         */
        private void fuseWatermarkAssigner(WatermarkFusion.Chain chain) {
            ExecNodeBase<?> first = chain.first();
            StreamExecWatermarkAssigner assigner = chain.assigner();
            StreamExecCalc top = chain.top();
            RowType outputType = (RowType) top.getOutputType();
            String reason = WatermarkFusion.obstacle(chain, config);
            WatermarkFusion.Merged merged = null;
            CalcTranslation rows = null;
            CalcTranslation watermarks = null;
            if (reason == null) {
                merged = WatermarkFusion.merge(chain, rexBuilder);
                rows = translator.translate(merged.projection(), merged.condition(), chain.inputType(), outputType);
                watermarks = translator.translate(merged.watermark(), merged.bottomCondition(), chain.inputType(),
                        merged.watermarkType());
                reason = !rows.isSupported() ? rows.reason()
                        : !watermarks.isSupported() ? "watermark: " + watermarks.reason() : null;
            }
            byte[] plan = reason == null ? rows.plan().toByteArray() : null;
            byte[] watermarkPlan = reason == null ? watermarks.plan().toByteArray() : null;
            if (reason == null) {
                String rejection = nativeRejection(
                        () -> NativeBridge.validateWatermarkCalc(plan, watermarkPlan, null, new String[0]));
                reason = rejection == null ? null : "native: " + rejection;
            }
            if (reason != null) {
                report.fellBack(new FallbackReason(
                        "WatermarkAssigner", assigner.getId(), assigner.getDescription(), "not fused: " + reason));
                return;
            }
            // A scan of a natively decoded format below: the same operator parses its lines too.
            ExecNode<?> input = first.getInputEdges().get(0).getSource();
            FusedScan scan = fuse(input, ScanFusion.decide(input, planner, config),
                    f -> NativeBridge.validateWatermarkCalc(plan, watermarkPlan, f.format(), f.formatOptions()));
            String description = chain.description();
            if (scan != null) {
                description = description.replaceFirst("^NativeCalc\\(", "NativeCalc(format=[" + scan.format() + "], ");
            }
            // At the first node's place: its id, type and transformation name (so its uid, where uids are set).
            ExecNodeBase<?> fused = new StreamExecNativeCalc(first.getId(), new ExecNodeContext(first.getTypeAsString()),
                    first.getPersistedConfig(), merged.projection(), merged.condition(), first.getInputProperties(),
                    outputType, description, plan, scan, null, watermarkPlan,
                    first == assigner ? StreamExecWatermarkAssigner.WATERMARK_ASSIGNER_TRANSFORMATION : null,
                    scan == null && soleReaderOfInput(first));
            takeOverInputs(first, fused, scan);
            ExecNodeBase<?> assignerPlace = first == assigner ? fused : placeOf(assigner, fused, outputType,
                    StreamExecWatermarkAssigner.WATERMARK_ASSIGNER_TRANSFORMATION, true);
            ExecNodeBase<?> topPlace =
                    placeOf(top, assignerPlace, outputType, StreamExecCalc.CALC_TRANSFORMATION, false);
            if (markCompiled) {
                fused.setCompiled(true);
                assignerPlace.setCompiled(true);
                topPlace.setCompiled(true);
            }
            absorbed.add(first);
            absorbed.add(assigner);
            decided.put(top, topPlace);
            report.accelerated(); // the top Calc
            if (chain.bottom() != null) {
                report.accelerated();
            }
            report.fusedWatermark();
        }

        /**
         * {@code replacement} takes over {@code stock}'s input edges (same sources, new target); a fused scan replaces
         * the stock scan as the source.
         */
        private void takeOverInputs(ExecNode<?> stock, ExecNodeBase<?> replacement, @Nullable FusedScan scan) {
            List<ExecEdge> edges = new ArrayList<>();
            for (ExecEdge edge : stock.getInputEdges()) {
                ExecEdge.Builder builder = ExecEdge.builder().from(edge).target(replacement);
                if (scan != null) {
                    builder.source(scan.scan());
                }
                edges.add(builder.build());
            }
            replacement.setInputEdges(edges);
        }

        /**
         * A pass-through node holding {@code stock}'s place (id, type, transformation name) after {@code input};
         * {@code handsOver} if another one follows.
         */
        private ExecNodeBase<?> placeOf(ExecNodeBase<?> stock, ExecNode<?> input, RowType outputType,
                String transformationName, boolean handsOver) {
            ExecNodeBase<?> place = new StreamExecFusedIntoNativeCalc(stock.getId(),
                    new ExecNodeContext(stock.getTypeAsString()), stock.getPersistedConfig(), stock.getInputProperties(),
                    outputType, "FusedIntoNativeCalc(" + stock.getDescription() + ")", transformationName, handsOver);
            place.setInputEdges(List.of(
                    ExecEdge.builder().from(stock.getInputEdges().get(0)).source(input).target(place).build()));
            return place;
        }

        private boolean isCalc(ExecNode<?> node) {
            return node.getClass() == StreamExecCalc.class || node.getClass() == BatchExecCalc.class;
        }

        /**
         * For a scan whose format can be decoded natively and that feeds no Calc (e.g. {@code INSERT INTO sink SELECT *
         * FROM json_table}): a new native Calc that only decodes (identity projection), reading the fused scan; else
         * the scan itself. The new node is stateless, so savepoints still move between stock and Ember runs.
         */
        private ExecNode<?> decoderFor(ExecNode<?> scan) {
            if (rawScans.contains(scan)) {
                return scan;
            }
            ScanFusion.Decision decision = ScanFusion.decide(scan, planner, config);
            if (decision.fused() == null) {
                return scan;
            }
            RowType type = decision.fused().decodedType();
            List<RexNode> identity = new ArrayList<>();
            for (int i = 0; i < type.getFieldCount(); i++) {
                identity.add(rexBuilder.makeInputRef(
                        planner.getTypeFactory().createFieldTypeFromLogicalType(type.getTypeAt(i)), i));
            }
            CalcTranslation translation = translator.translate(identity, null, type, type);
            if (!translation.isSupported()) {
                report.fellBack(new FallbackReason("Scan", scan.getId(), scan.getDescription(), translation.reason()));
                return scan;
            }
            byte[] plan = translation.plan().toByteArray();
            FusedScan fused = fuse(scan, decision, lineCalc(plan));
            if (fused == null) {
                return scan;
            }
            boolean streaming = scan instanceof StreamExecTableSourceScan;
            Class<? extends ExecNode<?>> calcClass = streaming ? StreamExecCalc.class : BatchExecCalc.class;
            String description = "NativeCalc(format=[" + fused.format() + "], select=["
                    + String.join(", ", type.getFieldNames()) + "])";
            ExecNodeBase<?> decoder = nativeCalc(streaming, ExecNodeContext.newNodeId(),
                    ExecNodeContext.newContext(calcClass), ExecNodeContext.newPersistedConfig(calcClass, config),
                    new CalcParts(identity, null), List.of(InputProperty.DEFAULT), type, description, plan, fused,
                    false);
            decoder.setInputEdges(List.of(ExecEdge.builder().source(fused.scan()).target(decoder).build()));
            if (markCompiled) {
                decoder.setCompiled(true);
            }
            return decoder;
        }

        /** The native replacement of {@code calc}, or {@code calc} itself (reason recorded). */
        private ExecNode<?> replace(CommonExecCalc calc) {
            CalcParts parts = CalcParts.of(calc);
            RowType inputType = (RowType) calc.getInputEdges().get(0).getOutputType();
            RowType outputType = (RowType) calc.getOutputType();
            CalcTranslation translation =
                    translator.translate(parts.projection(), parts.condition(), inputType, outputType);
            if (!translation.isSupported()) {
                return fallBack(calc, translation.reason());
            }
            if (config.get(EmberOptions.COST_RULE_ENABLED)) {
                String unprofitable =
                        CostRule.unprofitable(
                                parts.projection(),
                                parts.condition(),
                                config.get(EmberOptions.COST_RULE_MAX_NESTED_FIELDS));
                if (unprofitable != null) {
                    return fallBack(calc, unprofitable);
                }
            }
            if (dump != null) {
                dump.plan(calc.getId(), translation.plan());
            }
            byte[] plan = translation.plan().toByteArray();
            String nativeReason = nativeRejection(plan);
            if (nativeReason != null) {
                return fallBack(calc, "native: " + nativeReason);
            }

            FusedScan fused = fuseScan(calc, plan);
            ExecNodeBase<?> replacement = create(calc, parts, outputType, plan, fused);
            takeOverInputs(calc, replacement, fused);
            if (markCompiled) {
                replacement.setCompiled(true);
            }
            report.accelerated();
            return replacement;
        }

        /**
         * The JSON constructor of the stock node keeps id, type string ({@code stream-exec-calc_1}), persisted config
         * and input properties, so the uid and everything derived from the id stay as stock.
         */
        private ExecNodeBase<?> create(
                CommonExecCalc calc, CalcParts parts, RowType outputType, byte[] plan, @Nullable FusedScan fused) {
            ExecNodeContext context = new ExecNodeContext(calc.getTypeAsString());
            String description = "Native" + calc.getDescription();
            if (fused != null) {
                description = description.replaceFirst("^NativeCalc\\(", "NativeCalc(format=[" + fused.format() + "], ");
            }
            return nativeCalc(calc instanceof StreamExecCalc, calc.getId(), context, calc.getPersistedConfig(), parts,
                    calc.getInputProperties(), outputType, description, plan, fused,
                    fused == null && soleReaderOfInput(calc));
        }

        /**
         * Whether {@code node} is the only reader of its (single) input, which the planner made: a scan of a
         * user's DataStream may hand that stream's own records, which other operators outside the query may read.
         */
        private boolean soleReaderOfInput(ExecNode<?> node) {
            ExecNode<?> input = node.getInputEdges().get(0).getSource();
            return consumers.getOrDefault(input, 0) == 1
                    && !(input instanceof StreamExecDataStreamScan)
                    && !(input instanceof BatchExecBoundedStreamScan);
        }

        private ExecNodeBase<?> nativeCalc(boolean streaming, int id, ExecNodeContext context,
                ReadableConfig persistedConfig, CalcParts parts, List<InputProperty> inputProperties,
                RowType outputType, String description, byte[] plan, @Nullable FusedScan fused,
                boolean handOverInput) {
            NativeCalcArgs args = new NativeCalcArgs(streaming, id, context, persistedConfig, parts, inputProperties,
                    outputType, description, plan, fused, handOverInput);
            ExecNodeBase<?> node = args.create(null);
            built.put(node, args);
            return node;
        }

        /**
         * For a sink reading only the native Calc {@code calc}: if the sink can write the lines the Calc encodes
         * ({@link SinkFusion}) and the native side accepts, the sink is rewritten and a copy of {@code calc} that
         * encodes its results for it is returned; else {@code calc} (the reason reported for a candidate sink).
         */
        private ExecNode<?> fuseSink(ExecNode<?> sink, ExecNode<?> calc) {
            NativeCalcArgs args = built.get(calc);
            if (args == null) {
                return calc;
            }
            SinkFusion.Decision decision = SinkFusion.decide(sink, args.outputType(), planner, config);
            SinkFusion.FusedSink fusedSink = decision.fused();
            String reason = decision.reason();
            if (fusedSink != null) {
                SinkEncoding encoding = fusedSink.encoding();
                FusedScan scan = args.fused();
                String rejection = nativeRejection(() -> NativeBridge.validateSinkCalc(args.plan(),
                        scan != null ? scan.format() : null, scan != null ? scan.formatOptions() : new String[0],
                        encoding.format(), encoding.formatOptions(), encoding.fieldNames()));
                reason = rejection == null ? null : "native: " + rejection;
            }
            if (fusedSink == null || reason != null) {
                if (reason != null) {
                    report.fellBack(new FallbackReason("Sink", sink.getId(), sink.getDescription(), reason));
                }
                return calc;
            }
            fusedSink.apply();
            report.fusedSink();
            ExecNodeBase<?> encoder = args.create(fusedSink.encoding());
            List<ExecEdge> edges = new ArrayList<>();
            for (ExecEdge edge : calc.getInputEdges()) {
                edges.add(ExecEdge.builder().from(edge).target(encoder).build());
            }
            encoder.setInputEdges(edges);
            if (markCompiled) {
                encoder.setCompiled(true);
            }
            return encoder;
        }

        /**
         * The fused scan feeding {@code calc}, or null if its input is not a scan whose format can be decoded natively
         * (the reason is reported for a scan that was a candidate).
         */
        @Nullable
        private FusedScan fuseScan(CommonExecCalc calc, byte[] plan) {
            ExecNode<?> input = calc.getInputEdges().get(0).getSource();
            return fuse(input, ScanFusion.decide(input, planner, config), lineCalc(plan));
        }

        /** The native check of a Calc running {@code plan} over the lines of a fused scan. */
        private Consumer<FusedScan> lineCalc(byte[] plan) {
            return f -> NativeBridge.validateLineCalc(plan, f.format(), f.formatOptions());
        }

        /**
         * The fused scan of {@code decision} if it holds, the scan has no other reader and the native side accepts
         * the operator that will read its lines ({@code nativeCheck} throws otherwise).
         */
        @Nullable
        private FusedScan fuse(ExecNode<?> scan, ScanFusion.Decision decision, Consumer<FusedScan> nativeCheck) {
            FusedScan fused = decision.fused();
            String reason = decision.reason();
            if (fused != null && consumers.getOrDefault(scan, 0) != 1) {
                reason = "the scan is read by several operators";
            } else if (fused != null) {
                String rejection = nativeRejection(() -> nativeCheck.accept(fused));
                reason = rejection == null ? null : "native: " + rejection;
            }
            if (fused != null && reason == null) {
                report.fusedScan();
                rawScans.add(fused.scan());
                return fused;
            }
            if (reason != null) {
                report.fellBack(new FallbackReason("Scan", scan.getId(), scan.getDescription(), reason));
            }
            return null;
        }

        /** Null if the native library accepts the plan; else its message. The native side has the last word. */
        @Nullable
        private String nativeRejection(byte[] plan) {
            return nativeRejection(() -> NativeBridge.validateCalc(plan));
        }

        @Nullable
        private String nativeRejection(Runnable validation) {
            if (config.get(EmberOptions.SKIP_NATIVE_VALIDATION)) {
                return null;
            }
            try {
                validation.run();
                return null;
            } catch (Throwable t) {
                // The native library's own rejection carries its message; anything else (a missing library, a
                // linkage error) is named by its class so the reason stays readable.
                if (t instanceof EmberNativeException) {
                    return t.getMessage();
                }
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }

        private ExecNode<?> fallBack(CommonExecCalc calc, String reason) {
            report.fellBack(new FallbackReason("Calc", calc.getId(), calc.getDescription(), reason));
            if (dump != null) {
                dump.fallback(calc.getId(), reason);
            }
            return calc;
        }
    }

    /** The arguments a native Calc node was built with. */
    private record NativeCalcArgs(boolean streaming, int id, ExecNodeContext context, ReadableConfig persistedConfig,
            CalcParts parts, List<InputProperty> inputProperties, RowType outputType, String description, byte[] plan,
            @Nullable FusedScan fused, boolean handOverInput) {

        /**
         * The node; with {@code sinkEncoding}, one that outputs {@link EncodedChunks} for a fused sink, its
         * description naming the sink's format ({@code NativeCalc(format=[json], sink-format=[json], ...)}).
         */
        ExecNodeBase<?> create(@Nullable SinkEncoding sinkEncoding) {
            RowType type = outputType;
            String text = description;
            if (sinkEncoding != null) {
                type = EncodedChunks.TYPE;
                String prefix = description.startsWith("NativeCalc(format=[")
                        ? description.substring(0, description.indexOf("], ") + 3)
                        : description.startsWith("NativeCalc(") ? "NativeCalc(" : "";
                text = prefix + "sink-format=[" + sinkEncoding.format() + "], " + description.substring(prefix.length());
            }
            return streaming
                    ? new StreamExecNativeCalc(id, context, persistedConfig, parts.projection(), parts.condition(),
                            inputProperties, type, text, plan, fused, sinkEncoding, null, null,
                            handOverInput)
                    : new BatchExecNativeCalc(id, context, persistedConfig, parts.projection(), parts.condition(),
                            inputProperties, type, text, plan, fused, sinkEncoding, handOverInput);
        }
    }
}
