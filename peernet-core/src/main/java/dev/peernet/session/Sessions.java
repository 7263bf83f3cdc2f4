package dev.peernet.session;

import dev.peernet.transport.SecureLink;
import dev.peernet.wire.BufferPool;
import dev.peernet.wire.ErrorCode;
import dev.peernet.wire.Frame;
import dev.peernet.wire.FrameCodec;
import dev.peernet.wire.FrameException;
import dev.peernet.wire.FrameReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Turns a {@link SecureLink} into a {@link Session} by exchanging HELLO frames. */
public final class Sessions {
    /** Capabilities this build announces. */
    static final List<String> CAPABILITIES = List.of("mux/1");

    /**
     * One TLS record of plaintext: header reads come from the buffer, while whole 64 KiB payloads
     * are larger than it and so are read straight into their own array.
     */
    private static final int READ_BUFFER = 16 * 1024;

    private Sessions() {}

    /**
     * Runs the HELLO exchange on {@code link} and starts the session. Closes the link on failure.
     *
     * @throws SessionException with {@link ErrorCode#INCOMPATIBLE_VERSION}, {@link
     *     ErrorCode#HANDSHAKE_TIMEOUT}, {@link ErrorCode#PROTOCOL_ERROR} or the code of a framing
     *     error in the peer's first frame, with one clear sentence
     */
    public static Session establish(SecureLink link, Direction direction, SessionConfig config, Protocols protocols)
            throws SessionException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = config.scheduler()
                .schedule(
                        () -> {
                            timedOut.set(true);
                            link.close();
                        },
                        config.handshakeTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        try {
            var received = new BufferPool(SessionConfig.DATA_FRAME_PAYLOAD, MuxSession.POOLED_FRAMES);
            FrameReader reader = new FrameReader(
                    new BufferedInputStream(link.input(), READ_BUFFER), config.maxFramePayload(), received);
            send(link, hello(config));
            Frame.Hello theirs = expectHello(link, readFirst(link, reader));
            int version = agree(link, config, theirs);
            deadline.cancel(false);
            var session = new MuxSession(link, reader, received, direction, config, theirs, version, protocols);
            session.start();
            return session;
        } catch (IOException e) {
            link.close();
            if (timedOut.get()) {
                // The deadline closed the link; whatever the read saw after that is a consequence.
                throw new SessionException(
                        ErrorCode.HANDSHAKE_TIMEOUT,
                        "the peer did not finish the handshake within "
                                + config.handshakeTimeout().toMillis() + " ms",
                        e);
            }
            if (e instanceof SessionException se) {
                throw se;
            }
            throw new SessionException(ErrorCode.PROTOCOL_ERROR, "the handshake failed: " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private static Frame.Hello hello(SessionConfig c) {
        return new Frame.Hello(
                c.protocolVersion(),
                c.minProtocolVersion(),
                c.localName(),
                c.listenAddresses().get(),
                CAPABILITIES,
                c.initialWindow(),
                c.maxFramePayload());
    }

    private static void send(SecureLink link, Frame frame) throws IOException {
        OutputStream out = link.output();
        out.write(FrameCodec.encode(frame));
        out.flush();
    }

    /** The peer's first frame; one that breaks the framing is answered with a GOAWAY naming why. */
    private static Frame readFirst(SecureLink link, FrameReader reader) throws IOException {
        try {
            return reader.read();
        } catch (FrameException e) {
            throw refuse(link, e.code(), e.getMessage());
        }
    }

    private static Frame.Hello expectHello(SecureLink link, Frame first) throws IOException {
        return switch (first) {
            case Frame.Hello h -> {
                if (h.initialWindow() <= 0 || h.maxFramePayload() < 1024) {
                    throw refuse(
                            link, ErrorCode.PROTOCOL_ERROR, "the peer's HELLO grants no usable window or frame size");
                }
                yield h;
            }
            case Frame.GoAway g ->
                throw new SessionException(g.code(), "the peer refused the connection: " + g.message());
            case null ->
                throw new SessionException(
                        ErrorCode.PROTOCOL_ERROR, "the peer closed the connection during the handshake");
            default -> throw refuse(link, ErrorCode.PROTOCOL_ERROR, "the peer's first frame was not HELLO");
        };
    }

    /** The version both speak: the newer side steps down to the older one if it still accepts it. */
    private static int agree(SecureLink link, SessionConfig mine, Frame.Hello theirs) throws IOException {
        int version = Math.min(mine.protocolVersion(), theirs.protocolVersion());
        if (version < mine.minProtocolVersion() || version < theirs.minProtocolVersion()) {
            throw refuse(
                    link,
                    ErrorCode.INCOMPATIBLE_VERSION,
                    "incompatible Peernet versions: this node speaks session protocol "
                            + range(mine.minProtocolVersion(), mine.protocolVersion()) + ", the peer speaks "
                            + range(theirs.minProtocolVersion(), theirs.protocolVersion())
                            + "; upgrade the older node");
        }
        return version;
    }

    private static String range(int min, int max) {
        return min == max ? "v" + max : "v" + min + "-v" + max;
    }

    private static SessionException refuse(SecureLink link, ErrorCode code, String message) {
        try {
            send(link, new Frame.GoAway(code, message));
        } catch (IOException ignored) {
            // the peer may already be gone; the local error is what matters
        }
        return new SessionException(code, message);
    }
}
