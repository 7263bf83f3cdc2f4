package dev.peernet.share;

import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * A share's changes seen by the watcher and not yet scanned: what they cover, when the burst began
 * and when it last grew (in {@link System#nanoTime()}), and the flush scheduled for it. Guarded by
 * the watcher.
 */
final class Burst {
    private final long first;
    private long last;
    private Changes changes = new Changes(Set.of(), Set.of());
    ScheduledFuture<?> flush;

    Burst(long first) {
        this.first = first;
        this.last = first;
    }

    void add(Changes more, long now) {
        changes = changes.and(more);
        last = now;
    }

    Changes changes() {
        return changes;
    }

    /** When to scan: once quiet for {@code quiet}, or {@code maxDelay} after it began if it goes on. */
    long due(WatchSettings settings) {
        return Math.min(
                last + settings.quiet().toNanos(), first + settings.maxDelay().toNanos());
    }

    void cancel() {
        if (flush != null) {
            flush.cancel(false);
        }
    }
}
