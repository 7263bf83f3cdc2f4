package dev.peernet.session;

import dev.peernet.identity.PeerId;
import dev.peernet.wire.ErrorCode;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One bidirectional, flow-controlled stream inside a session, speaking one named protocol.
 *
 * <p>{@link #output()} blocks when the peer's receive window is used up. Closing the output sends
 * an end-of-stream marker; {@link #close()} also discards unread input.
 */
public interface Stream extends Closeable {
    /** The protocol named when the stream was opened, e.g. {@code /peernet/ping/1}. */
    String protocol();

    /** The peer at the other end. */
    PeerId remotePeer();

    /** The far end's host (IP address text), the unit of per-address limits. */
    String remoteHost();

    /** The channel binding of the connection the stream runs on (see {@code SecureLink}). */
    byte[] channelBinding();

    InputStream input();

    OutputStream output();

    /** Aborts the stream in both directions, telling the peer why. */
    void reset(ErrorCode code, String message);

    /** Half-closes the output, discards unread input, and resets if the peer is still sending. */
    @Override
    void close();
}
