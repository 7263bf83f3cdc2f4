package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.ContentHash;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Members serving real files from folders on disk, as the transfer engine sees them through
 * {@link ChunkNetwork}, each with faults a test scripts on its {@link FakeMember}: bad bytes,
 * leaving, a rate cap, a gate that holds chunks back, rate-limit answers.
 */
final class FakeChunkNetwork implements ChunkNetwork {
    private final PeerId self = peer(0);
    private final List<FakeMember> members = new CopyOnWriteArrayList<>();
    private final Map<Path, Hashed> hashes = new ConcurrentHashMap<>();

    /** A file's content hash as of its size and mtime, so each file is hashed once until it changes. */
    private record Hashed(long size, long mtime, ContentHash hash) {}

    static PeerId peer(int seed) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        new Random(seed).nextBytes(key);
        return PeerId.ofKeyBytes(key);
    }

    /** A new online member, sharing {@code root} as {@code share}. */
    FakeMember member(int seed, String share, Path root) {
        FakeMember m = new FakeMember(this, peer(seed), share, root);
        members.add(m);
        return m;
    }

    @Override
    public PeerId self() {
        return self;
    }

    @Override
    public List<Location> locate(byte[] fileHash, Duration timeout) {
        List<Location> out = new ArrayList<>();
        for (FakeMember m : members) {
            if (!m.online()) {
                continue;
            }
            try (Stream<Path> files = Files.walk(m.root())) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    if (Arrays.equals(hash(f).fileHash(), fileHash)) {
                        out.add(new Location(m.id(), m.share(), relative(m, f)));
                        break;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    @Override
    public RemoteFile describe(Location location) throws IOException {
        FakeMember m = online(location.peer());
        Path file = m.resolve(location);
        if (!Files.isRegularFile(file)) {
            throw new RemoteShareException(Error.Code.NOT_FOUND, "There is no file " + location.path() + ".");
        }
        return remote(location, file);
    }

    @Override
    public List<RemoteFile> describeTree(Location location) throws IOException {
        FakeMember m = online(location.peer());
        Path dir = m.resolve(location);
        if (!Files.isDirectory(dir)) {
            throw new RemoteShareException(Error.Code.NOT_FOUND, "There is no directory " + location.path() + ".");
        }
        List<RemoteFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add(remote(new Location(m.id(), m.share(), relative(m, f)), f));
            }
        }
        return out;
    }

    @Override
    public ChunkChannel open(PeerId peer) throws IOException {
        return online(peer).open();
    }

    ContentHash hash(Path file) throws IOException {
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        Hashed h = hashes.get(file);
        if (h == null || h.size() != size || h.mtime() != mtime) {
            h = new Hashed(size, mtime, ContentHash.of(file));
            hashes.put(file, h);
        }
        return h.hash();
    }

    private RemoteFile remote(Location at, Path file) throws IOException {
        return new RemoteFile(
                at, Files.size(file), Files.getLastModifiedTime(file).toMillis(), hash(file));
    }

    private FakeMember online(PeerId peer) throws IOException {
        for (FakeMember m : members) {
            if (m.id().equals(peer)) {
                if (!m.online()) {
                    throw new IOException("Member " + peer.shortForm() + " is not online.");
                }
                return m;
            }
        }
        throw new IOException("Member " + peer.shortForm() + " is not a member.");
    }

    private static String relative(FakeMember m, Path file) {
        return m.root().relativize(file).toString().replace('\\', '/');
    }
}
