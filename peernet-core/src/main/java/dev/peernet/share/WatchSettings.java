package dev.peernet.share;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the share watcher batches changes and what it may use (ADR 0010, "Scanning").
 *
 * @param quiet a burst of changes is scanned once it has been quiet this long
 * @param maxDelay ...or this long after its first change, whichever comes first
 * @param fallbackPeriod how often a share that cannot be watched is rescanned instead
 * @param watchLimit how many directories the node may watch in all
 */
record WatchSettings(Duration quiet, Duration maxDelay, Duration fallbackPeriod, int watchLimit) {
    /** Linux's per-user limit on inotify watches, one per watched directory. */
    static final Path INOTIFY_LIMIT = Path.of("/proc/sys/fs/inotify/max_user_watches");

    WatchSettings {
        if (quiet.isNegative() || maxDelay.compareTo(quiet) < 0 || !fallbackPeriod.isPositive() || watchLimit < 0) {
            throw new IllegalArgumentException("Watch settings out of range: quiet " + quiet + ", max delay " + maxDelay
                    + ", fallback period " + fallbackPeriod + ", watch limit " + watchLimit + ".");
        }
    }

    /**
     * 300 ms of quiet: a copy or an editor's save (write, rename, chmod) is one scan, and a change
     * still shows within a second. At most 10 s late: a file written for minutes is hashed every
     * 10 s rather than never (Syncthing's watcher also waits 10 s by default). Every 10 minutes without a watcher: such a
     * share has more directories than the watch limit, so likely millions of files, and a scan of it
     * that only compares sizes and mtimes reads all their metadata.
     */
    static WatchSettings defaults() {
        return new WatchSettings(
                Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofMinutes(10), inotifyLimit(INOTIFY_LIMIT));
    }

    /** The limit in {@code file}, or no limit where there is no such file (not Linux) or it is unreadable. */
    static int inotifyLimit(Path file) {
        // One buffered read: a sysctl file reads as empty from any offset but 0, and Files.readString,
        // seeing a size of 0, reads one byte first and then only finds the end (it gives "1").
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line = in.readLine();
            return line == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(line.strip()));
        } catch (IOException | NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
