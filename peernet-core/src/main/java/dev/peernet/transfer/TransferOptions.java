package dev.peernet.transfer;

import java.time.Duration;
import java.time.InstantSource;

/**
 * How the transfer engine paces itself; {@link #defaults()} suits a LAN and a home uplink alike.
 *
 * @param clock for timestamps, the rate and the ETA
 * @param scheduler runs retries later (after backoff, a rate limit, a full disk)
 * @param windowBytes bytes requested ahead from each source; at least two chunks are always
 *     requested ahead, whatever their size
 * @param maxRunning transfers that fetch at once; the others wait as {@link TransferState#QUEUED}
 * @param locateTimeout how long members have to say they hold a file
 * @param retryInitial the first wait when no source is online; it doubles up to {@code retryMax}
 * @param retryMax the longest wait between attempts to find a source
 * @param diskRetry how often a transfer paused by a full disk tries again
 * @param finishThreads files put in place (fsync, mtime, rename) at once
 * @param keepFinished finished transfers kept in the list
 */
public record TransferOptions(
        InstantSource clock,
        Scheduler scheduler,
        int windowBytes,
        int maxRunning,
        Duration locateTimeout,
        Duration retryInitial,
        Duration retryMax,
        Duration diskRetry,
        int finishThreads,
        int keepFinished) {

    /** Runs a task after a delay, on a thread of its own. Tests pass one they advance by hand. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Duration delay, Runnable task);

        /** A virtual thread per task that sleeps for the delay: nothing to start or stop. */
        static Scheduler virtualThreads() {
            return (delay, task) -> Thread.ofVirtual()
                    .name("peernet-transfer-retry")
                    .start(() -> {
                        try {
                            Thread.sleep(delay);
                        } catch (InterruptedException e) {
                            return;
                        }
                        task.run();
                    });
        }
    }

    public TransferOptions {
        if (windowBytes <= 0 || maxRunning <= 0 || finishThreads <= 0 || keepFinished < 0) {
            throw new IllegalArgumentException("Transfer options must be positive: " + windowBytes + ", " + maxRunning
                    + ", " + finishThreads + ", " + keepFinished + ".");
        }
    }

    /**
     * 16 MiB ahead per source (eight 2 MiB chunks of a 2 GiB file) keeps a loopback or LAN source
     * busy at 1 GB/s while it reads one chunk and the receiver hashes another, and covers a 50 ms
     * round trip at 300 MB/s (4 MiB gave two chunks in flight and ~400 MB/s on loopback); 32 files are put in place at once, so that their fsyncs share journal commits
     * (5 000 files of 64 KiB: ~900 files/s with 8, ~2 000 with 32 on ext4).
     */
    public static TransferOptions defaults() {
        return new TransferOptions(
                InstantSource.system(),
                Scheduler.virtualThreads(),
                16 << 20,
                4,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                32,
                50);
    }

    public TransferOptions withClock(InstantSource value) {
        return new TransferOptions(
                value,
                scheduler,
                windowBytes,
                maxRunning,
                locateTimeout,
                retryInitial,
                retryMax,
                diskRetry,
                finishThreads,
                keepFinished);
    }

    public TransferOptions withScheduler(Scheduler value) {
        return new TransferOptions(
                clock,
                value,
                windowBytes,
                maxRunning,
                locateTimeout,
                retryInitial,
                retryMax,
                diskRetry,
                finishThreads,
                keepFinished);
    }

    public TransferOptions withWindowBytes(int value) {
        return new TransferOptions(
                clock,
                scheduler,
                value,
                maxRunning,
                locateTimeout,
                retryInitial,
                retryMax,
                diskRetry,
                finishThreads,
                keepFinished);
    }

    public TransferOptions withMaxRunning(int value) {
        return new TransferOptions(
                clock,
                scheduler,
                windowBytes,
                value,
                locateTimeout,
                retryInitial,
                retryMax,
                diskRetry,
                finishThreads,
                keepFinished);
    }

    public TransferOptions withKeepFinished(int value) {
        return new TransferOptions(
                clock,
                scheduler,
                windowBytes,
                maxRunning,
                locateTimeout,
                retryInitial,
                retryMax,
                diskRetry,
                finishThreads,
                value);
    }
}
