package dev.peernet.transfer;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Bytes per second over the last few seconds: 20 buckets of 250 ms, so the rate follows a change
 * within seconds without jumping at every chunk. Not thread-safe: the job's lock guards it.
 */
final class RateMeter {
    static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int BUCKETS = 20;
    private static final long BUCKET_MILLIS = WINDOW.toMillis() / BUCKETS;

    private final InstantSource clock;
    private final long[] bytes = new long[BUCKETS];
    private final long[] slots = new long[BUCKETS];
    private long firstSlot = -1;

    RateMeter(InstantSource clock) {
        this.clock = clock;
    }

    void add(long n) {
        long slot = clock.millis() / BUCKET_MILLIS;
        if (firstSlot < 0) {
            firstSlot = slot;
        }
        int i = (int) (slot % BUCKETS);
        if (slots[i] != slot) {
            slots[i] = slot;
            bytes[i] = 0;
        }
        bytes[i] += n;
    }

    /** Bytes per second over the window (or since the first byte, if that is more recent). */
    long bytesPerSecond() {
        if (firstSlot < 0) {
            return 0;
        }
        long now = clock.millis() / BUCKET_MILLIS;
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (now - slots[i] < BUCKETS && slots[i] <= now) {
                sum += bytes[i];
            }
        }
        long spanSlots = Math.min(BUCKETS, now - firstSlot + 1);
        return sum * 1000 / (spanSlots * BUCKET_MILLIS);
    }

    /** The time {@code remaining} bytes take at the current rate, if there is one. */
    java.util.Optional<Duration> eta(long remaining) {
        long rate = bytesPerSecond();
        if (rate <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofMillis(remaining * 1000 / rate));
    }
}
