package dev.peernet.discovery;

import dev.peernet.identity.PeerId;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * A Peernet node heard on the LAN: its announcement as received, where to dial it, and when it
 * was last heard. Addresses are those its A/AAAA records gave for the SRV target, with the SRV
 * port; IPv6 link-local ones carry the scope of the interface they were heard on.
 *
 * @param interfaceName the local interface the announcement arrived on
 */
public record NearbyPeer(
        PeerId id,
        String name,
        String networkId,
        int protocolVersion,
        List<InetSocketAddress> addresses,
        String interfaceName,
        Instant lastSeen) {
    public NearbyPeer {
        addresses = List.copyOf(addresses);
    }

    /** Whether the two describe the same announcement (all but {@code lastSeen}). */
    boolean sameAnnouncement(NearbyPeer other) {
        return id.equals(other.id)
                && name.equals(other.name)
                && networkId.equals(other.networkId)
                && protocolVersion == other.protocolVersion
                && addresses.equals(other.addresses)
                && interfaceName.equals(other.interfaceName);
    }
}
