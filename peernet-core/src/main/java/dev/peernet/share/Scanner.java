package dev.peernet.share;

import dev.peernet.storage.IoReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan of a share, or of the parts of it that {@link Changes} names: walks the folder, hashes
 * files that are new or whose size or mtime changed, and drops files that are gone. Symbolic links are not followed out of the share: a link to a
 * file inside it is indexed under the link's path, any other link is skipped, and a link to a
 * directory is never entered (no loops). Index writes go in batches, so progress shows while a
 * large tree is scanned and a crash loses at most one batch of work.
 */
final class Scanner {
    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    /** Files per transaction: 100 000 files in 400 commits, each small enough to show progress soon. */
    static final int BATCH_FILES = 256;

    /** Bytes hashed per transaction, so a folder of large files also shows progress every few seconds. */
    static final long BATCH_BYTES = 256L * 1024 * 1024;

    private final ShareStore store;
    private final Share share;
    private final Path root;
    private final Consumer<Path> entered;
    private final java.util.Optional<Path> hidden;
    private final Set<String> seen = new HashSet<>();
    private final List<String> hashed = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<IndexedFile> batch = new ArrayList<>();
    private Map<String, IndexedFile> before = Map.of();
    private long batchBytes;
    private long unchanged;

    private Scanner(ShareStore store, Share share, Path root, Consumer<Path> entered, java.util.Optional<Path> hidden) {
        this.store = store;
        this.share = share;
        this.root = root;
        this.entered = entered;
        this.hidden = hidden;
    }

    /** Scans the whole of {@code share} once, bringing its index in {@code store} up to date. */
    static ScanResult scan(ShareStore store, Share share) throws IOException {
        return scan(store, share, Changes.whole(), dir -> {}, java.util.Optional.empty());
    }

    /**
     * Why {@code share}'s folder cannot be scanned now, or nothing if it can: it is gone, it leads
     * elsewhere through a link (the folder, or one above it, was swapped for one since it was
     * shared), it is not a directory, it cannot be read, or it was a mount point
     * ({@code wasMountPoint}) and nothing is mounted there now. Each of these would have a scan
     * drop files that are still there, so the index stays as it was. The watcher asks the same
     * before it scans a folder that came back.
     */
    static Optional<String> rootProblem(Share share, boolean wasMountPoint) {
        Path root;
        try {
            root = share.root().toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.of("The shared folder " + share.root() + " is gone; its index stays as it was.");
        } catch (IOException e) {
            return Optional.of("The shared folder " + share.root() + " cannot be reached (" + IoReason.of(e)
                    + "); its index stays as it was.");
        }
        if (!root.equals(share.root())) {
            return Optional.of("The shared folder " + share.root() + " now leads to " + root
                    + " through a link, so it is not scanned; share " + root + " itself if that is meant.");
        }
        if (!Files.isDirectory(root)) {
            return Optional.of("The shared folder " + share.root() + " is no longer a directory.");
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return Optional.of("The shared folder " + share.root()
                    + " cannot be read (permission denied); its index stays as it was.");
        }
        if (wasMountPoint && !MountPoint.is(root) && isEmpty(root)) {
            // Empty, as the folder a drive was mounted on is: a folder with files in it is scanned,
            // so a drive moved to a plain folder for good is not refused for ever.
            return Optional.of("The shared folder " + share.root() + " is where a drive was mounted, and none is"
                    + " mounted there now; its index stays as it was until a drive is, or files are put there.");
        }
        return Optional.empty();
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false; // the scan meets it and says so
        }
    }

    /** Like {@link #scan(ShareStore, Share, Changes, Consumer, java.util.Optional)} with nothing hidden. */
    static ScanResult scan(ShareStore store, Share share, Changes changes, Consumer<Path> entered) throws IOException {
        return scan(store, share, changes, entered, java.util.Optional.empty());
    }

    /**
     * Scans what {@code changes} names of {@code share}, bringing that part of its index up to date.
     *
     * @param entered told of each directory before its entries are read (the watcher watches it)
     * @param hidden a directory never indexed, whatever share it is in: the node's own state (its
     *     private key and databases), so that sharing a home folder never shares the node's key
     */
    static ScanResult scan(
            ShareStore store, Share share, Changes changes, Consumer<Path> entered, java.util.Optional<Path> hidden)
            throws IOException {
        Optional<String> problem = rootProblem(share, store.wasMountPoint(share.name()));
        if (problem.isPresent()) {
            throw new IOException(problem.get());
        }
        Path root = share.root();
        Scanner scanner = new Scanner(store, share, root, entered, hidden);
        for (String tree : changes.trees()) {
            scanner.scan(tree, Integer.MAX_VALUE);
        }
        for (String directory : changes.directories()) {
            scanner.scan(directory, 1);
        }
        return new ScanResult(
                scanner.hashed,
                scanner.unchanged,
                scanner.removed.stream().sorted().toList());
    }

    /**
     * Walks {@code dir} to {@code depth} and compares what it finds with the index under it: with
     * depth 1 only the files directly in it, deeper ones being their own directories' business. A
     * directory that is gone, is no longer a directory, or is reached through a link has nothing.
     */
    private void scan(String dir, int depth) throws IOException {
        boolean deep = depth == Integer.MAX_VALUE;
        before = store.files(share.name(), dir, deep);
        seen.clear();
        Path start = dir.isEmpty() ? root : root.resolve(dir);
        if (dir.isEmpty() || isPlainDirectory(start)) {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), depth, new Visitor());
        }
        flush();
        List<String> gone =
                before.keySet().stream().filter(p -> !seen.contains(p)).toList();
        store.update(share.name(), List.of(), gone);
        removed.addAll(gone);
    }

    /** Whether {@code dir} is a directory reached from the root without passing a link. */
    private static boolean isPlainDirectory(Path dir) {
        try {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && dir.toRealPath().equals(dir);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            stopIfInterrupted();
            if (isHidden(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            entered.accept(dir);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            stopIfInterrupted();
            if (attrs.isRegularFile()) {
                index(file, attrs);
            } else if (attrs.isSymbolicLink()) {
                followInside(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            log.debug("Share {}: skipping {}: {}", share.name(), file, e.toString());
            return FileVisitResult.CONTINUE;
        }
    }

    private void stopIfInterrupted() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) { // the node is closing
            throw new InterruptedIOException("Stopped scanning share " + share.name() + ".");
        }
    }

    /** Indexes a link's target under the link's path if it is a regular file inside the share. */
    private void followInside(Path link) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            return; // dangling
        }
        if (isHidden(target)) {
            return; // a link into the node's state: never
        }
        if (!target.startsWith(root)) {
            log.debug("Share {}: not following {}, which leaves the share", share.name(), link);
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
        if (attrs.isRegularFile()) {
            index(link, attrs);
        }
    }

    /**
     * Whether {@code file} is a transfer's part file ({@code .NAME.peernet-part}, as the engine's
     * {@code PartFile} names it): bytes still arriving, unverified, in a writable share or a folder
     * fetched into. Listing it would show a file that is not there yet, and its every write would
     * have it hashed again.
     */
    private static boolean isPartFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(PART_SUFFIX);
    }

    private static final String PART_SUFFIX = ".peernet-part";

    /** Whether the file's size or mtime moved while it was read, or it was read past the size seen. */
    private static boolean changedWhileHashed(Path file, long size, long mtime, ContentHash hash) {
        if (hash.chunkCount() != ChunkSize.chunks(size, hash.chunkSize())) {
            return true;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            return now.size() != size || now.lastModifiedTime().toMillis() != mtime;
        } catch (IOException e) {
            return true; // gone meanwhile
        }
    }

    /** Whether {@code path} is, or is inside, the directory no share may index. */
    private boolean isHidden(Path path) {
        return hidden.isPresent() && path.startsWith(hidden.get());
    }

    private void index(Path file, BasicFileAttributes attrs) throws IOException {
        if (isHidden(file) || isPartFile(file)) {
            return;
        }
        String path = relative(file);
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        IndexedFile old = before.get(path);
        if (old != null && old.unchanged(size, mtime)) {
            seen.add(path);
            unchanged++;
            return;
        }
        ContentHash hash;
        try {
            hash = ContentHash.of(file, ChunkSize.forFileSize(size));
        } catch (IOException e) {
            log.debug("Share {}: cannot read {}: {}", share.name(), file, e.toString());
            return; // left out of the index until it can be read
        }
        if (changedWhileHashed(file, size, mtime, hash)) {
            // Being written: its hashes may mix two versions. Keep what the index had (chunk reads
            // of it answer FILE_CHANGED) until the scan after the writer is done.
            log.debug("Share {}: {} changed while it was hashed; left for the next scan", share.name(), file);
            seen.add(path);
            return;
        }
        seen.add(path);
        hashed.add(path);
        batch.add(new IndexedFile(path, size, mtime, hash));
        batchBytes += size;
        if (batch.size() >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (!batch.isEmpty()) {
            store.update(share.name(), batch, List.of());
            batch.clear();
            batchBytes = 0;
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
