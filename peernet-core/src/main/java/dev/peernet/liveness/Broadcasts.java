package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates waiting to be piggybacked, at most one per member (a newer fact replaces an older one and
 * starts its count again). Each is sent a limited number of times, fewest-sent first and, among
 * equals, newest first, as in memberlist's transmit-limited queue.
 */
final class Broadcasts {
    private static final class Pending {
        final MemberUpdate update;
        final long order;
        int transmits;

        Pending(MemberUpdate update, long order) {
            this.update = update;
            this.order = order;
        }
    }

    private static final Comparator<Pending> FEWEST_SENT_THEN_NEWEST =
            Comparator.<Pending>comparingInt(p -> p.transmits).thenComparing(p -> -p.order);

    private final Map<PeerId, Pending> pending = new LinkedHashMap<>();
    private long added;

    void add(MemberUpdate update) {
        pending.remove(update.id());
        pending.put(update.id(), new Pending(update, added++));
    }

    void remove(PeerId id) {
        pending.remove(id);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    boolean hasPendingAbout(PeerId id) {
        return pending.containsKey(id);
    }

    /** Up to {@code max} updates, counted as sent; those sent {@code limit} times are dropped. */
    List<MemberUpdate> take(int max, int limit, PeerId skip) {
        if (max <= 0 || pending.isEmpty()) {
            return List.of();
        }
        List<Pending> chosen = new ArrayList<>(pending.values());
        if (chosen.size() > max) {
            chosen.sort(FEWEST_SENT_THEN_NEWEST);
        }
        List<MemberUpdate> out = new ArrayList<>(Math.min(max, chosen.size()));
        for (Iterator<Pending> it = chosen.iterator(); it.hasNext() && out.size() < max; ) {
            Pending p = it.next();
            if (p.update.id().equals(skip)) {
                continue;
            }
            out.add(p.update);
            if (++p.transmits >= limit) {
                pending.remove(p.update.id());
            }
        }
        return out;
    }
}
