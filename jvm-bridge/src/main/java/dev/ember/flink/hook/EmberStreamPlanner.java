package dev.ember.flink.hook;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.ExplainFormat;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.FunctionCatalog;
import org.apache.flink.table.delegation.Executor;
import org.apache.flink.table.delegation.InternalPlan;
import org.apache.flink.table.module.ModuleManager;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.planner.delegation.StreamPlanner;
import org.apache.flink.table.planner.plan.ExecNodeGraphInternalPlan;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeGraph;
import org.apache.flink.table.planner.plan.nodes.exec.processor.ExecNodeGraphProcessor;
import org.apache.flink.table.planner.plan.nodes.exec.processor.ProcessorContext;

import org.apache.calcite.rel.RelNode;

import scala.collection.Seq;

import java.util.List;

/**
 * Flink's streaming planner plus Ember's {@link NativeCalcProcessor}. Flink's {@code StreamPlanner} runs no ExecNode
 * graph processors of its own; the hook into it is the overridable {@link #getExecNodeGraphProcessors()}.
 */
public class EmberStreamPlanner extends StreamPlanner {

    private final NativeCalcProcessor processor = new NativeCalcProcessor();

    /**
     * True while the planner builds a graph for COMPILE PLAN: the JSON plan must contain only stock ExecNodes
     * (Ember's subclasses carry no {@code @ExecNodeMetadata}, so serializing them fails). Set per graph by
     * {@link #translateToExecNodeGraph}, read by {@link #getExecNodeGraphProcessors()} that it calls.
     */
    private boolean compiling;

    public EmberStreamPlanner(
            Executor executor,
            TableConfig tableConfig,
            ModuleManager moduleManager,
            FunctionCatalog functionCatalog,
            CatalogManager catalogManager,
            ClassLoader classLoader) {
        super(executor, tableConfig, moduleManager, functionCatalog, catalogManager, classLoader);
    }

    @Override
    public ExecNodeGraph translateToExecNodeGraph(Seq<RelNode> optimizedRelNodes, boolean isCompiled) {
        compiling = isCompiled;
        return super.translateToExecNodeGraph(optimizedRelNodes, isCompiled);
    }

    @Override
    public Seq<ExecNodeGraphProcessor> getExecNodeGraphProcessors() {
        Seq<ExecNodeGraphProcessor> stock = super.getExecNodeGraphProcessors();
        return compiling ? stock : ProcessorChain.prepend(processor, stock);
    }

    /** EXPLAIN (text) ends with Ember's section: how many Calcs run natively and why the others stay stock. */
    @Override
    public String explain(List<Operation> operations, ExplainFormat format, Seq<ExplainDetail> extraDetails) {
        return processor.explain(format, () -> super.explain(operations, format, extraDetails));
    }

    /**
     * EXECUTE PLAN / {@code executePlan}: a loaded JSON plan goes straight to {@code translateToPlan} without any
     * processor, so swap the Calcs here. Replacement nodes are marked compiled like the loaded nodes they replace
     * (same uid rules as stock for a compiled plan).
     */
    @Override
    public List<Transformation<?>> translatePlan(InternalPlan plan) {
        if (plan instanceof ExecNodeGraphInternalPlan) {
            ExecNodeGraphInternalPlan internal = (ExecNodeGraphInternalPlan) plan;
            ExecNodeGraph swapped =
                    processor.process(internal.getExecNodeGraph(), new ProcessorContext(this), true);
            if (swapped != internal.getExecNodeGraph()) {
                plan = new ExecNodeGraphInternalPlan(internal::asJsonString, internal::asSmileBytes, swapped);
            }
        }
        return super.translatePlan(plan);
    }
}
