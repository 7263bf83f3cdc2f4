package dev.peernet.membership;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits failed join attempts per remote host: after {@code maxFailures} within {@code window},
 * further attempts are refused unchecked until the oldest failure ages out. Online guessing of an
 * invite code or passphrase is the only guessing left, and this bounds its rate.
 */
final class JoinRateLimiter {
    /** Hosts remembered at most; the least recently failing are forgotten first. */
    private static final int MAX_HOSTS = 4096;

    private final InstantSource clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, ArrayDeque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    JoinRateLimiter(InstantSource clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    synchronized boolean isBlocked(String host) {
        ArrayDeque<Instant> recent = failures.get(host);
        if (recent == null) {
            return false;
        }
        Instant horizon = clock.instant().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
            recent.pollFirst();
        }
        return recent.size() >= maxFailures;
    }

    synchronized void failed(String host) {
        failures.computeIfAbsent(host, h -> new ArrayDeque<>()).addLast(clock.instant());
    }
}
