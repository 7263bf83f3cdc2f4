package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Who may be a member at all, as decided elsewhere (signed membership records), with the addresses
 * and version the record gave. This node is always in it.
 */
final class Roster {
    /** Random picks try this many times, then give up until the next call. */
    private static final int PICK_ATTEMPTS = 32;

    record Admission(List<String> addresses, String version) {}

    private final PeerId self;
    private final Map<PeerId, Admission> admitted = new LinkedHashMap<>();
    private final List<PeerId> others = new ArrayList<>();

    Roster(PeerId self, List<String> addresses, String version) {
        this.self = self;
        admitted.put(self, new Admission(List.copyOf(addresses), version));
    }

    void admit(PeerId id, List<String> addresses, String version) {
        if (admitted.put(id, new Admission(List.copyOf(addresses), version)) == null) {
            others.add(id);
        }
    }

    /** Returns whether {@code id} was in the roster; this node never leaves it. */
    boolean remove(PeerId id) {
        if (id.equals(self) || admitted.remove(id) == null) {
            return false;
        }
        others.remove(id);
        return true;
    }

    boolean contains(PeerId id) {
        return admitted.containsKey(id);
    }

    Optional<Admission> admission(PeerId id) {
        return Optional.ofNullable(admitted.get(id));
    }

    /** A random member other than this node that {@code eligible} accepts, if one is found quickly. */
    Optional<PeerId> random(RandomGenerator random, Predicate<PeerId> eligible) {
        for (int i = 0; i < PICK_ATTEMPTS && !others.isEmpty(); i++) {
            PeerId id = others.get(random.nextInt(others.size()));
            if (eligible.test(id)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
