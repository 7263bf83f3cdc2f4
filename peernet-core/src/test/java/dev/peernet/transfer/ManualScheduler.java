package dev.peernet.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose tasks run only when the test says so; it remembers the delays asked for. */
final class ManualScheduler implements TransferOptions.Scheduler {
    private final List<Duration> delays = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        due.add(task);
    }

    /** Runs every task scheduled so far, as if their delays had passed. */
    void runAll() {
        List<Runnable> now;
        synchronized (this) {
            now = List.copyOf(due);
            due.clear();
        }
        now.forEach(Runnable::run);
    }

    synchronized int pending() {
        return due.size();
    }

    synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
