package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * What one member may ask of this node's share server at a time, so that one member flooding it
 * cannot slow the others: concurrent share streams, and the index rows its browse requests read.
 *
 * <p>Chunk reads are not counted here: their cost is bytes, which the upload limit and each
 * stream's flow control already bound. File infos and searches by content hash are single index
 * lookups, as cheap as a chunk read's own, and a transfer asks one per file, so they are not
 * counted either. Listings, share lists and searches by pattern read a share's index: listing the
 * root of a 100 000-file share or searching it reads 100 000 rows, 0.1–0.3 s of a core on a busy
 * two-core machine. So a browse request is admitted while the member's allowance of rows is not
 * overdrawn, and afterwards charged the rows it read, at least {@link #MIN_ROWS}.
 */
final class MemberLimits {
    /**
     * Index rows a member's browse requests may read per second, sustained: a listing or search of
     * a 100 000-file share once a second, a fraction of one core.
     */
    static final long ROWS_PER_SECOND = 100_000;

    /**
     * The least a browse request is charged, however small: 20 a second. Someone browsing asks one
     * per command or click; a script walking a tree directory by directory asks more, but one
     * recursive listing does that in one request.
     */
    static final long MIN_ROWS = ROWS_PER_SECOND / 20;

    /** Small requests that may come at once after a quiet spell: a burst of clicks or a small script. */
    static final int BROWSE_BURST = 50;

    /** Small browse requests per second, sustained. */
    static final long BROWSE_PER_SECOND = ROWS_PER_SECOND / MIN_ROWS;

    /**
     * Concurrent {@code /peernet/share/1} streams per member. Each holds a server thread and up to
     * one chunk buffer (at most 16 MiB); a transfer needs one per source, and a few more for
     * browsing alongside.
     */
    static final int MAX_STREAMS = 16;

    /**
     * Browse requests of one member's answered at once, each from its working out until its last
     * page is sent; more wait their turn. An answer is held whole in memory until it is sent (a
     * recursive listing of a 100 000-file share takes about 110 MB at its peak), so without this a
     * member asking on all its {@link #MAX_STREAMS} streams at once could exhaust the node's heap,
     * and more so by not reading the answers. Two let a window ask for a share list and a listing
     * together.
     */
    static final int BROWSING_AT_ONCE = 2;

    /** An answer's working out and sending. */
    interface Answering {
        void run() throws IOException;
    }

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

    /**
     * Admits a browse request of {@code peer}'s, charging it {@link #MIN_ROWS}: 0 if admitted, else
     * the nanoseconds until one would be.
     */
    long browse(PeerId peer) {
        Member m = member(peer);
        synchronized (m) {
            return m.rows.tryTake(MIN_ROWS);
        }
    }

    /**
     * Works out and sends one of {@code peer}'s browse requests once fewer than {@link
     * #BROWSING_AT_ONCE} others of its are in progress.
     *
     * @throws InterruptedIOException if the stream is closed while the request waits its turn
     */
    void browsing(PeerId peer, Answering answering) throws IOException {
        Semaphore turns = member(peer).browsing;
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("The stream closed while its browse request waited its turn.");
        }
        try {
            answering.run();
        } finally {
            turns.release();
        }
    }

    /** Charges an admitted browse request that read {@code rows} index rows for those beyond {@link #MIN_ROWS}. */
    void read(PeerId peer, long rows) {
        if (rows > MIN_ROWS) {
            Member m = member(peer);
            synchronized (m) {
                var unused = m.rows.take(rows - MIN_ROWS); // into debt: later requests wait it out
            }
        }
    }

    private Member member(PeerId peer) {
        return members.computeIfAbsent(
                peer, p -> new Member(new TokenBucket(ROWS_PER_SECOND, BROWSE_BURST * MIN_ROWS, nanoTime)));
    }

    /** One member's counters; only members can open share streams, so the map is bounded by the roster. */
    private static final class Member {
        final TokenBucket rows;
        final Semaphore browsing = new Semaphore(BROWSING_AT_ONCE, true);
        int streams;

        Member(TokenBucket rows) {
            this.rows = rows;
        }
    }
}
