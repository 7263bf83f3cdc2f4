package dev.peernet.node;

import dev.peernet.identity.PeerId;
import java.util.List;

/** Turns what a user typed (full ID, ID prefix, or name) into one connected peer. */
final class PeerResolver {
    private PeerResolver() {}

    static PeerId resolve(String ref, List<PeerInfo> peers) {
        String text = ref.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("No peer given.");
        }
        if (PeerId.looksLikeFullId(text)) {
            PeerId id = PeerId.parse(text);
            if (peers.stream().noneMatch(p -> p.id().equals(id))) {
                throw new IllegalArgumentException("Peer " + id.shortForm() + " is not connected.");
            }
            return id;
        }
        List<PeerInfo> byName =
                peers.stream().filter(p -> p.name().equals(text)).toList();
        if (byName.size() == 1) {
            return byName.getFirst().id();
        }
        List<PeerInfo> byPrefix =
                peers.stream().filter(p -> p.id().hasPrefix(text)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst().id();
        }
        if (byName.size() > 1 || byPrefix.size() > 1) {
            throw new IllegalArgumentException(
                    "'" + text + "' matches several connected peers; use more of the peer ID.");
        }
        throw new IllegalArgumentException("No connected peer has the name or ID '" + text + "'.");
    }
}
