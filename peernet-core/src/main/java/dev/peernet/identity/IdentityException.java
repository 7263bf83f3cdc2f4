package dev.peernet.identity;

import java.io.IOException;

/** The node's key file exists but cannot be used; the message names the file and the reason. */
public final class IdentityException extends IOException {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }

    public IdentityException(String message) {
        super(message);
    }
}
