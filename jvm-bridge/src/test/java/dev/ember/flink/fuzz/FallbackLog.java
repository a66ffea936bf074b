package dev.ember.flink.fuzz;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Captures Ember's fallback reasons ("Ember: Calc [n] stays stock Flink: ...") from the log. The planner logs
 * through the logger context of its own class loader (flink-table-planner-loader), so the appender joins every
 * context, including ones created after it was installed.
 */
final class FallbackLog extends AbstractAppender {

    private final List<String> reasons = new ArrayList<>();
    private final Set<LoggerContext> joined = Collections.newSetFromMap(new IdentityHashMap<>());

    FallbackLog() {
        super("ember-fuzz-fallbacks", null, null, true, Property.EMPTY_ARRAY);
        start();
    }

    @Override
    public synchronized void append(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        if (message.contains("stays stock Flink")) {
            reasons.add(message.replaceFirst("^Ember: Calc \\[\\d+] stays stock Flink: ", ""));
        }
    }

    /** Forgets earlier reasons and joins logger contexts created since the last call. Call before planning. */
    synchronized void reset() {
        reasons.clear();
        for (LoggerContext context :
                ((Log4jContextFactory) LogManager.getFactory()).getSelector().getLoggerContexts()) {
            if (joined.add(context)) {
                context.getConfiguration().getLoggerConfig("dev.ember").addAppender(this, null, null);
                context.updateLoggers();
            }
        }
    }

    /** The reasons logged since {@link #reset}. */
    synchronized List<String> reasons() {
        return new ArrayList<>(reasons);
    }
}
