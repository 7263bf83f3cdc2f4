package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.RemoteShareException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline to one source: a sender that keeps its window of requests in flight on one
 * {@link ChunkChannel}, a receiver that reads the answers in the order they were asked, and a
 * checker ({@link Deliveries}) that hands each to the job while the next is read. The sender and
 * checker run on virtual threads. The receiver runs on a platform thread, because only a platform
 * thread reads the connection itself and gets its chunk's bytes straight into its buffer (ADR
 * 0002). The sender and receiver share the job's lock.
 */
final class SourceWorker {
    private static final Logger log = LoggerFactory.getLogger(SourceWorker.class);

    /** What the worker tells its transfer. */
    interface Events {
        ChunkNetwork network();

        void delivered(SourceWorker worker, ChunkRequest request, byte[] data, int length);

        void refused(SourceWorker worker, ChunkRequest request, RemoteShareException e);

        void lost(SourceWorker worker, IOException e);
    }

    private final PeerId peer;
    private final Events job;
    private final Schedule schedule;
    private final ReentrantLock lock;
    private final Condition changed;
    private final long windowBytes;
    private final RateMeter rate;
    private final ArrayDeque<ChunkRequest> outstanding = new ArrayDeque<>();
    private long inFlightBytes;
    private boolean paused;
    private boolean stopped;
    private volatile ChunkChannel channel;
    /** Why sending a request failed: reported by the receiver, once what it received is written. */
    private volatile IOException requestFailure;

    SourceWorker(
            PeerId peer,
            Events job,
            Schedule schedule,
            ReentrantLock lock,
            Condition changed,
            TransferOptions options) {
        this.peer = peer;
        this.job = job;
        this.schedule = schedule;
        this.lock = lock;
        this.changed = changed;
        this.windowBytes = options.windowBytes();
        this.rate = new RateMeter(options.clock());
    }

    PeerId peer() {
        return peer;
    }

    void start() {
        Thread.ofVirtual().name("peernet-transfer-send-" + peer.shortForm()).start(this::send);
    }

    /** Whether requests are in flight (the caller holds the lock). */
    boolean busy() {
        return !outstanding.isEmpty();
    }

    /** Stops asking for {@code delay}: the source said it is rate limited (the caller holds the lock). */
    void pauseFor(Duration delay, TransferOptions.Scheduler scheduler) {
        if (paused) {
            return;
        }
        paused = true;
        scheduler.schedule(delay, () -> {
            lock.lock();
            try {
                paused = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * Stops the worker (the caller holds the lock) and returns its unanswered requests, for others
     * to take; {@link #close()} then breaks its channel.
     */
    List<ChunkRequest> stop() {
        stopped = true;
        List<ChunkRequest> left = List.copyOf(outstanding);
        outstanding.clear();
        inFlightBytes = 0;
        changed.signalAll();
        return left;
    }

    /** Closes the channel, which wakes a receiver blocked on it. Call without the lock. */
    void close() {
        ChunkChannel c = channel;
        if (c != null) {
            c.close();
        }
    }

    private void send() {
        ChunkChannel opened;
        try {
            opened = job.network().open(peer);
        } catch (IOException e) {
            job.lost(this, e);
            return;
        }
        channel = opened;
        if (isStopped()) {
            opened.close();
            return;
        }
        Thread.ofPlatform()
                .daemon()
                .name("peernet-transfer-receive-" + peer.shortForm())
                .start(this::receive);
        try {
            for (ChunkRequest r = nextRequest(); r != null; r = nextRequest()) {
                opened.request(r.location(), r.fileHash(), r.index());
            }
        } catch (IOException e) {
            // The receiver, woken by the close, tells the job once the chunks it holds are written:
            // the job hears of the loss only after the last progress this source made.
            requestFailure = e;
            opened.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the window has room and the schedule has a chunk for this source; null once stopped. */
    private ChunkRequest nextRequest() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                if (!paused && (outstanding.size() < 2 || inFlightBytes < window())) {
                    ChunkRequest r = schedule.next(peer);
                    if (r != null) {
                        outstanding.add(r);
                        inFlightBytes += r.length();
                        changed.signalAll();
                        return r;
                    }
                }
                changed.await();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void receive() {
        Deliveries checked = new Deliveries("peernet-transfer-check-" + peer.shortForm(), new Deliveries.Checker() {
            @Override
            public void check(ChunkRequest request, byte[] data, int length) {
                job.delivered(SourceWorker.this, request, data, length);
            }

            @Override
            public void failed(ChunkRequest request, RuntimeException e) {
                job.lost(
                        SourceWorker.this,
                        new IOException("Checking its chunk " + request.index() + " failed: " + e, e));
            }
        });
        IOException lostBy = null;
        try {
            try {
                for (ChunkRequest r = oldest(); r != null; r = oldest()) {
                    byte[] buffer = checked.buffer(r.length());
                    int n;
                    try {
                        n = channel.receive(buffer);
                    } catch (RemoteShareException e) {
                        checked.release(buffer);
                        if (answered(r)) {
                            job.refused(this, r, e);
                        }
                        continue;
                    } catch (IOException | RuntimeException e) {
                        checked.release(buffer);
                        throw e;
                    }
                    if (answered(r)) {
                        measure(n);
                        checked.deliver(r, buffer, n);
                    } else {
                        checked.release(buffer);
                    }
                }
            } catch (IOException e) {
                lostBy = isStopped() ? null : e;
            } catch (RuntimeException e) { // a bug: drop the source rather than hang the transfer
                log.warn("Receiving from {} failed", peer.shortForm(), e);
                lostBy = new IOException("Receiving from it failed: " + e, e);
            } finally {
                checked.finish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException failedRequest = requestFailure;
        if (lostBy != null || (failedRequest != null && !isStopped())) {
            job.lost(this, failedRequest != null ? failedRequest : lostBy);
        }
    }

    /**
     * Bytes to keep in flight: what this source serves in about a second, at least two chunks (the
     * rule in {@link #nextRequest}) and at most the configured window. A slow source so holds only
     * a second's worth of chunks that the others might have fetched faster; a fast one, whatever
     * its round trip, soon has the whole window, since two chunks a round trip measure at least
     * two chunks a second unless the round trip is over a second.
     */
    private long window() {
        return Math.min(windowBytes, rate.bytesPerSecond());
    }

    /** The oldest unanswered request, once there is one; null once stopped. */
    private ChunkRequest oldest() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped && outstanding.isEmpty()) {
                changed.await();
            }
            return stopped ? null : outstanding.peek();
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code r} off the window; false if the worker was stopped meanwhile (the answer is dropped). */
    @SuppressWarnings("ReferenceEquality") // this very request, not an equal one asked again
    private boolean answered(ChunkRequest r) {
        lock.lock();
        try {
            if (stopped || outstanding.peek() != r) {
                return false;
            }
            outstanding.poll();
            inFlightBytes -= r.length();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void measure(int n) {
        lock.lock();
        try {
            rate.add(n);
        } finally {
            lock.unlock();
        }
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }
}
