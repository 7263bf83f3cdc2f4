package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A connected peer as this node sees it.
 *
 * @param id the peer ID proven by the peer's TLS certificate
 * @param name the name the peer announced (display only)
 * @param remoteAddress the address of the connection's far end, {@code host:port}
 * @param direction who dialled
 * @param rtt the latest keepalive round-trip time, if one was measured yet
 * @param connectedSince when the connection was established
 * @param listenAddresses the addresses the peer says it listens on
 * @param protocolVersion the session protocol version the peer speaks
 */
public record PeerInfo(
        PeerId id,
        String name,
        String remoteAddress,
        Direction direction,
        Optional<Duration> rtt,
        Instant connectedSince,
        List<String> listenAddresses,
        int protocolVersion) {}
