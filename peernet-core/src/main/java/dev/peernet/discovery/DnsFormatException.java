package dev.peernet.discovery;

import java.io.IOException;

/** A DNS message that cannot be read: truncated, a bad name, a record that overruns its length. */
final class DnsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    DnsFormatException(String message) {
        super(message);
    }
}
