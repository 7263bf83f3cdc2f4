package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.util.Optional;

/**
 * One member a transfer fetches from.
 *
 * @param peer the member
 * @param bytes verified bytes it served to this transfer
 * @param state whether the transfer still uses it
 * @param reason why it was dropped (it left, or it served bad data)
 */
public record SourceStatus(PeerId peer, long bytes, State state, Optional<String> reason) {
    /** Whether a source is in use. */
    public enum State {
        /** Chunks are requested from it. */
        ACTIVE,
        /** Not used now: it left (and may be used again when it returns) or served bad data (never again). */
        DROPPED
    }
}
