package dev.peernet.discovery;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** The machine's network interfaces, read afresh on each call; a fake list in socket-free tests. */
@FunctionalInterface
interface NetworkInterfaces {
    List<Info> list();

    /** The interfaces of the network namespace this JVM runs in. */
    static NetworkInterfaces system() {
        return () -> {
            try {
                List<Info> all = new ArrayList<>();
                for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
                    all.add(Info.of(ni));
                }
                return all;
            } catch (SocketException e) {
                throw new UncheckedIOException("cannot list network interfaces", e);
            }
        };
    }

    /** One interface's state at the time it was read. */
    record Info(String name, boolean up, boolean loopback, boolean multicast, List<InterfaceStatus.Address> addresses) {
        public Info {
            addresses = List.copyOf(addresses);
        }

        static Info of(NetworkInterface ni) throws SocketException {
            List<InterfaceStatus.Address> addresses = new ArrayList<>();
            for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                addresses.add(new InterfaceStatus.Address(a.getAddress(), a.getNetworkPrefixLength()));
            }
            return new Info(ni.getName(), ni.isUp(), ni.isLoopback(), ni.supportsMulticast(), addresses);
        }

        boolean hasIpv4() {
            return addresses.stream().anyMatch(a -> a.address() instanceof Inet4Address);
        }
    }
}
