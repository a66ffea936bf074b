package dev.ember.flink.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the messages Ember logs (logger {@code dev.ember}) while open: tests read fallback reasons the way a user
 * reads them, from the log. Ember's planner classes live in the planner's own class loader, which log4j gives its own
 * {@link LoggerContext}: the capture attaches to every context.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private static final String LOGGER = "dev.ember";

    private final List<String> messages = new ArrayList<>();

    private LogCapture() {
        super("ember-test-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    /** Starts capturing (close to stop). */
    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.start();
        for (LoggerContext context : contexts()) {
            loggerConfig(context).addAppender(capture, Level.INFO, null);
            context.updateLoggers();
        }
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    /** The messages so far. */
    public synchronized List<String> messages() {
        return new ArrayList<>(messages);
    }

    @Override
    public void close() {
        for (LoggerContext context : contexts()) {
            loggerConfig(context).removeAppender(getName());
            context.updateLoggers();
        }
        stop();
    }

    private static List<LoggerContext> contexts() {
        return ((Log4jContextFactory) LogManager.getFactory()).getSelector().getLoggerContexts();
    }

    private static LoggerConfig loggerConfig(LoggerContext context) {
        Configuration config = context.getConfiguration();
        LoggerConfig logger = config.getLoggerConfig(LOGGER);
        if (!logger.getName().equals(LOGGER)) {
            throw new IllegalStateException("log4j2-test.properties must configure the logger " + LOGGER);
        }
        return logger;
    }
}
