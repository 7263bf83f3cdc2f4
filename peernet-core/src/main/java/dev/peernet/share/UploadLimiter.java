package dev.peernet.share;

import java.io.InterruptedIOException;
import java.util.function.LongSupplier;

/**
 * The node-wide limit on the chunk bytes it uploads, in bytes per second (0: no limit), shared by
 * every upload to every member and changeable while they run. A token bucket whose burst is
 * {@value #BURST_MILLIS} ms of the rate: after a pause only that much goes at full speed, so a limit
 * set to leave room for other traffic holds within a tenth of a second. Uploads that run into the
 * limit wait in turn.
 */
public final class UploadLimiter {
    /** What a full bucket lets through at once, in milliseconds of the rate. */
    static final long BURST_MILLIS = 100;

    /** How the limiter waits: {@link Thread#sleep} in production, a fake clock in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final TokenBucket bucket;
    private final Sleeper sleeper;
    private long bytesPerSecond;

    public UploadLimiter(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.bucket = new TokenBucket(1, 1, nanoTime);
        this.sleeper = sleeper;
        setBytesPerSecond(bytesPerSecond);
    }

    /** No limit until one is set, on the system clock. */
    public static UploadLimiter unlimited() {
        return new UploadLimiter(0, System::nanoTime, nanos -> Thread.sleep(java.time.Duration.ofNanos(nanos)));
    }

    /** Sets the limit for bytes sent from now on; 0 removes it. */
    public synchronized void setBytesPerSecond(long rate) {
        if (rate < 0 || rate > TokenBucket.MAX_RATE) {
            throw new IllegalArgumentException(
                    "An upload limit is 0 (none) to " + TokenBucket.MAX_RATE + " bytes/s, not " + rate + ".");
        }
        bytesPerSecond = rate;
        if (rate > 0) {
            bucket.set(rate, Math.max(1, rate * BURST_MILLIS / 1000));
        }
    }

    /** The limit in bytes per second; 0 when there is none. */
    public synchronized long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Waits until {@code bytes} more may be sent. */
    void acquire(int bytes) throws InterruptedIOException {
        long wait;
        synchronized (this) {
            if (bytesPerSecond == 0) {
                return;
            }
            wait = bucket.take(bytes);
        }
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the upload limit.");
            }
        }
    }
}
