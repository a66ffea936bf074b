package dev.ember.flink.substrait;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.substrait.functions.ConversionContext;
import dev.ember.flink.substrait.functions.FunctionRegistry;
import dev.ember.flink.substrait.functions.SupportLevel;
import dev.ember.flink.substrait.types.SubstraitTypes;

import io.substrait.proto.Expression;
import io.substrait.proto.SimpleExtensionDeclaration;
import io.substrait.proto.Type;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.planner.calcite.FlinkTypeFactory;
import org.apache.flink.table.types.logical.LogicalType;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the RexNodes of one Calc to Substrait expressions and collects the functions they call (one anchor per
 * function, numbered from 1 in order of first use, so the same Calc always gives the same plan). Calls go through the
 * {@link FunctionRegistry}; anything not there, or of a type outside the contract, ends the translation with a reason.
 */
final class ExpressionConverter implements ConversionContext {

    static final int FUNCTIONS_URN_ANCHOR = 1;

    private final FunctionRegistry registry;
    private final ReadableConfig config;
    private final Map<String, Integer> anchors = new LinkedHashMap<>();

    ExpressionConverter(FunctionRegistry registry, ReadableConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public Expression convert(RexNode node) throws UnsupportedExpressionException {
        if (node instanceof RexInputRef || node instanceof RexFieldAccess) {
            return fieldReference(node);
        }
        if (node instanceof RexLiteral) {
            return LiteralConverter.convert((RexLiteral) node, logicalType(node.getType()));
        }
        if (node instanceof RexCall) {
            return call((RexCall) node);
        }
        throw new UnsupportedExpressionException(
                "expression " + node.getKind() + " (" + node + ") is not supported natively");
    }

    private Expression call(RexCall call) throws UnsupportedExpressionException {
        FunctionRegistry.Entry entry = registry.lookup(call.getOperator());
        String sqlName = FunctionRegistry.sqlName(call.getOperator());
        if (entry == null) {
            String why = registry.stockReason(call.getOperator());
            throw new UnsupportedExpressionException("function " + sqlName + " is not supported natively"
                    + (why.equals(FunctionRegistry.NO_IMPLEMENTATION) ? "" : ": " + why));
        }
        if (!config.get(EmberOptions.functionEnabled(entry.substraitName()))) {
            throw new UnsupportedExpressionException(
                    "function " + sqlName + " is disabled ("
                            + EmberOptions.functionEnabled(entry.substraitName()).key() + " = false)");
        }
        SupportLevel support = entry.serde().supportLevel(entry.substraitName(), call);
        if (!support.supported()) {
            throw new UnsupportedExpressionException(support.reason());
        }
        return entry.serde().convert(entry.substraitName(), call, this);
    }

    /** {@code $i} or {@code $i.f.g}: a direct struct-field reference, one nested segment per ROW level. */
    private Expression fieldReference(RexNode node) throws UnsupportedExpressionException {
        Deque<Integer> path = new ArrayDeque<>();
        RexNode current = node;
        while (current instanceof RexFieldAccess) {
            RexFieldAccess access = (RexFieldAccess) current;
            path.push(access.getField().getIndex());
            current = access.getReferenceExpr();
        }
        if (!(current instanceof RexInputRef)) {
            throw new UnsupportedExpressionException(
                    "field access on " + current.getKind() + " is not supported natively");
        }
        path.push(((RexInputRef) current).getIndex());
        // Build from the innermost segment outwards: the outermost (the input column) holds the others as children.
        List<Integer> indices = new ArrayList<>(path);
        Expression.ReferenceSegment segment = null;
        for (int i = indices.size() - 1; i >= 0; i--) {
            Expression.ReferenceSegment.StructField.Builder field =
                    Expression.ReferenceSegment.StructField.newBuilder().setField(indices.get(i));
            if (segment != null) {
                field.setChild(segment);
            }
            segment = Expression.ReferenceSegment.newBuilder().setStructField(field).build();
        }
        return Expression.newBuilder()
                .setSelection(
                        Expression.FieldReference.newBuilder()
                                .setDirectReference(segment)
                                .setRootReference(Expression.FieldReference.RootReference.getDefaultInstance()))
                .build();
    }

    @Override
    public Type type(RelDataType relType) throws UnsupportedExpressionException {
        LogicalType type = logicalType(relType);
        Type substrait = SubstraitTypes.toSubstrait(type);
        if (substrait == null) {
            throw new UnsupportedExpressionException(SubstraitTypes.unsupportedReason(type));
        }
        return substrait;
    }

    private static LogicalType logicalType(RelDataType relType) throws UnsupportedExpressionException {
        try {
            return FlinkTypeFactory.toLogicalType(relType);
        } catch (RuntimeException e) {
            throw new UnsupportedExpressionException("type " + relType.getFullTypeString() + " is not supported natively");
        }
    }

    @Override
    public ZoneId sessionZone() {
        String zone = config.get(TableConfigOptions.LOCAL_TIME_ZONE);
        return TableConfigOptions.LOCAL_TIME_ZONE.defaultValue().equals(zone) ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    @Override
    public int functionReference(String substraitName) {
        return anchors.computeIfAbsent(substraitName, name -> anchors.size() + 1);
    }

    /** The extension declarations of every function used so far, in anchor order. */
    List<SimpleExtensionDeclaration> extensionDeclarations() {
        List<SimpleExtensionDeclaration> declarations = new ArrayList<>();
        for (Map.Entry<String, Integer> e : anchors.entrySet()) {
            declarations.add(
                    SimpleExtensionDeclaration.newBuilder()
                            .setExtensionFunction(
                                    SimpleExtensionDeclaration.ExtensionFunction.newBuilder()
                                            .setExtensionUrnReference(FUNCTIONS_URN_ANCHOR)
                                            .setFunctionAnchor(e.getValue())
                                            .setName(e.getKey()))
                            .build());
        }
        return declarations;
    }
}
