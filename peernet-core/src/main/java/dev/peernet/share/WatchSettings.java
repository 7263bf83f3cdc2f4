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
 * @param rootCheck how often a share whose folder is not watched (gone, or not there yet) looks
 *     for it; found, it is scanned whole and watched again
 */
record WatchSettings(Duration quiet, Duration maxDelay, Duration fallbackPeriod, int watchLimit, Duration rootCheck) {
    /** Linux's per-user limit on inotify watches, one per watched directory. */
    static final Path INOTIFY_LIMIT = Path.of("/proc/sys/fs/inotify/max_user_watches");

    WatchSettings {
        if (quiet.isNegative()
                || maxDelay.compareTo(quiet) < 0
                || !fallbackPeriod.isPositive()
                || watchLimit < 0
                || !rootCheck.isPositive()) {
            throw new IllegalArgumentException("Watch settings out of range: quiet " + quiet + ", max delay " + maxDelay
                    + ", fallback period " + fallbackPeriod + ", watch limit " + watchLimit + ", root check "
                    + rootCheck
                    + ".");
        }
    }

    /**
     * 300 ms of quiet: a copy or an editor's save (write, rename, chmod) is one scan, and a change
     * still shows within a second. At most 10 s late: a file written for minutes is hashed every
     * 10 s rather than never (Syncthing's watcher also waits 10 s by default). Every 10 minutes without a watcher: such a
     * share has more directories than the watch limit, so likely millions of files, and a scan of it
     * that only compares sizes and mtimes reads all their metadata. A shared folder that went away
     * (a drive unplugged, a folder deleted and made again) is looked for every 10 s, one
     * {@code stat} each time, and is watched again within 20 s of its return.
     */
    static WatchSettings defaults() {
        return new WatchSettings(
                Duration.ofMillis(300),
                Duration.ofSeconds(10),
                Duration.ofMinutes(10),
                inotifyLimit(INOTIFY_LIMIT),
                Duration.ofSeconds(10));
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
