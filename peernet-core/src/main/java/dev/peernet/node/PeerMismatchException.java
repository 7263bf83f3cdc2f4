package dev.peernet.node;

import dev.peernet.identity.PeerId;
import java.io.IOException;

/** A dial reached a different peer than the one expected; the connection was closed. */
public final class PeerMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public PeerMismatchException(String address, PeerId expected, PeerId actual) {
        super("Expected peer " + expected + " at " + address + " but reached " + actual
                + "; the connection was refused.");
    }
}
