package dev.ember.flink.testing;

import dev.ember.flink.config.EmberOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.delegation.Planner;
import org.apache.flink.table.delegation.PlannerFactory;
import org.apache.flink.table.planner.loader.DelegatePlannerFactory;
import org.apache.flink.table.planner.loader.PlannerModule;

import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Table environments for tests. The test JVM sees the planner only through flink-table-planner-loader, exactly as a
 * distribution does (the fat planner jar is excluded from the surefire classpath), so test code never touches planner
 * classes directly: it uses the Table API and reads the effects (EXPLAIN text, the plan dump directory).
 *
 * <p>Two kinds of environment:
 *
 * <ul>
 *   <li>{@link #stockOrHooked}: created the normal way; whether Ember is active depends on the shadowed
 *       {@code DelegatePlannerFactory} (native library present or not).
 *   <li>{@link #withEmberPlanner}: Ember's planner forced in, bypassing the native-library gate of the delegate, so the
 *       planner side (translator, ExecNode swap, fallback reasons) is testable without the native library.
 * </ul>
 */
public final class EmberTestSupport {

    private EmberTestSupport() {}

    public static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        return env;
    }

    /** A table environment created the normal way (planner discovered through the shadowed delegate). */
    public static StreamTableEnvironment stockOrHooked(StreamExecutionEnvironment env, boolean streaming) {
        EnvironmentSettings settings =
                streaming ? EnvironmentSettings.inStreamingMode() : EnvironmentSettings.inBatchMode();
        return StreamTableEnvironment.create(env, settings);
    }

    /**
     * A table environment whose planner is Ember's, whatever the native library does: the planner created at
     * construction is replaced by one from {@code EmberPlannerFactory} (loaded inside the planner class loader, as the
     * delegate does). Native validation is skipped unless the test turns it back on.
     */
    public static StreamTableEnvironment withEmberPlanner(StreamExecutionEnvironment env, boolean streaming) {
        StreamTableEnvironment tEnv = stockOrHooked(env, streaming);
        TableEnvironmentImpl impl = (TableEnvironmentImpl) tEnv;
        try {
            PlannerFactory ember = emberPlannerFactory();
            Planner planner =
                    ember.create(
                            new PlannerFactory.Context() {
                                @Override
                                public org.apache.flink.table.delegation.Executor getExecutor() {
                                    return read(impl, "execEnv");
                                }

                                @Override
                                public TableConfig getTableConfig() {
                                    return impl.getConfig();
                                }

                                @Override
                                public ClassLoader getClassLoader() {
                                    return EmberTestSupport.<org.apache.flink.table.resource.ResourceManager>read(impl, "resourceManager")
                                            .getUserClassLoader();
                                }

                                @Override
                                public org.apache.flink.table.module.ModuleManager getModuleManager() {
                                    return read(impl, "moduleManager");
                                }

                                @Override
                                public org.apache.flink.table.catalog.CatalogManager getCatalogManager() {
                                    return impl.getCatalogManager();
                                }

                                @Override
                                public org.apache.flink.table.catalog.FunctionCatalog getFunctionCatalog() {
                                    return read(impl, "functionCatalog");
                                }
                            });
            Field plannerField = TableEnvironmentImpl.class.getDeclaredField("planner");
            plannerField.setAccessible(true);
            plannerField.set(impl, planner);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot install Ember's planner for the test", e);
        }
        tEnv.getConfig().set(EmberOptions.SKIP_NATIVE_VALIDATION, true);
        return tEnv;
    }

    /** Ember's planner factory from inside the planner class loader, wrapping the stock one. */
    private static PlannerFactory emberPlannerFactory() throws ReflectiveOperationException {
        return (PlannerFactory) plannerClass("dev.ember.flink.hook.EmberPlannerFactory")
                .getConstructor(PlannerFactory.class)
                .newInstance(PlannerModule.getInstance().loadPlannerFactory());
    }

    /** An Ember class loaded inside the planner class loader, where planner classes are visible (as in a job). */
    public static Class<?> plannerClass(String name) throws ReflectiveOperationException {
        PlannerModule module = PlannerModule.getInstance();
        for (Class<?> anchor : List.of(EmberOptions.class, io.substrait.proto.Plan.class, com.google.protobuf.Message.class)) {
            URL url = anchor.getProtectionDomain().getCodeSource().getLocation();
            module.addUrlToClassLoader(url);
        }
        return Class.forName(name, true, module.getSubmoduleClassLoader());
    }

    /** The planner of a table environment (not exposed by the API). */
    public static Planner planner(StreamTableEnvironment tEnv) {
        return read(tEnv, "planner");
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(Object target, String fieldName) {
        try {
            Class<?> c = target.getClass();
            while (c != null) {
                try {
                    Field f = c.getDeclaredField(fieldName);
                    f.setAccessible(true);
                    return (T) f.get(target);
                } catch (NoSuchFieldException e) {
                    c = c.getSuperclass();
                }
            }
            throw new NoSuchFieldException(fieldName);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The class name of the factory the shadowed delegate resolved for this JVM: {@code
     * dev.ember.flink.hook.EmberPlannerFactory} when Ember is active, Flink's {@code DefaultPlannerFactory} when it
     * failed closed. Creates a table environment first so that the delegate has resolved.
     */
    public static String resolvedPlannerFactory() {
        stockOrHooked(env(), true);
        try {
            Field resolved = DelegatePlannerFactory.class.getDeclaredField("resolved");
            resolved.setAccessible(true);
            Object factory = resolved.get(null);
            if (factory == null) {
                throw new AssertionError(
                        "the shadowed DelegatePlannerFactory never ran: is target/classes before the planner loader?");
            }
            return factory.getClass().getName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The files of a plan dump directory, by suffix. */
    public static List<Path> dumpFiles(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    /**
     * The job vertices of the pipeline defined on {@code env} with their operator ids, one line per vertex in
     * topological order: what a savepoint is matched by.
     */
    public static List<String> operatorIds(StreamExecutionEnvironment env) {
        JobGraph graph = env.getStreamGraph().getJobGraph();
        List<String> ids = new ArrayList<>();
        for (JobVertex vertex : graph.getVerticesSortedTopologicallyFromSources()) {
            StringBuilder line = new StringBuilder(vertex.getID().toString());
            for (OperatorIDPair operator : vertex.getOperatorIDs()) {
                line.append(' ').append(operator.getGeneratedOperatorID());
            }
            ids.add(line.toString());
        }
        return ids;
    }
}
