package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Protocols;
import dev.peernet.session.StreamHandler;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The protocols this node serves, by name. */
final class ProtocolRegistry implements Protocols {
    private final ConcurrentHashMap<String, StreamHandler> handlers = new ConcurrentHashMap<>();

    void register(String protocol, StreamHandler handler) {
        if (!protocol.startsWith("/")) {
            throw new IllegalArgumentException("a protocol name starts with '/', like /peernet/ping/1: " + protocol);
        }
        if (handlers.putIfAbsent(protocol, handler) != null) {
            throw new IllegalStateException("protocol " + protocol + " is already served");
        }
    }

    @Override
    public Optional<StreamHandler> handler(String protocol, PeerId peer) {
        return Optional.ofNullable(handlers.get(protocol));
    }
}
