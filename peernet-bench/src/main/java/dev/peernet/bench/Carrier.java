package dev.peernet.bench;

import java.io.IOException;

/** One way of carrying bytes between two endpoints in this JVM, set up once per run. */
interface Carrier extends AutoCloseable {
    /** Opens a fresh connection whose far end is drained by a {@link Sink}; handshakes are done. */
    Connection open() throws IOException;

    /** One line for the report saying what was measured, such as the negotiated cipher suite. */
    String description();

    @Override
    void close() throws IOException;
}
