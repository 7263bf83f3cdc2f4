package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a transfer knows of each member it fetched from: verified bytes from it, and whether it is
 * down (it left: tried again at the next retry or when a lookup finds it online) or banned (it
 * served bad data: never used again by this transfer). Not thread-safe: the job's lock guards it.
 */
final class SourceBook {
    private static final class Entry {
        long bytes;
        boolean used;
        boolean down;
        boolean banned;
        String reason;
    }

    private final Map<PeerId, Entry> entries = new LinkedHashMap<>();

    private Entry entry(PeerId peer) {
        return entries.computeIfAbsent(peer, p -> new Entry());
    }

    /** Whether chunks may be asked of {@code peer} now. */
    boolean usable(PeerId peer) {
        Entry e = entries.get(peer);
        return e == null || (!e.down && !e.banned);
    }

    boolean banned(PeerId peer) {
        Entry e = entries.get(peer);
        return e != null && e.banned;
    }

    void used(PeerId peer) {
        entry(peer).used = true;
    }

    void served(PeerId peer, long bytes) {
        entry(peer).bytes += bytes;
    }

    void down(PeerId peer, String reason) {
        Entry e = entry(peer);
        if (!e.banned) {
            e.down = true;
            e.reason = reason;
        }
    }

    /** A lookup found {@code peer} online: worth another try unless it is banned. */
    void online(PeerId peer) {
        Entry e = entries.get(peer);
        if (e != null && !e.banned) {
            e.down = false;
            e.reason = null;
        }
    }

    /** A retry: every member that left gets another try. */
    void retryAll() {
        for (PeerId peer : List.copyOf(entries.keySet())) {
            online(peer);
        }
    }

    void ban(PeerId peer, String reason) {
        Entry e = entry(peer);
        e.banned = true;
        e.down = false;
        e.reason = reason;
    }

    /** The members chunks were asked of, for the report. */
    List<SourceStatus> statuses() {
        List<SourceStatus> out = new ArrayList<>();
        entries.forEach((peer, e) -> {
            if (e.used) {
                boolean dropped = e.down || e.banned;
                out.add(new SourceStatus(
                        peer,
                        e.bytes,
                        dropped ? SourceStatus.State.DROPPED : SourceStatus.State.ACTIVE,
                        Optional.ofNullable(e.reason)));
            }
        });
        return out;
    }

    /** Takes the report saved by an earlier run of the same transfer. */
    void restore(List<SourceStatus> saved) {
        for (SourceStatus s : saved) {
            Entry e = entry(s.peer());
            e.used = true;
            e.bytes = s.bytes();
            if (s.state() == SourceStatus.State.DROPPED && s.reason().orElse("").startsWith(BAD_DATA)) {
                e.banned = true;
                e.reason = s.reason().get();
            }
        }
    }

    /** How a ban's reason starts, so that a resumed transfer keeps its bans. */
    static final String BAD_DATA = "Served bad data: ";
}
