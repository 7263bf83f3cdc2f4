package dev.peernet.transfer;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line between a source's receiver and its transfer: the receiver reads a chunk into one of
 * {@link #BUFFERS} buffers and hands it over; {@link #CHECKERS} checker threads verify and write
 * chunks while the receiver reads the next. Reading (socket and TLS) and checking (SHA-256 and the
 * write) so run on every core at once instead of taking turns on one. Checking takes longer than
 * reading, so with one checker the receiver soon waited for it, the socket filled and the source
 * stopped: a core stood idle. Two checkers and one buffer more keep the receiver reading.
 *
 * <p>Every chunk handed over is checked, even after the worker stopped: it was taken off the
 * worker's window when it was answered, so no one else will fetch it (the transfer itself drops
 * answers it no longer wants). Chunks may be checked out of order.
 */
final class Deliveries {
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /**
     * One being read and one being checked by each checker. More would only hold more memory: a
     * chunk is up to 16 MiB, so a source of a file over 32 GiB holds 48 MiB.
     */
    static final int BUFFERS = 3;

    /** Two: the SHA-256 of a chunk and its write take longer than reading it. */
    static final int CHECKERS = 2;

    /** What a checker thread does with each chunk. */
    interface Checker {
        void check(ChunkRequest request, byte[] data, int length);

        /** Checking threw: a bug. The source should be dropped rather than the transfer hang. */
        void failed(ChunkRequest request, RuntimeException e);
    }

    /** A chunk to check; one with no request ends the checker. */
    private static final class Delivery {
        final ChunkRequest request;
        final byte[] data;
        final int length;

        Delivery(ChunkRequest request, byte[] data, int length) {
            this.request = request;
            this.data = data;
            this.length = length;
        }
    }

    private static final Delivery END = new Delivery(null, new byte[0], 0);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Delivery> ready = new ArrayBlockingQueue<>(BUFFERS + CHECKERS);
    private final Checker checker;
    private final Thread[] threads = new Thread[CHECKERS];

    Deliveries(String name, Checker checker) {
        this.checker = checker;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[0]);
        }
        for (int i = 0; i < CHECKERS; i++) {
            threads[i] = Thread.ofVirtual().name(name + "-" + i).start(this::run);
        }
    }

    /** A free buffer of at least {@code length} bytes; waits while both are being used. */
    byte[] buffer(int length) throws InterruptedException {
        byte[] b = free.take();
        return b.length >= length ? b : new byte[length];
    }

    /** Gives back a buffer that holds nothing to check. */
    void release(byte[] buffer) {
        free.add(buffer);
    }

    /** Hands {@code length} bytes of {@code buffer} over to be checked; the buffer comes back free after. */
    void deliver(ChunkRequest request, byte[] buffer, int length) {
        ready.add(new Delivery(request, buffer, length));
    }

    /**
     * Lets the checker finish what it holds and waits until it has: what the source delivered is
     * then written before anyone hears that the source was lost or stopped.
     */
    void finish() throws InterruptedException {
        for (int i = 0; i < CHECKERS; i++) {
            ready.add(END);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void run() {
        try {
            for (Delivery d = ready.take(); d.request != null; d = ready.take()) {
                try {
                    checker.check(d.request, d.data, d.length);
                } catch (RuntimeException e) {
                    log.warn("Checking chunk {} failed", d.request.index(), e);
                    checker.failed(d.request, e);
                } finally {
                    free.add(d.data);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
