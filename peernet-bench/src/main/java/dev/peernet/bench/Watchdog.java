package dev.peernet.bench;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Closes a connection that outlives its deadline, so a stalled transfer fails instead of hanging. */
final class Watchdog implements AutoCloseable {
    private final Duration deadline;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Thread thread;

    /** Work that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoWork<T> {
        T run() throws IOException;
    }

    private Watchdog(Duration deadline, Closeable victim) {
        this.deadline = deadline;
        this.thread = Thread.ofVirtual().name("watchdog").unstarted(() -> expire(victim));
    }

    static Watchdog start(Duration deadline, Closeable victim) {
        Watchdog watchdog = new Watchdog(deadline, victim);
        watchdog.thread.start();
        return watchdog;
    }

    private void expire(Closeable victim) {
        try {
            Thread.sleep(deadline);
        } catch (InterruptedException e) {
            return; // finished in time
        }
        fired.set(true);
        Sink.closeQuietly(victim);
    }

    /** Runs {@code work}, turning a failure caused by this watchdog into one that says so. */
    <T> T guard(IoWork<T> work) throws IOException {
        try {
            return work.run();
        } catch (IOException | RuntimeException e) {
            if (fired.get()) {
                throw new IOException("The transfer did not finish within " + deadline.toSeconds() + " s.", e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
