package dev.parley.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one class logs during a test, down to a level the tests' WARN root would drop; close to detach. */
final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    CapturedLog(Class<?> logging, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(logging);
        logger.setLevel(level);
        events.start();
        logger.addAppender(events);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(events.list);
    }

    @Override
    public void close() {
        logger.detachAppender(events);
        logger.setLevel(null); // back to the configured level
        events.stop();
    }
}
