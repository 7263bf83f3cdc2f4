package dev.peernet.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records what nodes log while a hostile peer misbehaves, so a test can check the node said so in
 * one line. Attached to the root logger for the life of a test; events arrive from node threads.
 */
final class HostileLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private HostileLog() {}

    /** Starts recording every event logged from now on. */
    static HostileLog record() {
        HostileLog log = new HostileLog();
        log.setContext(log.root.getLoggerContext());
        log.setName("hostile-log");
        log.start();
        log.root.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The INFO-or-louder lines logged so far that contain every one of {@code fragments}. */
    List<String> lines(String... fragments) {
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .filter(line -> List.of(fragments).stream().allMatch(line::contains))
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
