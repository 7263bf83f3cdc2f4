package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Updates waiting to be piggybacked, at most one per member (a newer fact replaces an older one and
 * starts its count again). Each is sent a limited number of times, fewest-sent first and, among
 * equals, newest first, as in memberlist's transmit-limited queue. Taking {@code max} updates costs
 * {@code O(max log n)}, so a queue of a thousand joins stays cheap.
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

    private final Map<PeerId, Pending> byId = new HashMap<>();
    private final TreeSet<Pending> queue = new TreeSet<>(FEWEST_SENT_THEN_NEWEST);
    private long added;

    void add(MemberUpdate update) {
        remove(update.id());
        Pending p = new Pending(update, added++);
        byId.put(update.id(), p);
        queue.add(p);
    }

    void remove(PeerId id) {
        Pending old = byId.remove(id);
        if (old != null) {
            queue.remove(old);
        }
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    boolean hasPendingAbout(PeerId id) {
        return byId.containsKey(id);
    }

    /**
     * Up to {@code max} updates, none about {@code skip}, counted as sent; those sent {@code limit}
     * times are dropped.
     */
    List<MemberUpdate> take(int max, int limit, PeerId skip) {
        if (max <= 0 || queue.isEmpty()) {
            return List.of();
        }
        List<Pending> chosen = new ArrayList<>(Math.min(max, queue.size()));
        for (Pending p : queue) {
            if (chosen.size() == max) {
                break;
            }
            if (!p.update.id().equals(skip)) {
                chosen.add(p);
            }
        }
        List<MemberUpdate> out = new ArrayList<>(chosen.size());
        for (Pending p : chosen) {
            queue.remove(p);
            out.add(p.update);
            if (++p.transmits >= limit) {
                byId.remove(p.update.id());
            } else {
                queue.add(p);
            }
        }
        return out;
    }
}
