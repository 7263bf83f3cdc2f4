package dev.peernet.app.api;

import dev.peernet.node.PeerInfo;
import java.time.Duration;
import java.util.List;

/**
 * One peer as {@code GET /api/v1/peers} lists it: a member of the network with its liveness state,
 * or a non-member heard on the LAN or connected ("nearby"). {@code POST /api/v1/connect} returns
 * the peer it reached in the same shape.
 *
 * @param id the full peer ID
 * @param name the name the peer announced
 * @param state {@code alive}, {@code suspect}, {@code dead} or {@code left} for members (from the
 *     failure detector; {@code dead} for a member never heard of), {@code nearby} for non-members
 * @param addresses where the peer listens, as it announced
 * @param rttMs the latest round-trip time in milliseconds, or null before one is measured
 * @param address the remote end of the connection, {@code host:port}; null when not connected
 * @param direction {@code inbound} or {@code outbound}; null when not connected
 * @param connectedSince when the connection was established, ISO-8601; null when not connected
 * @param listenAddresses the addresses the peer said it listens on, in the connection's HELLO
 * @param protocolVersion the session protocol version the peer speaks; null when not connected
 */
public record PeerResponse(
        String id,
        String name,
        String state,
        List<String> addresses,
        Double rttMs,
        String address,
        String direction,
        String connectedSince,
        List<String> listenAddresses,
        Integer protocolVersion) {

    public PeerResponse {
        addresses = List.copyOf(addresses);
        listenAddresses = List.copyOf(listenAddresses);
    }

    /** A connected peer in {@code state}. */
    public static PeerResponse of(PeerInfo peer, String state) {
        return new PeerResponse(
                peer.id().toString(),
                peer.name(),
                state,
                peer.listenAddresses(),
                peer.rtt().map(PeerResponse::millis).orElse(null),
                peer.remoteAddress(),
                peer.direction().label(),
                peer.connectedSince().toString(),
                peer.listenAddresses(),
                peer.protocolVersion());
    }

    /** A peer that is not connected. */
    public static PeerResponse unconnected(String id, String name, String state, List<String> addresses, Double rttMs) {
        return new PeerResponse(id, name, state, addresses, rttMs, null, null, null, List.of(), null);
    }

    /** Milliseconds with microsecond precision: loopback round trips take well under one. */
    static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }
}
