package dev.peernet.node;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for redialling: 1 s, 2 s, 4 s ... capped at 60 s, each delay
 * spread by up to ±20% so that peers that lost each other at the same moment do not redial in step.
 */
final class Backoff {
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);

    private final RandomGenerator random;
    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(RandomGenerator random, Duration initial, Duration max) {
        this.random = random;
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    Backoff(RandomGenerator random) {
        this(random, INITIAL, MAX);
    }

    /** The delay before the next attempt; doubles the one after. */
    Duration nextDelay() {
        Duration base = next;
        next = base.multipliedBy(2).compareTo(max) > 0 ? max : base.multipliedBy(2);
        double factor = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    /** After a success: start again from the initial delay. */
    void reset() {
        next = initial;
    }
}
