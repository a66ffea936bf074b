package dev.ember.flink.substrait;

import dev.ember.flink.substrait.functions.FunctionRegistry;
import dev.ember.flink.substrait.types.SubstraitTypes;

import io.substrait.proto.Expression;
import io.substrait.proto.FilterRel;
import io.substrait.proto.NamedStruct;
import io.substrait.proto.Plan;
import io.substrait.proto.PlanRel;
import io.substrait.proto.ProjectRel;
import io.substrait.proto.ReadRel;
import io.substrait.proto.Rel;
import io.substrait.proto.RelCommon;
import io.substrait.proto.RelRoot;
import io.substrait.proto.SimpleExtensionURN;
import io.substrait.proto.Type;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.types.logical.RowType;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates one Flink Calc (projection + optional condition over an input row type) into the Substrait plan shape of
 * {@code substrait-plans/README.md}: {@code Root(Project(Filter?(Read "calc_input")))}.
 *
 * <p>Never throws for input it cannot handle: the result carries the fallback reason instead (the first unsupported
 * type, function or expression found; the condition is examined before the projection, input types first).
 */
public final class CalcTranslator {

    /** URN of the Flink-semantics function extension ({@code substrait-plans/extensions/functions_flink.yaml}). */
    public static final String FUNCTIONS_URN = "extension:dev.ember:functions_flink";

    /** Name of the single input table of every Calc plan. */
    public static final String INPUT_TABLE = "calc_input";

    private final FunctionRegistry registry;
    private final RexBuilder rexBuilder;
    private final ReadableConfig config;

    /**
     * @param rexBuilder needed to expand {@code SEARCH} (IN / BETWEEN / NOT IN) into comparisons
     * @param config session config: per-function switches ({@code ember.function.<name>.enabled})
     */
    public CalcTranslator(FunctionRegistry registry, RexBuilder rexBuilder, ReadableConfig config) {
        this.registry = registry;
        this.rexBuilder = rexBuilder;
        this.config = config;
    }

    public CalcTranslation translate(
            List<RexNode> projection, @Nullable RexNode condition, RowType inputType, RowType outputType) {
        try {
            return CalcTranslation.supported(build(projection, condition, inputType, outputType));
        } catch (UnsupportedExpressionException e) {
            return CalcTranslation.unsupported(e.getMessage());
        } catch (RuntimeException e) {
            // A translator bug must cost one Calc its acceleration, never the job.
            return CalcTranslation.unsupported("translator error: " + e);
        }
    }

    private Plan build(List<RexNode> projection, @Nullable RexNode condition, RowType inputType, RowType outputType)
            throws UnsupportedExpressionException {
        Type inputStruct = rowStruct(inputType);
        String outputReason = SubstraitTypes.unsupportedReason(outputType);
        if (outputReason != null) {
            throw new UnsupportedExpressionException(outputReason);
        }
        ExpressionConverter converter = new ExpressionConverter(registry, config);

        List<String> inputNames = new ArrayList<>();
        SubstraitTypes.appendNamesDepthFirst(inputType, inputNames);
        Rel input =
                Rel.newBuilder()
                        .setRead(
                                ReadRel.newBuilder()
                                        .setBaseSchema(
                                                NamedStruct.newBuilder()
                                                        .addAllNames(inputNames)
                                                        .setStruct(inputStruct.getStruct()))
                                        .setNamedTable(ReadRel.NamedTable.newBuilder().addNames(INPUT_TABLE)))
                        .build();

        // The condition first: it is evaluated first, and anchors are numbered in order of first use.
        if (condition != null) {
            input =
                    Rel.newBuilder()
                            .setFilter(
                                    FilterRel.newBuilder()
                                            .setInput(input)
                                            .setCondition(converter.convert(expand(condition))))
                            .build();
        }

        int inputFieldCount = inputType.getFieldCount();
        ProjectRel.Builder project = ProjectRel.newBuilder().setInput(input);
        RelCommon.Emit.Builder emit = RelCommon.Emit.newBuilder();
        for (int i = 0; i < projection.size(); i++) {
            project.addExpressions(converter.convert(expand(projection.get(i))));
            // A ProjectRel appends its expressions to its input's fields; emit only the expressions.
            emit.addOutputMapping(inputFieldCount + i);
        }
        project.setCommon(RelCommon.newBuilder().setEmit(emit));

        List<String> outputNames = new ArrayList<>();
        SubstraitTypes.appendNamesDepthFirst(outputType, outputNames);
        return Plan.newBuilder()
                .addExtensionUrns(
                        SimpleExtensionURN.newBuilder()
                                .setExtensionUrnAnchor(ExpressionConverter.FUNCTIONS_URN_ANCHOR)
                                .setUrn(FUNCTIONS_URN))
                .addAllExtensions(converter.extensionDeclarations())
                .addRelations(
                        PlanRel.newBuilder()
                                .setRoot(
                                        RelRoot.newBuilder()
                                                .setInput(Rel.newBuilder().setProject(project))
                                                .addAllNames(outputNames)))
                .build();
    }

    /** {@code SEARCH(x, Sarg[...])} (how Calcite keeps IN, BETWEEN, NOT IN) becomes plain comparisons. */
    private RexNode expand(RexNode node) throws UnsupportedExpressionException {
        ZeroPointSearch zeroPoint = new ZeroPointSearch();
        node.accept(zeroPoint);
        if (zeroPoint.found) {
            throw new UnsupportedExpressionException(
                    "IN list of FLOAT/DOUBLE values with 0.0: Flink compares bit patterns there (-0.0 is not 0.0)");
        }
        return RexUtil.expandSearch(rexBuilder, null, node);
    }

    /**
     * Finds {@code x [NOT] IN (points...)} over FLOAT/DOUBLE with a zero point. Flink evaluates such lists with a hash
     * set, i.e. Java {@code equals} on boxed values, which compares bit patterns: {@code -0.0 IN (0.0)} is FALSE where
     * the expanded {@code -0.0 = 0.0} is TRUE. Zero is the only point where the two differ (no literal is NaN).
     */
    private static final class ZeroPointSearch extends RexVisitorImpl<Void> {
        boolean found;

        ZeroPointSearch() {
            super(true);
        }

        @Override
        public Void visitCall(RexCall call) {
            if (call.getKind() == SqlKind.SEARCH
                    && SqlTypeName.APPROX_TYPES.contains(call.getOperands().get(0).getType().getSqlTypeName())) {
                Sarg<?> sarg = ((RexLiteral) call.getOperands().get(1)).getValueAs(Sarg.class);
                found |= (sarg.isPoints() || sarg.isComplementedPoints())
                        && sarg.rangeSet.asRanges().stream()
                                .anyMatch(r -> r.hasLowerBound()
                                        && r.lowerEndpoint() instanceof Number
                                        && ((Number) r.lowerEndpoint()).doubleValue() == 0.0);
            }
            return super.visitCall(call);
        }
    }

    private static Type rowStruct(RowType row) throws UnsupportedExpressionException {
        String reason = SubstraitTypes.unsupportedReason(row);
        if (reason != null) {
            throw new UnsupportedExpressionException(reason);
        }
        // The top-level struct of a NamedStruct describes rows, which are never NULL.
        Type struct = SubstraitTypes.toSubstrait(row.copy(false));
        return struct;
    }
}
