package dev.peernet.app.api;

import dev.peernet.node.PeerInfo;
import java.time.Duration;
import java.util.List;

/**
 * One connected peer, as {@code GET /api/v1/peers} lists it and {@code POST /api/v1/connect} returns it.
 *
 * @param id the full peer ID
 * @param name the name the peer announced
 * @param address the remote end of the connection, {@code host:port}
 * @param direction {@code inbound} or {@code outbound}
 * @param rttMs the latest round-trip time in milliseconds, or null before the first is measured
 * @param connectedSince when the connection was established, ISO-8601
 * @param listenAddresses the addresses the peer says it listens on
 * @param protocolVersion the session protocol version the peer speaks
 */
public record PeerResponse(
        String id,
        String name,
        String address,
        String direction,
        Double rttMs,
        String connectedSince,
        List<String> listenAddresses,
        int protocolVersion) {

    public static PeerResponse of(PeerInfo peer) {
        return new PeerResponse(
                peer.id().toString(),
                peer.name(),
                peer.remoteAddress(),
                peer.direction().label(),
                peer.rtt().map(PeerResponse::millis).orElse(null),
                peer.connectedSince().toString(),
                peer.listenAddresses(),
                peer.protocolVersion());
    }

    /** Milliseconds with microsecond precision: loopback round trips take well under one. */
    static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }
}
