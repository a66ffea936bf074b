package dev.ember.flink.hook;

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
 * <p>The native boundary costs per row: copying the row's bytes, decoding every referenced column to Arrow
 * (a referenced ROW column is decoded with all its nested fields) and encoding every output column back. Stock Flink's
 * generated code instead reads the fields it needs in place and copies a passed-through ROW column as one block of
 * bytes. Native evaluation only wins that back through the expressions it evaluates vectorised. A Calc that computes
 * nothing but field references, literals, comparisons, boolean logic and CASE over them (<em>cheap</em> expressions)
 * has nothing to win back; when it also decodes many nested fields the boundary dominates and the stock Calc is
 * faster. Measured on Nexmark's first Calc (the {@code dateTime} CASE over the person/auction/bid rows, which passes
 * the three rows through: 25 nested fields): see {@code benches/results/}.
 *
 * <p>The rule is deliberately narrow: a Calc with any non-cheap expression (arithmetic, a string function, a CAST, ...)
 * or with few nested fields stays native, so the small ROW pass-through of the differential corpus is still
 * exercised natively. {@code ember.cost-rule.enabled = false} turns the rule off.
 */
final class CostRule {

    /**
     * Nested fields decoded per row above which a cheap Calc stays stock. Nexmark's event rows (7 to 10 fields each)
     * decoded for a CASE cost more than the whole stock Calc; a single small ROW (the corpus' {@code bid ROW<price,
     * url>}) does not matter.
     */
    static final int MAX_NESTED_FIELDS_FOR_CHEAP_CALC = 8;

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
    static String unprofitable(List<RexNode> projection, @Nullable RexNode condition, RowType inputType) {
        if (condition != null && !isCheap(condition)) {
            return null;
        }
        for (RexNode p : projection) {
            if (!isCheap(p)) {
                return null;
            }
        }
        boolean[] referenced = new boolean[inputType.getFieldCount()];
        if (condition != null) {
            markReferenced(condition, referenced);
        }
        projection.forEach(p -> markReferenced(p, referenced));
        int nested = 0;
        for (int i = 0; i < referenced.length; i++) {
            LogicalType t = inputType.getTypeAt(i);
            if (referenced[i] && t instanceof RowType) {
                nested += leafCount(t);
            }
        }
        if (nested <= MAX_NESTED_FIELDS_FOR_CHEAP_CALC) {
            return null;
        }
        return "not profitable: only field references, comparisons, logic and CASE, over ROW columns of "
                + nested
                + " nested fields (more than "
                + MAX_NESTED_FIELDS_FOR_CHEAP_CALC
                + ") that the native boundary decodes and re-encodes while stock copies them as bytes"
                + " (ember.cost-rule.enabled = false runs it natively)";
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

    private static void markReferenced(RexNode node, boolean[] referenced) {
        if (node instanceof RexInputRef) {
            referenced[((RexInputRef) node).getIndex()] = true;
        } else if (node instanceof RexFieldAccess) {
            markReferenced(((RexFieldAccess) node).getReferenceExpr(), referenced);
        } else if (node instanceof RexCall) {
            ((RexCall) node).getOperands().forEach(o -> markReferenced(o, referenced));
        }
    }

    private static int leafCount(LogicalType type) {
        if (!(type instanceof RowType)) {
            return 1;
        }
        return ((RowType) type).getChildren().stream().mapToInt(CostRule::leafCount).sum();
    }
}
