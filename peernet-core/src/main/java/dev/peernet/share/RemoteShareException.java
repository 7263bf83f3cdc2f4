package dev.peernet.share;

import dev.peernet.share.proto.Error;
import java.io.IOException;

/**
 * A member refused or could not serve a share request: its {@link Error.Code} and its sentence.
 * The stream it came on stays usable.
 */
public final class RemoteShareException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Error.Code code;
    private final long retryAfterMillis;

    public RemoteShareException(Error.Code code, String sentence, long retryAfterMillis) {
        super(sentence);
        this.code = code;
        this.retryAfterMillis = retryAfterMillis;
    }

    public RemoteShareException(Error.Code code, String sentence) {
        this(code, sentence, 0);
    }

    public Error.Code code() {
        return code;
    }

    /** For {@link Error.Code#RATE_LIMITED}: how long to wait before asking again. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
