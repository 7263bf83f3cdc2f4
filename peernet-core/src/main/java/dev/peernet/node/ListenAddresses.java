package dev.peernet.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expands wildcard listen addresses into the concrete addresses of the up interfaces. */
final class ListenAddresses {
    private ListenAddresses() {}

    static List<InetSocketAddress> expand(List<InetSocketAddress> bound) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress a : bound) {
            if (a.getAddress() != null && a.getAddress().isAnyLocalAddress()) {
                boolean ipv6 = a.getAddress() instanceof java.net.Inet6Address;
                for (InetAddress local : interfaceAddresses()) {
                    if (ipv6 || local instanceof java.net.Inet4Address) {
                        out.add(new InetSocketAddress(local, a.getPort()));
                    }
                }
            } else {
                out.add(a);
            }
        }
        return out.stream().distinct().toList();
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp()) {
                    out.addAll(Collections.list(nif.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return out;
    }
}
