package dev.peernet.session;

import java.util.List;

/**
 * What a peer announced in its HELLO.
 *
 * @param protocolVersion the session protocol version both sides now speak
 * @param name display name
 * @param listenAddresses addresses the peer listens on
 * @param capabilities optional features
 */
public record PeerHello(int protocolVersion, String name, List<String> listenAddresses, List<String> capabilities) {
    public PeerHello {
        listenAddresses = List.copyOf(listenAddresses);
        capabilities = List.copyOf(capabilities);
    }
}
