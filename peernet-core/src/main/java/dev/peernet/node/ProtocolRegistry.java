package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.membership.Membership;
import dev.peernet.session.Protocols;
import dev.peernet.session.SessionException;
import dev.peernet.session.StreamHandler;
import dev.peernet.wire.ErrorCode;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocols this node serves, by name, and who may use them: members of the network any,
 * others only the join protocol.
 */
final class ProtocolRegistry implements Protocols {
    private final ConcurrentHashMap<String, StreamHandler> handlers = new ConcurrentHashMap<>();
    private final Membership membership;

    ProtocolRegistry(Membership membership) {
        this.membership = membership;
    }

    void register(String protocol, StreamHandler handler) {
        if (!protocol.startsWith("/")) {
            throw new IllegalArgumentException("a protocol name starts with '/', like /peernet/ping/1: " + protocol);
        }
        if (handlers.putIfAbsent(protocol, handler) != null) {
            throw new IllegalStateException("protocol " + protocol + " is already served");
        }
    }

    @Override
    public Optional<StreamHandler> handler(String protocol, PeerId peer) throws SessionException {
        StreamHandler handler = handlers.get(protocol);
        if (handler != null && !membership.admits(peer, protocol)) {
            throw new SessionException(
                    ErrorCode.NOT_A_MEMBER,
                    "only members of network " + membership.roster().networkName() + " may use " + protocol
                            + "; ask a member for an invite");
        }
        return Optional.ofNullable(handler);
    }

    /** The names of every protocol served. */
    Set<String> names() {
        return Set.copyOf(handlers.keySet());
    }
}
