package dev.peernet.share;

import java.util.function.LongSupplier;

/**
 * A token bucket in its GCRA form: instead of a count of tokens it keeps the time at which the
 * bucket will be full again ({@code full}), so the arithmetic is whole nanoseconds with no refill
 * step. A unit costs {@code 1 s / rate}; from a full bucket {@code burst} units go at once.
 *
 * <p>Not thread-safe; callers hold a lock.
 */
final class TokenBucket {
    private static final long SECOND = 1_000_000_000L;

    /** Above this, a remainder times a second in nanoseconds could overflow a long: 9 GB/s. */
    static final long MAX_RATE = 9_000_000_000L;

    private final LongSupplier nanoTime;
    private long rate;
    private long burst;
    private long full;

    /**
     * @param rate units per second, at least 1
     * @param burst units that may go at once from a full bucket, at least 1
     */
    TokenBucket(long rate, long burst, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.full = nanoTime.getAsLong();
        set(rate, burst);
    }

    /** Changes rate and burst; the bucket starts full, forgiving any debt. */
    void set(long rate, long burst) {
        if (rate < 1 || rate > MAX_RATE || burst < 1) {
            throw new IllegalArgumentException(
                    "a token bucket needs a rate and burst of at least 1: " + rate + ", " + burst);
        }
        this.rate = rate;
        this.burst = burst;
        this.full = nanoTime.getAsLong();
    }

    /**
     * Takes {@code units} if the bucket holds them; returns 0 if it did, else the nanoseconds until
     * it would, taking nothing.
     */
    long tryTake(long units) {
        long now = nanoTime.getAsLong();
        long after = Math.max(full, now) + cost(units);
        long wait = after - now - cost(burst);
        if (wait > 0) {
            return wait;
        }
        full = after;
        return 0;
    }

    /**
     * Takes {@code units} even if the bucket runs into debt, and returns the nanoseconds the caller
     * must wait before using them (0 if the bucket held them). Waiters queue up in the order they
     * took: each one's wait includes the debt of those before it.
     */
    long take(long units) {
        long now = nanoTime.getAsLong();
        full = Math.max(full, now) + cost(units);
        return Math.max(0, full - now - cost(burst));
    }

    /** Nanoseconds {@code units} cost at the rate, rounded up; exact for any units and rate up to {@link #MAX_RATE}. */
    private long cost(long units) {
        return units / rate * SECOND + Math.ceilDiv(units % rate * SECOND, rate);
    }
}
