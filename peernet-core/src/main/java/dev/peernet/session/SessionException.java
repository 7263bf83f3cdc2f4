package dev.peernet.session;

import dev.peernet.wire.ErrorCode;
import java.io.IOException;

/** A stream or connection failed; carries the wire error code that closed it. */
public class SessionException extends IOException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public SessionException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public SessionException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
