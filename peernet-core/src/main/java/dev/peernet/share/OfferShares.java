package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.random.RandomGenerator;

/**
 * One-shot shares for sending files to one member: files at any paths on this node, hashed when
 * registered, kept in memory only, visible to that member alone, and served by the share server
 * like any share until unregistered.
 */
public final class OfferShares {
    /**
     * Every offer's name starts with this. A user's share name never holds ':' ({@link
     * Shares#checkName}), so an offer's name can never be taken by, or hide, a shared folder.
     */
    public static final String PREFIX = "offer:";

    private static final int NAME_BYTES = 16;

    private final Map<String, OfferShare> offers = new ConcurrentSkipListMap<>();
    private final RandomGenerator random;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    public OfferShares() {
        this(new SecureRandom());
    }

    OfferShares(RandomGenerator random) {
        this.random = random;
    }

    /**
     * Hashes {@code files} and offers them to {@code viewer} alone, returning the share's name.
     *
     * @param files each file's path in the offer (relative, '/'-separated; see {@link SharePath})
     *     and where it is on this node
     * @throws IllegalArgumentException if there are no files, a path in the offer is malformed, or
     *     one is both a file and a directory of others
     * @throws IOException if a file cannot be read, is not a regular file, or changed while hashed
     */
    public String register(PeerId viewer, Map<String, Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("An offer needs at least one file.");
        }
        SortedMap<String, OfferShare.OfferedFile> offered = new TreeMap<>();
        for (var file : files.entrySet()) {
            checkOfferPath(file.getKey(), files);
            offered.put(file.getKey(), hash(file.getKey(), file.getValue()));
        }
        String name = newName();
        serve(name, viewer, offered);
        return name;
    }

    /** The files of offer {@code name}, hashed, sorted by path; empty if there is no such offer. */
    public List<IndexedFile> files(String name) {
        OfferShare offer = offers.get(name);
        return offer == null
                ? List.of()
                : offer.files().values().stream()
                        .map(OfferShare.OfferedFile::indexed)
                        .toList();
    }

    /** Each offered path of offer {@code name} and its real file; empty if there is no such offer. */
    public Map<String, Path> paths(String name) {
        OfferShare offer = offers.get(name);
        Map<String, Path> out = new TreeMap<>();
        if (offer != null) {
            offer.files().forEach((path, file) -> out.put(path, file.real()));
        }
        return out;
    }

    /**
     * Offers {@code files} to {@code viewer} again under the {@code name} they had, after a restart.
     * A file whose size and modification time are as they were keeps its hashes; one that changed
     * is hashed again, so that the receiver learns it changed and fetches the new content; one
     * that is gone, cannot be read, is no longer a regular file or is reached through a link now
     * stays as it was, and serving it reports it gone or moved.
     *
     * @param paths each offered path's real file
     * @throws IllegalArgumentException if {@code name} is no offer's name or a file has no path
     */
    public void restore(String name, PeerId viewer, Map<String, Path> paths, List<IndexedFile> files) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + name + "' is not the name of an offer.");
        }
        SortedMap<String, OfferShare.OfferedFile> offered = new TreeMap<>();
        for (IndexedFile f : files) {
            Path real = paths.get(f.path());
            if (real == null) {
                throw new IllegalArgumentException("The offered file '" + f.path() + "' has no path on this node.");
            }
            offered.put(f.path(), asItWas(real, f));
        }
        serve(name, viewer, offered);
    }

    private static OfferShare.OfferedFile asItWas(Path real, IndexedFile was) {
        try {
            BasicFileAttributes now = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean same = now.size() == was.size() && now.lastModifiedTime().toMillis() == was.mtimeMillis();
            if (same || !now.isRegularFile() || !real.toRealPath().equals(real)) {
                // A link in its place or in any folder above it is never followed: serving it says it moved.
                return new OfferShare.OfferedFile(real, was);
            }
            return hash(was.path(), real);
        } catch (IOException e) {
            return new OfferShare.OfferedFile(real, was);
        }
    }

    /** Chunk bytes read to be sent from offer {@code name} so far; 0 if there is no such offer. */
    public long bytesServed(String name) {
        OfferShare offer = offers.get(name);
        return offer == null ? 0 : offer.bytesServed().get();
    }

    /** Stops serving offer {@code name}; false if there was none. */
    public boolean unregister(String name) {
        boolean removed = offers.remove(name) != null;
        version.incrementAndGet(); // after the change: a stream that read the old number looks again
        return removed;
    }

    private volatile java.util.function.Consumer<String> firstServed = name -> {};

    private void serve(String name, PeerId viewer, SortedMap<String, OfferShare.OfferedFile> offered) {
        offers.put(
                name,
                new OfferShare(
                        name,
                        viewer,
                        offered,
                        new java.util.concurrent.atomic.AtomicLong(),
                        () -> firstServed.accept(name)));
        version.incrementAndGet(); // after the change, as in unregister
    }

    /**
     * Calls {@code listener} with an offer's name when its first chunk bytes are served (again at the
     * first ones after a restart): its receiver has accepted it, whether or not the sender heard so.
     */
    public void onFirstServed(java.util.function.Consumer<String> listener) {
        firstServed = listener;
    }

    /** How many offers are served now. */
    public int size() {
        return offers.size();
    }

    /** Changes with every registration and withdrawal. */
    long version() {
        return version.get();
    }

    /** Every registered offer. */
    List<ServedShare> shares() {
        return new ArrayList<>(offers.values());
    }

    private static void checkOfferPath(String path, Map<String, Path> files) {
        SharePath.fileProblem(path).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        List<String> names = SharePath.names(path);
        String dir = "";
        for (String name : names.subList(0, names.size() - 1)) {
            dir = SharePath.join(dir, name);
            if (files.containsKey(dir)) {
                throw new IllegalArgumentException(
                        "The offer names '" + dir + "' both as a file and as the directory of '" + path + "'.");
            }
        }
    }

    private static OfferShare.OfferedFile hash(String path, Path file) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes before = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!before.isRegularFile()) {
            throw new IOException(file + " is not a regular file; only files can be offered.");
        }
        ContentHash hash = ContentHash.of(real, ChunkSize.forFileSize(before.size()));
        BasicFileAttributes after = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
            throw new IOException(file + " changed while it was being hashed; offer it again once it is written.");
        }
        return new OfferShare.OfferedFile(
                real,
                new IndexedFile(path, before.size(), before.lastModifiedTime().toMillis(), hash));
    }

    private String newName() {
        byte[] id = new byte[NAME_BYTES];
        random.nextBytes(id);
        return PREFIX + HexFormat.of().formatHex(id);
    }
}
