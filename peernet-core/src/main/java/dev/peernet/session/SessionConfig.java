package dev.peernet.session;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Settings for sessions a node makes.
 *
 * @param localName the name sent in HELLO
 * @param listenAddresses the addresses sent in HELLO, read at each handshake
 * @param protocolVersion the newest session protocol version spoken
 * @param minProtocolVersion the oldest still accepted
 * @param initialWindow the receive window granted per stream, in bytes
 * @param maxFramePayload the largest frame payload accepted, in bytes
 * @param handshakeTimeout HELLO must be exchanged within this time
 * @param keepalive ping interval on a quiet connection
 * @param deadAfter close a connection that received nothing for this long
 * @param idleAfter close a connection without stream activity for this long; zero never
 * @param maxInboundStreams concurrent streams the peer may open
 * @param scheduler runs keepalives and deadlines
 * @param handlers runs the handlers of streams the peer opens; platform threads, since a
 *     handler reading its stream may read the connection itself (see ReadLeadership, ADR 0002)
 * @param nanoTime monotonic clock in nanoseconds, for RTT and timeouts
 * @param clock wall clock, for "connected since"
 */
public record SessionConfig(
        String localName,
        Supplier<List<String>> listenAddresses,
        int protocolVersion,
        int minProtocolVersion,
        int initialWindow,
        int maxFramePayload,
        Duration handshakeTimeout,
        Duration keepalive,
        Duration deadAfter,
        Duration idleAfter,
        int maxInboundStreams,
        ScheduledExecutorService scheduler,
        Executor handlers,
        LongSupplier nanoTime,
        InstantSource clock) {

    /** The session protocol version this build speaks. */
    public static final int PROTOCOL_VERSION = 1;

    /** 256 KiB: large enough for 64 KiB DATA frames with room to grow, small enough to bound memory. */
    public static final int DEFAULT_MAX_FRAME_PAYLOAD = 256 * 1024;

    /** Size of the DATA frames this side sends. */
    static final int DATA_FRAME_PAYLOAD = 64 * 1024;

    public SessionConfig withVersions(int version, int minVersion) {
        return new SessionConfig(
                localName,
                listenAddresses,
                version,
                minVersion,
                initialWindow,
                maxFramePayload,
                handshakeTimeout,
                keepalive,
                deadAfter,
                idleAfter,
                maxInboundStreams,
                scheduler,
                handlers,
                nanoTime,
                clock);
    }
}
