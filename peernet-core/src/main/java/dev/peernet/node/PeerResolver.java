package dev.peernet.node;

import dev.peernet.identity.PeerId;
import java.util.List;

/** Turns what a user typed (full ID, ID prefix, or name) into one peer among candidates. */
final class PeerResolver {
    /** A peer that may be meant: its ID and name. */
    record Candidate(PeerId id, String name) {}

    private PeerResolver() {}

    /** Among connected peers. */
    static PeerId resolve(String ref, List<PeerInfo> peers) {
        return resolve(
                ref, peers.stream().map(p -> new Candidate(p.id(), p.name())).toList(), "connected peer");
    }

    /**
     * Among {@code candidates}, described as {@code what} ("connected peer", "member") in errors.
     *
     * @throws IllegalArgumentException saying why {@code ref} matches none or several
     */
    static PeerId resolve(String ref, List<Candidate> candidates, String what) {
        String text = ref.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("No peer given.");
        }
        if (PeerId.looksLikeFullId(text)) {
            PeerId id = PeerId.parse(text);
            if (candidates.stream().noneMatch(p -> p.id().equals(id))) {
                throw new IllegalArgumentException("Peer " + id.shortForm() + " is not a " + what + ".");
            }
            return id;
        }
        List<Candidate> byName =
                candidates.stream().filter(p -> p.name().equals(text)).toList();
        if (byName.size() == 1) {
            return byName.getFirst().id();
        }
        List<Candidate> byPrefix =
                candidates.stream().filter(p -> p.id().hasPrefix(text)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst().id();
        }
        if (byName.size() > 1 || byPrefix.size() > 1) {
            throw new IllegalArgumentException(
                    "'" + text + "' matches several " + what + "s; use more of the peer ID.");
        }
        throw new IllegalArgumentException("No " + what + " has the name or ID '" + text + "'.");
    }
}
