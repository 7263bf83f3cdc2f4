package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What one member may ask of this node's share server at a time, so that one member flooding it
 * cannot slow the others: concurrent share streams, and browse requests per second.
 *
 * <p>Chunk reads are not counted here: their cost is bytes, which the upload limit and each
 * stream's flow control already bound. File infos and searches by content hash are single index
 * lookups, as cheap as a chunk read's own, and a transfer asks one per file, so they are not
 * counted either. Listings, shares lists and searches by pattern read a whole share's index (a
 * search of a 100 000-file share walks 100 000 paths), so they are.
 */
final class MemberLimits {
    /**
     * Browse requests per second per member, sustained. Someone browsing asks one per command or
     * click; a script walking a tree directory by directory asks more, but a recursive listing
     * does that in one request. 20 costly requests a second keep one member to a fraction of a
     * core even on a 100 000-file share.
     */
    static final int BROWSE_PER_SECOND = 20;

    /** Requests that may come at once after a quiet spell: a burst of clicks or a small script. */
    static final int BROWSE_BURST = 50;

    /**
     * Concurrent {@code /peernet/share/1} streams per member. Each holds a server thread and up to
     * one chunk buffer (at most 16 MiB); a transfer needs one per source, and a few more for
     * browsing alongside.
     */
    static final int MAX_STREAMS = 16;

    private final LongSupplier nanoTime;
    private final Map<PeerId, Member> members = new ConcurrentHashMap<>();

    MemberLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts a new stream of {@code peer}'s; false, counting nothing, if it has {@link #MAX_STREAMS} open. */
    boolean openStream(PeerId peer) {
        Member m = member(peer);
        synchronized (m) {
            if (m.streams >= MAX_STREAMS) {
                return false;
            }
            m.streams++;
            return true;
        }
    }

    void closeStream(PeerId peer) {
        Member m = member(peer);
        synchronized (m) {
            m.streams--;
        }
    }

    /** Takes one browse request of {@code peer}'s: 0 if allowed, else the nanoseconds until one is. */
    long browse(PeerId peer) {
        Member m = member(peer);
        synchronized (m) {
            return m.browse.tryTake(1);
        }
    }

    private Member member(PeerId peer) {
        return members.computeIfAbsent(
                peer, p -> new Member(new TokenBucket(BROWSE_PER_SECOND, BROWSE_BURST, nanoTime)));
    }

    /** One member's counters; only members can open share streams, so the map is bounded by the roster. */
    private static final class Member {
        final TokenBucket browse;
        int streams;

        Member(TokenBucket browse) {
            this.browse = browse;
        }
    }
}
