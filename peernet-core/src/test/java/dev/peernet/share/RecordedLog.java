package dev.peernet.share;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** What the share package logs while a test runs; events arrive from the watcher's threads. */
final class RecordedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.peernet.share");

    private RecordedLog() {}

    /** Starts recording every event the share package logs from now on. */
    static RecordedLog record() {
        RecordedLog log = new RecordedLog();
        log.setContext(log.logger.getLoggerContext());
        log.setName("share-log");
        log.start();
        log.logger.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The INFO-or-louder lines logged so far that contain {@code fragment}. */
    List<String> lines(String fragment) {
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .filter(line -> line.contains(fragment))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
