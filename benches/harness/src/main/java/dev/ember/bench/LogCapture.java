package dev.ember.bench;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what Ember logs while a query is planned: its per-Calc fallback reasons and the "accelerated N of M"
 * summary (INFO, below the console's WARN level) and an "Ember inactive" warning. The report then says per query
 * why a Calc did not run natively, next to the plan check, without reading log files.
 */
final class LogCapture extends AbstractAppender {

    private static final String[] LOGGERS = {"dev.ember", "org.apache.flink.table.planner.loader"};

    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
        super("ember-bench-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    /** Attaches a capture to Ember's loggers (INFO and above); the console keeps its WARN threshold. */
    static LogCapture install() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.addAppender(capture);
        for (String name : LOGGERS) {
            LoggerConfig logger = config.getLoggers().get(name);
            if (logger == null) {
                logger = new LoggerConfig(name, Level.INFO, true);
                config.addLogger(name, logger);
            }
            // INFO for the capture; the console keeps its WARN threshold (on the root's appender reference).
            logger.setLevel(Level.INFO);
            logger.addAppender(capture, Level.INFO, null);
        }
        context.updateLoggers();
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(event.getMessage().getFormattedMessage());
    }

    /** Everything captured since the last call. */
    synchronized List<String> drain() {
        List<String> out = new ArrayList<>(lines);
        lines.clear();
        return out;
    }
}
