package dev.peernet.session;

import dev.peernet.identity.PeerId;
import java.util.Optional;

/** Finds the handler for a stream's protocol, given who is asking. */
@FunctionalInterface
public interface Protocols {
    /** The handler serving {@code protocol} to {@code peer}, or empty to refuse the stream. */
    Optional<StreamHandler> handler(String protocol, PeerId peer);
}
