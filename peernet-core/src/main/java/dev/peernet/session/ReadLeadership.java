package dev.peernet.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides which thread reads the connection: leader/follower (ADR 0002).
 *
 * <p>Plain TLS is fastest when the thread that wants the bytes decrypts them itself. A dedicated
 * reader thread that hands every frame to the stream's consumer costs a wake-up and a copy per
 * frame. So a consumer that finds nothing buffered becomes the <em>leader</em> if no one else is
 * reading: it reads and dispatches frames (its own stream's and everyone else's) until its own
 * input arrives. Consumers that find the lead taken wait for the leader to deliver their data or
 * to step down.
 *
 * <p>The session's reader thread leads whenever no consumer has led for a while ({@link
 * #STEP_ASIDE_NANOS}), so control frames and data for busy consumers are always read. It steps
 * aside between frames as soon as a consumer asks for the lead.
 */
final class ReadLeadership {
    /** How long the reader thread stays out of the way after a consumer led or asked to. */
    static final long STEP_ASIDE_NANOS = 2_000_000;

    /** {@link #tryLead}'s answer when another thread leads. */
    static final int LEAD_TAKEN = -2;

    /**
     * {@link #tryLead}'s answer when the caller led for {@link #FRAMES_FOR_OTHERS} frames, none for
     * it, and stepped down for a consumer waiting to lead: it should wait for its input rather than
     * lead again.
     */
    static final int STEPPED_DOWN = -3;

    /**
     * How many frames in a row a leading consumer reads for others before it hands the lead to a
     * consumer that waits for it. A handler that waits for a rare message (a liveness probe) would
     * otherwise keep the lead and read a bulk stream's every frame for it: a copy and a wake-up per
     * 64 KiB instead of the bulk consumer's own direct read.
     */
    static final int FRAMES_FOR_OTHERS = 4;

    /** Reads and dispatches one frame. */
    interface FrameSource {
        /**
         * Reads one frame; DATA for {@code into}'s stream may go straight into its buffer.
         *
         * @param into the leading consumer's read, or null for the reader thread
         * @return bytes put into {@code into}'s buffer (0 for any other frame), or -1 once the
         *     connection's input has ended
         */
        int readFrame(DirectRead into);
    }

    /**
     * A consumer's pending read: where DATA of its stream may be put without a copy. A short-lived
     * view of the caller's buffer, never compared or hashed.
     */
    @SuppressWarnings("ArrayRecordComponent")
    record DirectRead(MuxStream stream, byte[] buffer, int offset, int length) {}

    /** Something waiting for the lead to come free. */
    interface Follower {
        void leadFreed();
    }

    private final ReentrantLock lead = new ReentrantLock();
    private final AtomicInteger asked = new AtomicInteger();
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final FrameSource source;
    private volatile boolean inputEnded;
    private volatile boolean consumerLeading;
    private final AtomicInteger consumerLeads = new AtomicInteger();

    ReadLeadership(FrameSource source) {
        this.source = source;
    }

    /** Whether a consumer reads the connection now. */
    boolean consumerLeading() {
        return consumerLeading;
    }

    boolean inputEnded() {
        return inputEnded;
    }

    /** The reader thread's loop: leads while no consumer does, until the input ends. */
    void runReader() {
        int seenLeads = consumerLeads.get();
        boolean yielded = false;
        while (!inputEnded) {
            if (yielded || consumerLeading || consumerLeads.get() != seenLeads) {
                seenLeads = consumerLeads.get();
                yielded = false;
                LockSupport.parkNanos(STEP_ASIDE_NANOS);
                continue;
            }
            lead.lock();
            try {
                int askedBefore = asked.get();
                while (!inputEnded && asked.get() == askedBefore) {
                    readOne(null);
                }
            } finally {
                lead.unlock();
            }
            yielded = true;
            wakeFollowers();
        }
    }

    /**
     * Called by a consumer with nothing to read. If no one leads, leads until {@code read} got
     * bytes, its stream has input or the connection's input ended, and returns how many bytes went
     * straight into {@code read}'s buffer (maybe 0); or until it read {@link #FRAMES_FOR_OTHERS}
     * frames for others while another consumer waits to lead, and returns {@link #STEPPED_DOWN}.
     * If another thread leads, returns {@link #LEAD_TAKEN} at once, leaving {@code follower}
     * registered to hear when the lead comes free.
     */
    int tryLead(Follower follower, DirectRead read) {
        followers.add(follower);
        if (inputEnded || !lead.tryLock()) {
            asked.incrementAndGet();
            return LEAD_TAKEN;
        }
        followers.remove(follower);
        int got = 0;
        int forOthers = 0;
        try {
            consumerLeading = true;
            consumerLeads.incrementAndGet();
            while (!inputEnded && got == 0 && !read.stream().hasInput()) {
                if (forOthers >= FRAMES_FOR_OTHERS && !followers.isEmpty()) {
                    got = STEPPED_DOWN;
                    break;
                }
                got = Math.max(0, readOne(read));
                forOthers++;
            }
        } finally {
            consumerLeading = false;
            lead.unlock();
        }
        wakeFollowers();
        return got;
    }

    /** The follower stopped waiting. */
    void leave(Follower follower) {
        followers.remove(follower);
    }

    private int readOne(DirectRead into) {
        int got = source.readFrame(into);
        if (got < 0) {
            inputEnded = true;
        }
        return got;
    }

    private void wakeFollowers() {
        if (!followers.isEmpty()) {
            for (Follower f : followers) {
                f.leadFreed();
            }
        }
    }
}
