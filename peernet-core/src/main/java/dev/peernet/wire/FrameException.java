package dev.peernet.wire;

import java.io.IOException;

/**
 * Bytes on the wire broke the session protocol. {@link #streamId()} is non-zero when only that
 * stream is affected (the frame was read whole, the connection can go on); zero when the
 * connection must be closed.
 */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final int streamId;

    public FrameException(ErrorCode code, int streamId, String message) {
        super(message);
        this.code = code;
        this.streamId = streamId;
    }

    public ErrorCode code() {
        return code;
    }

    public int streamId() {
        return streamId;
    }

    /** Whether the whole connection must be closed. */
    public boolean isConnectionError() {
        return streamId == 0;
    }
}
