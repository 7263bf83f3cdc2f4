package dev.peernet.bench;

import java.util.Locale;

/** What carries the bytes: a bare TCP socket, a TLS 1.3 socket, or one Peernet stream. */
enum Mode {
    RAW,
    TLS,
    PEERNET;

    /** The name used on the command line and in the report. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.label().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown mode '" + text + "': use raw, tls, peernet or all.");
    }
}
