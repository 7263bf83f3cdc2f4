package dev.peernet.share;

import dev.peernet.identity.PeerId;
import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/** One offer of {@link OfferShares}: read-only, visible to one member, its index in memory. */
record OfferShare(
        String name,
        PeerId viewer,
        SortedMap<String, OfferedFile> files,
        java.util.concurrent.atomic.AtomicLong bytesServed,
        Runnable firstServed)
        implements ServedShare {
    /** A file of the offer: its real path when registered, and its hashes. */
    record OfferedFile(Path real, IndexedFile indexed) {
        ServedFile served() {
            return new ServedFile(
                    indexed.path(),
                    indexed.size(),
                    indexed.mtimeMillis(),
                    indexed.hash().fileHash());
        }
    }

    @Override
    public void served(long bytes) {
        if (bytesServed.getAndAdd(bytes) == 0 && bytes > 0) {
            firstServed.run();
        }
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public boolean visibleTo(PeerId peer) {
        return viewer.equals(peer);
    }

    @Override
    public Totals totals() {
        return new Totals(
                files.size(),
                files.values().stream().mapToLong(f -> f.indexed().size()).sum());
    }

    @Override
    public List<ServedFile> filesUnder(String dir) {
        var below = dir.isEmpty() ? files : files.subMap(dir + "/", dir + "0"); // '0' follows '/'
        return below.values().stream().map(OfferedFile::served).toList();
    }

    @Override
    public List<ServedFile> filesWithHash(byte[] hash) {
        return files.values().stream()
                .filter(f -> Arrays.equals(f.indexed().hash().fileHash(), hash))
                .map(OfferedFile::served)
                .toList();
    }

    @Override
    public Optional<IndexedFile> file(String path) {
        return Optional.ofNullable(files.get(path)).map(OfferedFile::indexed);
    }

    /** The file must still be where it was registered, with no link swapped in on the way. */
    @Override
    public FileToRead readable(String path) throws IOException {
        OfferedFile file = files.get(path);
        if (file == null) {
            throw new RemoteShareException(Error.Code.NOT_FOUND, "There is no file '" + path + "' in this offer.");
        }
        Path now;
        try {
            now = file.real().toRealPath();
        } catch (NoSuchFileException e) {
            throw new RemoteShareException(Error.Code.FILE_CHANGED, "The offered file '" + path + "' is gone.");
        }
        if (!now.equals(file.real())) {
            throw new RemoteShareException(
                    Error.Code.BAD_PATH, "The offered file '" + path + "' now leads somewhere else.");
        }
        return new FileToRead(now.getRoot(), now); // opened from / through no link: as registered, whole
    }

    @Override
    public void changed(String path) {
        // an offer is hashed once: a changed file stays FILE_CHANGED, and the sender offers it again
    }
}
