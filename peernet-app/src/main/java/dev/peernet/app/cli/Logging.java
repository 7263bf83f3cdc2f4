package dev.peernet.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels by role: logback.xml sets WARN, so a command prints nothing but its output; the
 * daemon raises Peernet's own loggers to INFO to tell what the node is doing.
 */
final class Logging {
    private Logging() {}

    static void daemon() {
        if (LoggerFactory.getLogger("dev.peernet") instanceof Logger peernet && peernet.getLevel() == null) {
            peernet.setLevel(Level.INFO);
        }
    }
}
