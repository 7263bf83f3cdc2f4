package dev.peernet.session;

import dev.peernet.identity.PeerId;
import dev.peernet.wire.ErrorCode;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One authenticated connection to a peer, carrying any number of multiplexed streams. */
public interface Session extends Closeable {
    PeerId remotePeer();

    /** What the peer said about itself in its HELLO. */
    PeerHello remoteHello();

    Direction direction();

    /** The far end's {@code host:port}. */
    String remoteAddress();

    Instant establishedAt();

    /** The latest keepalive round-trip time, once one was measured. */
    Optional<Duration> rtt();

    /**
     * Opens a stream and waits until the peer accepts it.
     *
     * @throws SessionException with {@link ErrorCode#UNKNOWN_PROTOCOL} if the peer does not serve
     *     {@code protocol}, or another code if the stream or connection failed
     */
    Stream openStream(String protocol) throws IOException;

    boolean isOpen();

    /** Completes with the reason once the session has closed, for whatever cause. */
    CompletableFuture<CloseReason> closed();

    /** Tells the peer why with a GOAWAY, then closes. Idempotent. */
    void close(ErrorCode code, String message);

    /** Closes with {@link ErrorCode#NO_ERROR}. */
    @Override
    default void close() {
        close(ErrorCode.NO_ERROR, "closing");
    }

    /**
     * Why a session ended.
     *
     * @param code the error code
     * @param message one sentence
     * @param byRemote whether the peer closed it (its GOAWAY, or the link dropping)
     */
    record CloseReason(ErrorCode code, String message, boolean byRemote) {}
}
