package dev.peernet.testkit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The real-time scheduler that delays bytes on links made without an explicit one. */
final class SharedScheduler {
    private SharedScheduler() {}

    private static final class Holder {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("peernet-testkit-latency").daemon().factory());
    }

    static ScheduledExecutorService get() {
        return Holder.INSTANCE;
    }
}
