package dev.peernet.discovery;

import dev.peernet.identity.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a node tells its LAN about itself: a DNS-SD instance of {@code _peernet._tcp.local} named
 * {@code name}, whose TXT record carries {@code id}, {@code networkId} and {@code protocolVersion},
 * and whose SRV record points at {@code port}.
 *
 * @param name the node's name, the instance label: 1 to 63 bytes of UTF-8 (RFC 6763 §4.1.1)
 * @param networkId a public network identifier, "" when the node is in no network
 * @param port the node's TCP listen port
 */
public record Announcement(String name, PeerId id, String networkId, int protocolVersion, int port) {
    public Announcement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(networkId, "networkId");
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0 || nameBytes > DnsName.MAX_LABEL_BYTES) {
            throw new IllegalArgumentException(
                    "a node name for discovery has 1 to 63 bytes of UTF-8, but '" + name + "' has " + nameBytes);
        }
        if (("net=" + networkId).getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("network ID '" + networkId + "' is longer than 251 bytes");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a listen port is 1 to 65535, not " + port);
        }
        if (protocolVersion < 0) {
            throw new IllegalArgumentException("protocol version " + protocolVersion + " is negative");
        }
    }

    /** This announcement in another network, e.g. after the node joined one. */
    public Announcement withNetworkId(String newNetworkId) {
        return new Announcement(name, id, newNetworkId, protocolVersion, port);
    }
}
