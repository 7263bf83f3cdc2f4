package dev.peernet.share;

import dev.peernet.identity.PeerId;
import dev.peernet.share.proto.Error;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A shared folder as the server serves it, read from the index of {@link Shares}. */
record IndexedShare(Share share, Shares shares) implements ServedShare {
    private static final Logger log = LoggerFactory.getLogger(IndexedShare.class);

    static List<ServedShare> all(Shares shares) throws IOException {
        return shares.store().shares().stream()
                .<ServedShare>map(s -> new IndexedShare(s, shares))
                .toList();
    }

    @Override
    public String name() {
        return share.name();
    }

    @Override
    public boolean writable() {
        return share.writable();
    }

    @Override
    public boolean visibleTo(PeerId peer) {
        return share.visibleTo(peer);
    }

    @Override
    public Totals totals() throws IOException {
        long[] totals = shares.store().totals(share.name());
        return new Totals(totals[0], totals[1]);
    }

    @Override
    public List<ServedFile> filesUnder(String dir) throws IOException {
        return shares.store().filesUnder(share.name(), dir.isEmpty() ? "" : dir + "/");
    }

    @Override
    public List<ServedFile> filesWithHash(byte[] hash) throws IOException {
        return shares.store().filesWithHash(share.name(), hash);
    }

    @Override
    public Optional<IndexedFile> file(String path) throws IOException {
        return shares.store().file(share.name(), path);
    }

    /**
     * Resolves every link in the path now and refuses a result outside the share's real root. A
     * link a local user swaps in between this check and the open is refused by the open itself,
     * which goes below the root through no link (on Linux; elsewhere that moment is left).
     */
    @Override
    public FileToRead readable(String path) throws IOException {
        Path real;
        try {
            real = share.root().resolve(path).toRealPath();
        } catch (NoSuchFileException e) {
            throw new RemoteShareException(
                    Error.Code.FILE_CHANGED,
                    "The file '" + SharePath.printable(path) + "' is no longer in share '" + name() + "'.");
        }
        if (shares.stateDir().isPresent() && real.startsWith(shares.stateDir().get())) {
            log.warn("Share {}: refused to read {}, which is in the node's own state directory.", name(), path);
            throw new RemoteShareException(
                    Error.Code.NOT_FOUND,
                    "There is no file '" + SharePath.printable(path) + "' in share '" + name() + "'.");
        }
        if (!real.startsWith(share.root())) {
            log.warn("Share {}: refused to read {}, which now leads out of the share to {}.", name(), path, real);
            throw leadsOut(name(), path);
        }
        return new FileToRead(share.root(), real);
    }

    /** The refusal of a path that leads out of share {@code share}, checked or at the open. */
    static RemoteShareException leadsOut(String share, String path) {
        return new RemoteShareException(
                Error.Code.BAD_PATH,
                "The path '" + SharePath.printable(path) + "' leads out of share '" + share + "'.");
    }

    @Override
    public void changed(String path) {
        try {
            var unused = shares.rescan(share.name());
        } catch (ShareException | IOException e) {
            log.debug("Share {}: could not rescan after {} changed: {}", name(), path, e.toString());
        }
    }
}
