package dev.peernet.discovery;

import java.net.InetAddress;
import java.util.List;

/**
 * One local network interface as discovery sees it, for {@code peernet doctor}.
 *
 * @param usedByDiscovery whether discovery announces and listens on it
 * @param selfHeard whether this node has heard its own multicast announcement come back on it,
 *     which shows that mDNS works there (multicast loopback); false until the first one arrives
 * @param problem why an interface discovery should use is not used (down, no IPv4 address, the
 *     socket failed), or "" when none
 */
public record InterfaceStatus(
        String name, List<Address> addresses, boolean usedByDiscovery, boolean selfHeard, String problem) {
    public InterfaceStatus {
        addresses = List.copyOf(addresses);
    }

    /** An address of the interface with its network prefix length. */
    public record Address(InetAddress address, int prefixLength) {
        @Override
        public String toString() {
            return address.getHostAddress() + "/" + prefixLength;
        }
    }
}
