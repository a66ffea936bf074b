package dev.ember.flink.hook;

import org.apache.flink.table.planner.calcite.FlinkTypeFactory;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

import javax.annotation.Nullable;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether running a (translatable) Calc natively can pay, from its shape alone.
 *
 * <p>The native boundary costs per row: copying the row's bytes, decoding the (nested) fields read to Arrow and
 * encoding every output column back; a ROW value that is output as it is gets decoded and re-encoded field by field.
 * Stock Flink's generated code instead reads the fields it needs in place and copies such a ROW as one block of bytes.
 * Native evaluation only wins that back through the expressions it evaluates vectorised. A Calc that computes nothing
 * but field references, literals, comparisons, boolean logic and CASE over them (<em>cheap</em> expressions) has
 * nothing to win back; when it also passes many nested fields through, the boundary dominates and the stock Calc is
 * faster. This is Nexmark's first Calc ({@code event_type, bid, CASE ... person.dateTime ... AS dateTime}: the
 * 7-field {@code bid} row passed through), measured in {@code benches/results/}.
 *
 * <p>The rule is deliberately narrow: a Calc with any non-cheap expression (arithmetic, a string function, a CAST, ...)
 * or passing few nested fields through stays native, so the small ROW pass-through of the differential corpus
 * ({@code bid ROW<price, url>}) is still exercised natively.
 *
 * <p>Off by default ({@code ember.cost-rule.enabled}): the saving is local, the cost is not. A stock Calc emits
 * {@code BoxedWrapperRowData}, so a native Calc consuming it converts every row (nested rows included) to
 * {@code BinaryRowData}; on Nexmark that conversion in the second Calc cost more than the rule saved in the first
 * (q2 0.70x with the rule vs 1.04x without, same build). A consumer-aware version is future work.
 */
final class CostRule {

    /** Operators whose per-row cost in generated code is a few instructions: vectorising them saves nothing. */
    private static final Set<SqlKind> CHEAP =
            EnumSet.of(
                    SqlKind.EQUALS,
                    SqlKind.NOT_EQUALS,
                    SqlKind.LESS_THAN,
                    SqlKind.LESS_THAN_OR_EQUAL,
                    SqlKind.GREATER_THAN,
                    SqlKind.GREATER_THAN_OR_EQUAL,
                    SqlKind.IS_NULL,
                    SqlKind.IS_NOT_NULL,
                    SqlKind.IS_TRUE,
                    SqlKind.IS_FALSE,
                    SqlKind.IS_NOT_TRUE,
                    SqlKind.IS_NOT_FALSE,
                    SqlKind.AND,
                    SqlKind.OR,
                    SqlKind.NOT,
                    SqlKind.CASE,
                    SqlKind.SEARCH);

    private CostRule() {}

    /** Null if native evaluation may pay; else why not (the fallback reason, "not profitable: ..."). */
    @Nullable
    static String unprofitable(List<RexNode> projection, @Nullable RexNode condition, int maxNestedFields) {
        if (condition != null && !isCheap(condition)) {
            return null;
        }
        for (RexNode p : projection) {
            if (!isCheap(p)) {
                return null;
            }
        }
        int nested = 0;
        for (RexNode p : projection) {
            // A ROW that is output as it is: decoded and re-encoded field by field natively.
            if ((p instanceof RexInputRef || p instanceof RexFieldAccess) && p.getType().isStruct()) {
                nested += leafCount(FlinkTypeFactory.toLogicalType(p.getType()));
            }
        }
        if (nested <= maxNestedFields) {
            return null;
        }
        return "not profitable: only field references, comparisons, logic and CASE, and passes through ROW"
                + " values of "
                + nested
                + " nested fields (more than ember.cost-rule.max-nested-fields = "
                + maxNestedFields
                + ") that the native boundary decodes and re-encodes while stock copies them as bytes"
                + " (ember.cost-rule.enabled)";
    }

    private static boolean isCheap(RexNode node) {
        if (node instanceof RexInputRef || node instanceof RexLiteral) {
            return true;
        }
        if (node instanceof RexFieldAccess) {
            return isCheap(((RexFieldAccess) node).getReferenceExpr());
        }
        if (node instanceof RexCall) {
            RexCall call = (RexCall) node;
            return CHEAP.contains(call.getKind()) && call.getOperands().stream().allMatch(CostRule::isCheap);
        }
        return false;
    }

    private static int leafCount(LogicalType type) {
        if (!(type instanceof RowType)) {
            return 1;
        }
        return ((RowType) type).getChildren().stream().mapToInt(CostRule::leafCount).sum();
    }
}
