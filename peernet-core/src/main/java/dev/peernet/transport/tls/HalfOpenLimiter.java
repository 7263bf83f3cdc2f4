package dev.peernet.transport.tls;

import java.util.concurrent.ConcurrentHashMap;

/** Counts unfinished inbound handshakes per remote host and refuses those over the limit. */
final class HalfOpenLimiter {
    private final int limit;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    HalfOpenLimiter(int limit) {
        this.limit = limit;
    }

    boolean tryAcquire(String host) {
        boolean[] granted = {false};
        counts.compute(host, (h, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit) {
                return current;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    void release(String host) {
        counts.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    }

    int count(String host) {
        return counts.getOrDefault(host, 0);
    }
}
