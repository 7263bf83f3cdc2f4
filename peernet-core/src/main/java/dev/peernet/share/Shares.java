package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders this node shares and their index: adding and removing shares, and scanning them on
 * virtual threads so that neither the node nor its API ever waits for a scan. While open it watches
 * every share ({@link ShareWatcher}) and rescans what changes.
 */
public final class Shares implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Shares.class);

    /** The index's SQLite file in the node's state dir. */
    public static final String STATE_DB = "shares.db";

    /** Long enough to be readable in {@code peernet share ls}, short enough for a URL path segment. */
    static final int MAX_NAME_LENGTH = 64;

    private final ShareStore store;
    private final InstantSource clock;
    private final ExecutorService scans = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("peernet-scan-", 0).factory());
    private final Map<String, CompletableFuture<ScanResult>> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> scannedAt = new ConcurrentHashMap<>();
    private final Map<String, String> scanErrors = new ConcurrentHashMap<>();
    private final ShareWatcher watcher;
    private final Optional<Path> stateDir;

    private Shares(
            ShareStore store, InstantSource clock, WatchSettings watching, Path stateDir, Optional<Path> hidden) {
        this.store = store;
        this.clock = clock;
        this.stateDir = hidden.map(Shares::realPath);
        this.watcher = new ShareWatcher(
                watching,
                new ShareWatcher.Scans() {
                    @Override
                    public boolean scan(String share, Changes changes) {
                        return scanChanges(share, changes);
                    }

                    @Override
                    public boolean ready(String share) {
                        return folderReady(share);
                    }
                },
                Optional.of(stateDir));
    }

    /**
     * Opens the index in {@code dbFile}; call {@link #rescanAll()} to bring it up to date. Each share
     * is watched from its next scan on.
     */
    public static Shares open(Path dbFile, InstantSource clock) throws IOException {
        return open(dbFile, clock, WatchSettings.defaults(), Optional.empty());
    }

    /**
     * Opens the index of a node whose state directory is {@code stateDir}: that directory (its
     * private key, its databases) is never indexed or served, even inside a shared folder, and
     * cannot be shared.
     */
    public static Shares open(Path dbFile, InstantSource clock, Path stateDir) throws IOException {
        return open(dbFile, clock, WatchSettings.defaults(), Optional.of(stateDir));
    }

    static Shares open(Path dbFile, InstantSource clock, WatchSettings watching) throws IOException {
        return open(dbFile, clock, watching, Optional.empty());
    }

    private static Shares open(Path dbFile, InstantSource clock, WatchSettings watching, Optional<Path> hidden)
            throws IOException {
        Shares shares = new Shares(
                ShareStore.open(dbFile),
                clock,
                watching,
                dbFile.toAbsolutePath().getParent(),
                hidden);
        try {
            for (Share share : shares.store.shares()) {
                shares.watcher.watch(share.name(), share.root());
            }
        } catch (IOException e) {
            shares.close();
            throw e;
        }
        return shares;
    }

    /**
     * Shares the folder {@code path} and starts its first scan in the background.
     *
     * @param name the share's name; empty means the folder's own name
     * @param toAll whether every member may see it; otherwise only {@code to}
     */
    public Share add(Path path, Optional<String> name, boolean writable, boolean toAll, List<PeerId> to)
            throws ShareException, IOException {
        Path root = folder(path);
        if (stateDir.isPresent() && root.startsWith(stateDir.get())) {
            throw new ShareException(
                    ShareException.Kind.BAD_PATH,
                    root + " is, or is inside, this node's state directory, which holds its private key;"
                            + " it cannot be shared.");
        }
        String shareName = name.orElseGet(() -> defaultName(root));
        checkName(shareName);
        Share share = new Share(shareName, root, writable, toAll, toAll ? List.of() : to, clock.instant());
        boolean mountPoint = MountPoint.is(root); // outside the lock: a stat on a hung mount holds nothing
        synchronized (this) {
            if (find(shareName).isPresent()) {
                throw new ShareException(
                        ShareException.Kind.NAME_TAKEN,
                        "A share named '" + shareName + "' exists already; choose another name with --name.");
            }
            store.add(share, mountPoint);
            watcher.watch(shareName, root);
        }
        var unused = start(share); // a failure shows in the share's status

        return share;
    }

    /** Stops sharing {@code name} and forgets its index. The folder itself is not touched. */
    public synchronized Share remove(String name) throws ShareException, IOException {
        Share share = require(name);
        stopScan(name); // else it writes on, into a share added again under the name, and watches
        watcher.unwatch(name);
        store.remove(name);
        scannedAt.remove(name);
        scanErrors.remove(name);
        return share;
    }

    /** Every share with its index so far. */
    public List<ShareStatus> list() throws IOException {
        List<ShareStatus> out = new ArrayList<>();
        for (Share share : store.shares()) {
            out.add(status(share));
        }
        return out;
    }

    /** One share with its index so far. */
    public ShareStatus status(String name) throws ShareException, IOException {
        return status(require(name));
    }

    private ShareStatus status(Share share) throws IOException {
        long[] totals = store.totals(share.name());
        return new ShareStatus(
                share,
                totals[0],
                totals[1],
                running.containsKey(share.name()),
                Optional.ofNullable(scannedAt.get(share.name())),
                Optional.ofNullable(scanErrors.get(share.name())));
    }

    /** Every indexed file of share {@code name}, sorted by path. */
    public List<IndexedFile> files(String name) throws ShareException, IOException {
        require(name);
        return store.files(name).values().stream()
                .sorted(java.util.Comparator.comparing(IndexedFile::path))
                .toList();
    }

    /**
     * Scans share {@code name} in the background, hashing only new and changed files; while a scan
     * of it runs, returns that one (which may be the watcher's, of only what changed).
     */
    public CompletableFuture<ScanResult> rescan(String name) throws ShareException, IOException {
        return start(require(name));
    }

    /** Rescans every share in the background, as on start-up. */
    public void rescanAll() throws IOException {
        for (Share share : store.shares()) {
            var unused = start(share); // a failure shows in the share's status
        }
    }

    /** For the watcher: scans what changed in share {@code name}, unless a scan of it runs already. */
    private boolean scanChanges(String name, Changes changes) {
        Optional<Share> share;
        try {
            share = find(name);
        } catch (IOException e) {
            log.debug("Share {}: cannot read the index to rescan it", name, e);
            return false; // asked again in a moment
        }
        return share.isEmpty() || start(share.get(), changes).isPresent();
    }

    private boolean folderReady(String name) {
        try {
            Optional<Share> share = find(name);
            return share.isPresent()
                    && Scanner.rootProblem(share.get(), store.wasMountPoint(name))
                            .isEmpty();
        } catch (IOException e) {
            return false; // looked at again in a moment
        }
    }

    /**
     * Notes a shared folder that is a mount point, so that it is not scanned while nothing is
     * mounted there. After a scan that went well: a failure here is the next scan's to meet.
     */
    private void noteMountPoint(Share share) {
        try {
            if (MountPoint.is(share.root()) && !store.wasMountPoint(share.name())) {
                store.markMountPoint(share);
            }
        } catch (IOException e) {
            log.debug("Share {}: could not note that its folder is a mount point", share.name(), e);
        }
    }

    private CompletableFuture<ScanResult> start(Share share) {
        CompletableFuture<ScanResult> scan = new CompletableFuture<>();
        CompletableFuture<ScanResult> prior = running.putIfAbsent(share.name(), scan);
        return prior != null ? prior : run(share, Changes.whole(), scan);
    }

    /** Empty if a scan of {@code share} runs already. */
    private Optional<CompletableFuture<ScanResult>> start(Share share, Changes changes) {
        CompletableFuture<ScanResult> scan = new CompletableFuture<>();
        if (running.putIfAbsent(share.name(), scan) != null) {
            return Optional.empty();
        }
        return Optional.of(run(share, changes, scan));
    }

    /** How long {@link #remove} waits for a scan of the share to stop: a file being hashed is read to its end. */
    private static final java.time.Duration STOP_SCAN_WITHIN = java.time.Duration.ofSeconds(30);

    /** Interrupts a scan of {@code name} in progress and waits (a while) until it has stopped. */
    private void stopScan(String name) {
        CompletableFuture<ScanResult> scan = running.get(name);
        Thread thread = scanThreads.get(name);
        if (thread != null) {
            thread.interrupt();
        }
        if (scan != null) {
            try {
                scan.get(STOP_SCAN_WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.debug("Share {}: its scan ended with {}", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The thread of each scan in progress, by share name, so that {@link #remove} can stop it. */
    private final Map<String, Thread> scanThreads = new java.util.concurrent.ConcurrentHashMap<>();

    /** The future is listed as running before the scan starts, and unlisted before it completes. */
    private CompletableFuture<ScanResult> run(Share share, Changes changes, CompletableFuture<ScanResult> scan) {
        try {
            scans.execute(() -> {
                scanThreads.put(share.name(), Thread.currentThread());
                try {
                    if (!stillShared(share)) {
                        throw new IOException("Share " + share.name() + " was removed before its scan began.");
                    }
                    ScanResult result = scan(share, changes);
                    running.remove(share.name(), scan);
                    scan.complete(result);
                } catch (IOException | RuntimeException e) {
                    running.remove(share.name(), scan);
                    scan.completeExceptionally(e);
                } finally {
                    scanThreads.remove(share.name(), Thread.currentThread());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(share.name(), scan);
            scan.completeExceptionally(new IOException("The node is shutting down.", e));
        }
        return scan;
    }

    private ScanResult scan(Share share, Changes changes) throws IOException {
        try {
            ScanResult result =
                    Scanner.scan(store, share, changes, dir -> watcher.register(share.name(), dir), stateDir);
            noteMountPoint(share);
            scannedAt.put(share.name(), clock.instant());
            scanErrors.remove(share.name());
            log.debug(
                    "Share {}: hashed {}, kept {}, removed {}",
                    share.name(),
                    result.hashed().size(),
                    result.unchanged(),
                    result.removed().size());
            return result;
        } catch (IOException | RuntimeException e) {
            log.debug("Share {}: scan failed", share.name(), e);
            scanErrors.put(share.name(), String.valueOf(e.getMessage()));
            throw e;
        }
    }

    /** Whether {@code share} is still shared as it was when its scan was asked for: not removed, nor added again. */
    private boolean stillShared(Share share) {
        try {
            return find(share.name())
                    .filter(now -> now.root().equals(share.root()) // the store keeps milliseconds
                            && now.created().toEpochMilli() == share.created().toEpochMilli())
                    .isPresent();
        } catch (IOException e) {
            return true; // the scan will meet the same trouble and say so
        }
    }

    private Optional<Share> find(String name) throws IOException {
        return store.shares().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private Share require(String name) throws ShareException, IOException {
        return find(name)
                .orElseThrow(() -> new ShareException(
                        ShareException.Kind.UNKNOWN_SHARE,
                        "There is no share named '" + name + "'; 'peernet share ls' lists them."));
    }

    private static Path folder(Path path) throws ShareException, IOException {
        if (!path.isAbsolute()) {
            throw new ShareException(ShareException.Kind.BAD_PATH, "The path " + path + " is not absolute.");
        }
        if (!Files.exists(path)) {
            throw new ShareException(ShareException.Kind.BAD_PATH, "There is nothing at " + path + " to share.");
        }
        if (!Files.isDirectory(path)) {
            throw new ShareException(
                    ShareException.Kind.BAD_PATH, path + " is not a directory; share the folder that holds it.");
        }
        if (!Files.isReadable(path)) {
            throw new ShareException(ShareException.Kind.BAD_PATH, "The folder " + path + " cannot be read.");
        }
        return path.toRealPath(new LinkOption[0]);
    }

    private static String defaultName(Path root) {
        Path name = root.getFileName();
        return name == null ? "root" : name.toString();
    }

    /** A name fits in {@code PEER:SHARE/PATH}, so it holds no {@code /} or {@code :}. */
    static void checkName(String name) throws ShareException {
        boolean control = name.chars().anyMatch(Character::isISOControl);
        if (name.isBlank()
                || name.length() > MAX_NAME_LENGTH
                || name.contains("/")
                || name.contains(":")
                || name.contains("\\")
                || control
                || name.equals(".")
                || name.equals("..")
                || !name.equals(name.strip())) {
            throw new ShareException(
                    ShareException.Kind.BAD_NAME,
                    "The share name '" + name + "' is not allowed: use 1 to " + MAX_NAME_LENGTH
                            + " characters without '/', '\\', ':' or spaces at either end.");
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** The node's state directory, which no share may index or serve (its private key is there). */
    Optional<Path> stateDir() {
        return stateDir;
    }

    /** The index itself, for the share server's queries. */
    ShareStore store() {
        return store;
    }

    /** The watcher of these shares, for tests. */
    ShareWatcher watcher() {
        return watcher;
    }

    /** Stops watching and running scans (their finished batches stay in the index) and closes the index. */
    @Override
    public void close() {
        watcher.close();
        scans.shutdownNow();
        try {
            if (!scans.awaitTermination(2, TimeUnit.SECONDS)) {
                log.debug("A share scan did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
