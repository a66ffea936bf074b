package dev.ember.flink.hook;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.table.delegation.Planner;
import org.apache.flink.table.delegation.PlannerFactory;

import java.util.Set;

/**
 * The planner factory Ember puts behind the shadowed {@code DelegatePlannerFactory}: identical to Flink's (final)
 * {@code DefaultPlannerFactory} except that it builds {@link EmberStreamPlanner} / {@link EmberBatchPlanner}, which run
 * the {@link NativeCalcProcessor} on every ExecNode graph.
 *
 * <p>Loaded by name inside the planner class loader (so it sees the planner classes); only Flink API types
 * ({@link PlannerFactory}, {@link Planner}) cross to the app class loader. Deliberately not registered as a service: a
 * second "default" planner factory would make discovery ambiguous.
 */
public final class EmberPlannerFactory implements PlannerFactory {

    private final PlannerFactory stock;

    public EmberPlannerFactory(PlannerFactory stock) {
        this.stock = stock;
    }

    @Override
    public Planner create(Context context) {
        RuntimeExecutionMode mode = context.getTableConfig().get(ExecutionOptions.RUNTIME_MODE);
        switch (mode) {
            case STREAMING:
                return new EmberStreamPlanner(
                        context.getExecutor(),
                        context.getTableConfig(),
                        context.getModuleManager(),
                        context.getFunctionCatalog(),
                        context.getCatalogManager(),
                        context.getClassLoader());
            case BATCH:
                return new EmberBatchPlanner(
                        context.getExecutor(),
                        context.getTableConfig(),
                        context.getModuleManager(),
                        context.getFunctionCatalog(),
                        context.getCatalogManager(),
                        context.getClassLoader());
            default:
                // AUTOMATIC and anything newer: let the stock factory decide (and report) as it always has.
                return stock.create(context);
        }
    }

    @Override
    public String factoryIdentifier() {
        return stock.factoryIdentifier();
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return stock.requiredOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return stock.optionalOptions();
    }
}
