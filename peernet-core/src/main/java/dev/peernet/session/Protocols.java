package dev.peernet.session;

import dev.peernet.identity.PeerId;
import java.util.Optional;

/** Finds the handler for a stream's protocol, given who is asking. */
@FunctionalInterface
public interface Protocols {
    /**
     * The handler serving {@code protocol} to {@code peer}, or empty if this node does not serve
     * it (the stream is refused with {@code UNKNOWN_PROTOCOL}).
     *
     * @throws SessionException to refuse {@code peer} with the exception's code and message
     */
    Optional<StreamHandler> handler(String protocol, PeerId peer) throws SessionException;
}
