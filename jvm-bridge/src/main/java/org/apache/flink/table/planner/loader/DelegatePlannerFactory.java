package org.apache.flink.table.planner.loader;

import dev.ember.flink.config.EmberOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.table.api.SqlDialect;
import org.apache.flink.table.delegation.ParserFactory;
import org.apache.flink.table.delegation.Planner;
import org.apache.flink.table.delegation.PlannerFactory;
import org.apache.flink.table.factories.FactoryUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Ember's only shadowed Flink class: replaces the stock {@code DelegatePlannerFactory} of
 * {@code flink-table-planner-loader} (the Ember jar is named {@code 00-…jar} so {@code bin/config.sh} puts it first on
 * the classpath). It is the one place where code from {@code lib/} can reach the planner, which otherwise lives hidden
 * in the planner loader's component class loader.
 *
 * <p>Once per JVM it resolves the factory that every instance delegates to: Ember's wrapping factory
 * ({@code dev.ember.flink.hook.EmberPlannerFactory}, loaded by name <em>inside</em> the planner class loader) or,
 * failing closed, the stock factory. Flink creates every {@code Factory} service on every factory lookup (connectors
 * and formats included), so the constructor must be cheap and must never throw: a throwing constructor would break all
 * factory discovery, not just the planner's.
 *
 * <p>Stock behaviour kept: the identifier "default", the options of the stock factory, and the jar of a non-default SQL
 * dialect's parser being added to the planner class loader on first use.
 */
public class DelegatePlannerFactory implements PlannerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DelegatePlannerFactory.class);

    /** The only Flink version whose planner internals the hook was verified against. */
    static final String SUPPORTED_FLINK_VERSION = "2.3.0";

    private static final String EMBER_FACTORY = "dev.ember.flink.hook.EmberPlannerFactory";
    private static final String NATIVE_LIBRARY = "dev.ember.flink.jni.NativeLibrary";

    /**
     * Classes whose code sources the planner side needs. In the shipped (shaded) jar all of them live in the Ember jar
     * itself; in a development classpath (tests) Substrait and protobuf come from their own jars, which the component
     * class loader cannot see otherwise (it is component-only for packages outside {@code org.apache.flink}).
     */
    private static final String[] PLANNER_SIDE_ANCHORS = {
        "io.substrait.proto.Plan", "com.google.protobuf.Message", "com.google.protobuf.util.JsonFormat",
        "com.google.gson.Gson", "com.google.common.base.Preconditions"
    };

    /** Resolved once per JVM (the only static state of Ember): the factory every instance delegates to. */
    private static PlannerFactory resolved;

    private final PlannerFactory delegate;
    private final Set<SqlDialect> seenDialects = new HashSet<>();

    public DelegatePlannerFactory() {
        this.delegate = resolve();
        seenDialects.add(SqlDialect.DEFAULT);
    }

    private static synchronized PlannerFactory resolve() {
        if (resolved == null) {
            resolved = installOrFallBack(PlannerModule.getInstance().loadPlannerFactory());
        }
        return resolved;
    }

    /** Returns Ember's wrapping factory, or {@code stock} after one WARN line if Ember cannot be active. */
    private static PlannerFactory installOrFallBack(PlannerFactory stock) {
        try {
            String version = EnvironmentInformation.getVersion();
            if (!SUPPORTED_FLINK_VERSION.equals(version)) {
                return inactive(stock, "Flink version is " + version + ", Ember supports only " + SUPPORTED_FLINK_VERSION);
            }
            PlannerModule module = PlannerModule.getInstance();
            for (URL url : plannerSideUrls()) {
                module.addUrlToClassLoader(url);
            }
            ClassLoader plannerLoader = module.getSubmoduleClassLoader();
            // Load the library through the planner loader's copy of NativeLibrary: that copy is the one whose
            // NativeBridge the planner side calls (JNI binds native methods per class loader).
            try {
                Class.forName(NATIVE_LIBRARY, true, plannerLoader).getMethod("ensureLoaded").invoke(null);
            } catch (InvocationTargetException e) {
                return inactive(stock, "native library failed to load (" + describe(e.getCause()) + ")");
            }
            PlannerFactory ember =
                    (PlannerFactory)
                            Class.forName(EMBER_FACTORY, true, plannerLoader)
                                    .getConstructor(PlannerFactory.class)
                                    .newInstance(stock);
            LOG.info(
                    "Ember active: eligible Calc operators run natively (disable with SET '{}' = 'false')",
                    EmberOptions.ENABLED.key());
            return ember;
        } catch (Throwable t) {
            return inactive(stock, "planner hook could not be installed (" + describe(t) + ")");
        }
    }

    private static PlannerFactory inactive(PlannerFactory stock, String reason) {
        LOG.warn("Ember inactive: {}; running stock Flink", reason);
        return stock;
    }

    /** Own code source first, then those of the bundled libraries, without duplicates. */
    private static Set<URL> plannerSideUrls() throws ClassNotFoundException {
        Set<URL> urls = new LinkedHashSet<>();
        urls.add(codeSource(DelegatePlannerFactory.class));
        for (String anchor : PLANNER_SIDE_ANCHORS) {
            urls.add(codeSource(Class.forName(anchor, false, DelegatePlannerFactory.class.getClassLoader())));
        }
        return urls;
    }

    private static URL codeSource(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    private static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public Planner create(Context context) {
        // Stock behaviour: a non-default dialect's parser jar joins the planner class loader on first use.
        SqlDialect dialect = context.getTableConfig().getSqlDialect();
        if (seenDialects.add(dialect)) {
            ParserFactory parser =
                    FactoryUtil.discoverFactory(
                            PlannerFactory.class.getClassLoader(), ParserFactory.class, dialect.name().toLowerCase());
            PlannerModule.getInstance().addUrlToClassLoader(codeSource(parser.getClass()));
        }
        return delegate.create(context);
    }

    @Override
    public String factoryIdentifier() {
        return delegate.factoryIdentifier();
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return delegate.requiredOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return delegate.optionalOptions();
    }
}
