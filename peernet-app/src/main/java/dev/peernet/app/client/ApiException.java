package dev.peernet.app.client;

import java.io.IOException;

/** The control API refused or failed a request; the message is the API's sentence. */
public final class ApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, such as 404 for an unknown peer or 502 for an unreachable one. */
    public int status() {
        return status;
    }
}
