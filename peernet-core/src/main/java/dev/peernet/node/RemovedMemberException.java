package dev.peernet.node;

import java.io.IOException;

/**
 * A connection asked for by the user that membership rules out: this node, or the peer it
 * reached, was removed from the network. No connection is kept.
 */
public final class RemovedMemberException extends IOException {
    private static final long serialVersionUID = 1L;

    RemovedMemberException(String message) {
        super(message);
    }
}
