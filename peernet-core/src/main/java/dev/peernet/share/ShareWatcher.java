package dev.peernet.share;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index of every watched share current while the node runs. Each directory a scan
 * enters is watched (JDK {@link WatchService}: inotify on Linux, one watch per directory, one
 * service per node); its events mark what changed, and once a burst has been quiet for a moment
 * the share's owner scans only that: a directory's files, a new or vanished tree, or after an
 * overflow the whole share. A share that would take the node past its watch limit is not watched
 * but rescanned periodically, which the log says once. A share whose own folder is not watched
 * (deleted, moved away, unmounted, or missing when the node started) is looked for every
 * {@link WatchSettings#rootCheck()}, and scanned whole once it is back: that scan watches it again.
 *
 * <p>Threads: a virtual thread takes events from the service, and one timer (a virtual thread
 * too) flushes bursts and runs the periodic rescans. Scans themselves run on the owner's threads;
 * the watcher only asks for them, so it never waits for one.
 */
final class ShareWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShareWatcher.class);

    /** What the watcher asks of the shares' owner. */
    interface Scans {
        /**
         * Starts scanning {@code changes} of {@code share} in the background. False if a scan of it
         * is running (the watcher asks again a little later); true once started, or if there is no
         * such share any more.
         */
        boolean scan(String share, Changes changes);

        /**
         * Whether {@code share}'s folder, not watched, is there as it was shared, so that a scan of
         * it would not be refused: asked, outside the watcher's lock, before such a folder is scanned.
         */
        boolean ready(String share);
    }

    private final WatchSettings settings;
    private final Scans scans;
    private final Optional<Path> ignored;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
            1, Thread.ofVirtual().name("peernet-watch-timer").factory());

    // All guarded by this.
    private final Map<String, Path> roots = new HashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Map<Path, Set<String>> sharesOf = new HashMap<>();
    private final Map<String, Burst> pending = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> fallbacks = new HashMap<>();
    /** Shares whose folder was not watched at the last root check. */
    private final Set<String> unwatchedRoots = new HashSet<>();
    /** The device each share's folder was on when its scan last entered it. */
    private final Map<String, Object> rootDevices = new HashMap<>();

    private WatchService service; // made when the first directory is watched
    private String noService; // why none could be made
    private boolean closed;

    /**
     * @param ignored a directory never watched (its subdirectories are): the node's state dir, whose
     *     index writes would otherwise each start another scan if it lies inside a share
     */
    ShareWatcher(WatchSettings settings, Scans scans, Optional<Path> ignored) {
        this.settings = settings;
        this.scans = scans;
        this.ignored = ignored.map(ShareWatcher::real);
        timer.setRemoveOnCancelPolicy(true);
        long period = settings.rootCheck().toNanos();
        var unused = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        checkRoots();
                    } catch (RuntimeException e) { // a bug: a failed run would end the periodic task
                        log.warn("Share watcher: looking for unwatched shared folders failed", e);
                    }
                },
                period,
                period,
                TimeUnit.NANOSECONDS);
    }

    /**
     * On the timer: a share whose folder was not watched at the last check and still is not, is
     * scanned whole if its folder is back as it was shared ({@link Scans#ready}: a folder the scan
     * would refuse is left, or it would be scanned every time it is looked at). Two checks
     * in a row, so that a share whose first scan has not entered its folder yet is left to it. The
     * folders are looked at outside the lock: a stat on a hung network mount must not hold the
     * watcher's events and the scans' registrations.
     */
    private void checkRoots() {
        Map<String, Path> candidates = new HashMap<>();
        Map<String, Path> watchedRoots = new HashMap<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            Set<String> notWatched = new HashSet<>();
            for (Map.Entry<String, Path> e : roots.entrySet()) {
                if (fallbacks.containsKey(e.getKey())) {
                    continue;
                }
                if (!watched(e.getKey(), e.getValue())) {
                    notWatched.add(e.getKey());
                    if (unwatchedRoots.contains(e.getKey()) && !pending.containsKey(e.getKey())) {
                        candidates.put(e.getKey(), e.getValue());
                    }
                } else if (rootDevices.containsKey(e.getKey())) {
                    watchedRoots.put(e.getKey(), e.getValue());
                }
            }
            unwatchedRoots.clear(); // replaced by what is not watched now
            unwatchedRoots.addAll(notWatched);
        }
        for (Map.Entry<String, Path> e : watchedRoots.entrySet()) {
            Object now = MountPoint.device(e.getValue());
            if (now != null) {
                remounted(e.getKey(), e.getValue(), now);
            }
        }
        for (Map.Entry<String, Path> e : candidates.entrySet()) {
            if (scans.ready(e.getKey())) {
                synchronized (this) {
                    if (!closed && e.getValue().equals(roots.get(e.getKey())) && !watched(e.getKey(), e.getValue())) {
                        log.info(
                                "Share {}: its folder {} is there again; scanning it whole and watching it.",
                                e.getKey(),
                                e.getValue());
                        mark(e.getKey(), Changes.whole());
                    }
                }
            }
        }
    }

    private boolean watched(String share, Path root) {
        return sharesOf.getOrDefault(root, Set.of()).contains(share);
    }

    /**
     * A watched share's folder found on device {@code now}: if that is not the device it was
     * watched on, a drive was mounted on it (or one under it unmounted without a word, as a lazy
     * unmount may). Its watches are on the folders now hidden, and no event will ever come from
     * what is there: they are dropped, and the share scanned whole, which watches what is there.
     */
    private synchronized void remounted(String share, Path root, Object now) {
        Object was = rootDevices.get(share);
        if (closed || was == null || was.equals(now) || !root.equals(roots.get(share)) || !watched(share, root)) {
            return;
        }
        log.info("Share {}: another file system is on its folder {} now; scanning it whole.", share, root);
        rootDevices.remove(share);
        forgetTree(root);
        mark(share, Changes.whole());
    }

    /** Watches {@code share} from its next scan on: each directory that scan enters is registered. */
    synchronized void watch(String share, Path root) {
        if (!closed) {
            roots.put(share, root);
        }
    }

    /** Stops watching {@code share}: its watches, pending changes and periodic rescans end. */
    synchronized void unwatch(String share) {
        roots.remove(share);
        unwatchedRoots.remove(share);
        rootDevices.remove(share);
        Burst burst = pending.remove(share);
        if (burst != null) {
            burst.cancel();
        }
        ScheduledFuture<?> periodic = fallbacks.remove(share);
        if (periodic != null) {
            periodic.cancel(false);
        }
        release(share);
    }

    /** Called by a scan of {@code share} as it enters {@code dir}, before reading its entries. */
    synchronized void register(String share, Path dir) {
        if (closed || !roots.containsKey(share) || fallbacks.containsKey(share) || isIgnored(dir)) {
            return;
        }
        if (dir.equals(roots.get(share))) {
            Object device = MountPoint.device(dir);
            if (device != null) {
                rootDevices.put(share, device);
            }
        }
        Set<String> holders = sharesOf.get(dir);
        if (holders != null) {
            holders.add(share);
            return;
        }
        if (keys.size() >= settings.watchLimit()) {
            fallBack(
                    share,
                    "watching all its directories would pass the node's limit of " + settings.watchLimit()
                            + " (fs.inotify.max_user_watches)");
            return;
        }
        try {
            WatchKey key = watchKey(dir);
            keys.put(dir, key);
            sharesOf.put(dir, new HashSet<>(Set.of(share)));
        } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
            // gone already, or unreadable: its parent's events or the scan's own skip cover it
        } catch (IOException e) {
            fallBack(share, "watching " + dir + " failed (" + e.getMessage() + ")");
        }
    }

    /** How many directories the node watches for {@code share}. */
    synchronized int watchedDirectories(String share) {
        return (int) sharesOf.values().stream().filter(s -> s.contains(share)).count();
    }

    /** How many directories the node watches in all. */
    synchronized int watchedDirectories() {
        return keys.size();
    }

    /** Whether {@code share} is rescanned periodically because it cannot be watched. */
    synchronized boolean fallingBack(String share) {
        return fallbacks.containsKey(share);
    }

    private WatchKey watchKey(Path dir) throws IOException {
        if (noService != null) {
            throw new IOException(noService);
        }
        if (service == null) {
            try {
                service = dir.getFileSystem().newWatchService();
            } catch (IOException e) {
                noService = e.getMessage(); // inotify instances are limited too (fs.inotify.max_user_instances)
                throw e;
            }
            WatchService events = service;
            var unused = Thread.ofVirtual().name("peernet-watch").start(() -> take(events));
        }
        WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        if (!key.watchable().equals(dir)) { // the directory moved here from a watched path: the key names that path
            forget((Path) key.watchable());
            key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        }
        return key;
    }

    private void take(WatchService events) {
        try {
            while (true) {
                WatchKey key = events.take();
                List<WatchEvent<?>> happened = key.pollEvents();
                boolean valid = key.reset();
                try {
                    changed((Path) key.watchable(), happened, valid);
                } catch (RuntimeException e) { // a bug: keep watching the other directories
                    log.warn("Share watcher: events in {} were not handled", key.watchable(), e);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closing
        }
    }

    /**
     * Notes what {@code events} in the watched directory {@code dir} changed, for each share that
     * holds it; {@code valid} is false once the directory is deleted, moved away or unmounted.
     */
    synchronized void changed(Path dir, List<WatchEvent<?>> events, boolean valid) {
        Set<String> holders = sharesOf.get(dir);
        if (holders == null || closed) {
            return; // no longer watched
        }
        Set<Path> directories = new HashSet<>();
        Set<Path> trees = new HashSet<>();
        boolean overflow = false;
        for (WatchEvent<?> event : events) {
            if (event.kind() == OVERFLOW) {
                overflow = true; // events were lost, anywhere
            } else if (event.context() instanceof Path name) {
                Path child = dir.resolve(name);
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    trees.add(child); // created or moved in: its scan watches it and what is inside
                } else if (event.kind() == ENTRY_DELETE && keys.containsKey(child)) {
                    trees.add(child); // a watched directory deleted or moved away
                    forgetTree(child);
                } else {
                    directories.add(dir);
                }
            }
        }
        if (!valid) {
            trees.add(dir);
            forgetTree(dir);
        }
        for (String share : List.copyOf(holders)) {
            note(share, directories, trees, overflow);
        }
    }

    private void note(String share, Set<Path> directories, Set<Path> trees, boolean overflow) {
        Path root = roots.get(share);
        if (root != null && (overflow || !directories.isEmpty() || !trees.isEmpty())) {
            mark(share, overflow ? Changes.whole() : new Changes(relative(root, directories), relative(root, trees)));
        }
    }

    /** Adds to the share's burst, and has it flushed once it has been quiet for a moment. */
    private void mark(String share, Changes changes) {
        long now = System.nanoTime();
        Burst burst = pending.computeIfAbsent(share, s -> new Burst(now));
        burst.add(changes, now);
        if (burst.flush == null && !closed) {
            burst.flush = timer.schedule(() -> flush(share), settings.quiet().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** On the timer: hands a quiet burst to the owner, or waits for quiet, or for a running scan to end. */
    private void flush(String share) {
        Changes changes;
        synchronized (this) {
            Burst burst = pending.get(share);
            if (burst == null || closed) {
                return;
            }
            long wait = burst.due(settings) - System.nanoTime();
            if (wait > 0) {
                burst.flush = timer.schedule(() -> flush(share), wait, TimeUnit.NANOSECONDS);
                return;
            }
            pending.remove(share);
            changes = burst.changes();
        }
        if (!scans.scan(share, changes)) {
            synchronized (this) {
                if (roots.containsKey(share)) {
                    mark(share, changes); // again once the running scan has had a moment to end
                }
            }
        }
    }

    private void fallBack(String share, String why) {
        release(share);
        log.warn(
                "Share {} is not watched for changes because {}; it is rescanned every {} instead.",
                share,
                why,
                readable(settings.fallbackPeriod()));
        long period = settings.fallbackPeriod().toNanos();
        fallbacks.put(
                share, timer.scheduleWithFixedDelay(() -> rescanWhole(share), period, period, TimeUnit.NANOSECONDS));
    }

    private synchronized void rescanWhole(String share) {
        if (fallbacks.containsKey(share) && roots.containsKey(share)) {
            mark(share, Changes.whole());
        }
    }

    /** Drops {@code share} from every watched directory, cancelling those no other share holds. */
    private void release(String share) {
        for (Iterator<Map.Entry<Path, Set<String>>> it = sharesOf.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Set<String>> entry = it.next();
            if (entry.getValue().remove(share) && entry.getValue().isEmpty()) {
                it.remove();
                keys.remove(entry.getKey()).cancel();
            }
        }
    }

    /** Stops watching {@code dir} and every directory under it, for every share. */
    private void forgetTree(Path dir) {
        for (Path watched : new ArrayList<>(keys.keySet())) {
            if (watched.startsWith(dir)) {
                forget(watched);
            }
        }
    }

    private void forget(Path dir) {
        WatchKey key = keys.remove(dir);
        sharesOf.remove(dir);
        if (key != null) {
            key.cancel();
        }
    }

    private static String readable(Duration d) {
        if (d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillisPart() == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private boolean isIgnored(Path dir) {
        return ignored.isPresent() && dir.equals(ignored.get());
    }

    /** Scanned paths are real, so the ignored one is compared as such (if it exists yet). */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static Set<String> relative(Path root, Set<Path> paths) {
        Set<String> out = new HashSet<>();
        for (Path path : paths) {
            if (path.startsWith(root)) {
                out.add(root.relativize(path)
                        .toString()
                        .replace(path.getFileSystem().getSeparator(), "/"));
            }
        }
        return out;
    }

    /** Stops watching: no more events, flushes or periodic rescans. */
    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                log.debug("Closing the watch service failed", e);
            }
        }
        keys.clear();
        sharesOf.clear();
        pending.clear();
        fallbacks.clear();
        unwatchedRoots.clear();
        rootDevices.clear();
        roots.clear();
    }
}
