package dev.ember.flink.hook;

import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.ExplainFormat;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.FunctionCatalog;
import org.apache.flink.table.delegation.Executor;
import org.apache.flink.table.module.ModuleManager;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.planner.delegation.BatchPlanner;
import org.apache.flink.table.planner.plan.nodes.exec.ExecNodeGraph;
import org.apache.flink.table.planner.plan.nodes.exec.processor.ExecNodeGraphProcessor;

import org.apache.calcite.rel.RelNode;

import scala.collection.Seq;

import java.util.List;

/**
 * Flink's batch planner with Ember's {@link NativeCalcProcessor} in front of the batch planner's own processors
 * (deadlock breakup, dynamic filtering, multiple-input creation, forward hash exchange, adaptive join).
 */
public class EmberBatchPlanner extends BatchPlanner {

    private final NativeCalcProcessor processor = new NativeCalcProcessor();

    /** See {@link EmberStreamPlanner}: COMPILE PLAN must serialize stock ExecNodes only. */
    private boolean compiling;

    public EmberBatchPlanner(
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
}
