package dev.peernet.liveness;

import java.io.IOException;

/** Bytes received as a liveness message are not one; the message is to be dropped. */
public final class MalformedSwimMessageException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedSwimMessageException(String message) {
        super(message);
    }

    MalformedSwimMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
