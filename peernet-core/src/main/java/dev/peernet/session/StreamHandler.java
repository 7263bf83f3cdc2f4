package dev.peernet.session;

import java.io.IOException;

/** Serves streams of one protocol. Runs on its own virtual thread; it may block. */
@FunctionalInterface
public interface StreamHandler {
    /**
     * Handles one inbound stream. The stream is closed when this returns; an exception resets it
     * with {@link dev.peernet.wire.ErrorCode#INTERNAL_ERROR}.
     */
    void handle(Stream stream) throws IOException;
}
