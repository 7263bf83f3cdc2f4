package dev.peernet.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The only address benchmarks bind or dial: 127.0.0.1, never a name that might resolve elsewhere. */
final class Loopback {
    static final InetAddress ADDRESS = ipv4Loopback();

    private Loopback() {}

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a four-byte address is always valid", e);
        }
    }

    /** 127.0.0.1 with a port chosen by the system. */
    static InetSocketAddress anyPort() {
        return new InetSocketAddress(ADDRESS, 0);
    }
}
