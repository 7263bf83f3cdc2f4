package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reaches a member: its connection if there is one, else a dial to each address it is known at
 * until one answers as that member.
 */
final class MemberDialer {
    private MemberDialer() {}

    /**
     * Makes sure {@code node} is connected to {@code peer}, dialling {@code addresses} in turn if it
     * is not; throws the last dial's failure if none answers.
     */
    static Session connect(Node node, PeerId peer, List<InetSocketAddress> addresses) throws IOException {
        Optional<Session> existing = node.session(peer);
        if (existing.isPresent()) {
            return existing.get();
        }
        IOException last =
                new IOException("Member " + peer.shortForm() + " is not connected, and no address of it is known.");
        for (InetSocketAddress address : addresses) {
            try {
                return node.dial(address, Optional.of(peer));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Where {@code peer} may be reached: the addresses it announced to the failure detector, then
     * those discovery heard it at, then those it was last known at before this node started.
     */
    static List<InetSocketAddress> knownAddresses(Node node, PeerId peer) {
        List<InetSocketAddress> out = new ArrayList<>();
        node.view().stream()
                .filter(m -> m.id().equals(peer))
                .forEach(m -> m.addresses().forEach(a -> parse(a).ifPresent(out::add)));
        return withHeardAndRemembered(node, peer, out);
    }

    /** {@code announced}, then the addresses discovery heard {@code peer} at, then the remembered ones; no repeats. */
    static List<InetSocketAddress> withHeardAndRemembered(Node node, PeerId peer, List<InetSocketAddress> announced) {
        java.util.LinkedHashSet<InetSocketAddress> out = new java.util.LinkedHashSet<>(announced);
        node.nearby().stream().filter(n -> n.id().equals(peer)).forEach(n -> out.addAll(n.addresses()));
        out.addAll(node.addressBook().addressesOf(peer));
        return List.copyOf(out);
    }

    static Optional<InetSocketAddress> parse(String address) {
        try {
            return Optional.of(HostPort.parse(address).toLiteralSocketAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
