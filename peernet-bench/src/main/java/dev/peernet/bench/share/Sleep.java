package dev.peernet.bench.share;

import java.time.Duration;

/** Sleeping in the benchmark's bounded wait loops, where an interrupt means: stop the benchmark. */
final class Sleep {
    private Sleep() {}

    static void of(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
