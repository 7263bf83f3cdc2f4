package dev.peernet.share;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A share as the share server serves it: a folder of {@link Shares} or a one-shot offer of
 * {@link OfferShares}. Browsing and search read only its index, never the disk.
 */
public sealed interface ServedShare permits IndexedShare, OfferShare {
    String name();

    /** Whether members may write to it; the one-shot send checks this before putting files in it. */
    boolean writable();

    /** Whether {@code peer} may see it at all. */
    boolean visibleTo(PeerId peer);

    /** How many files it holds, and their total size. */
    Totals totals() throws IOException;

    /** The files below directory {@code dir} ("" for all), at any depth, sorted by path. */
    List<ServedFile> filesUnder(String dir) throws IOException;

    /** The files with content hash {@code hash}, sorted by path. */
    List<ServedFile> filesWithHash(byte[] hash) throws IOException;

    /** The file at {@code path} with its chunk hashes, if there is one. */
    Optional<IndexedFile> file(String path) throws IOException;

    /**
     * Where to read the file at {@code path} now: its real path, checked at this moment to be the
     * file the index meant (inside the share's folder, for a folder: a link swapped after indexing
     * to point outside is refused).
     *
     * @throws RemoteShareException {@code BAD_PATH} if the file now leads out of the share,
     *     {@code FILE_CHANGED} if it is gone
     */
    FileToRead readable(String path) throws IOException;

    /**
     * A file to read: its real path, and the folder it must be opened below, through no link, so
     * that a link swapped in after the check is refused at the open ({@code
     * PositionalFile.openBeneath}).
     */
    record FileToRead(Path root, Path real) {}

    /** The file at {@code path} is no longer what the index says: bring the index up to date. */
    void changed(String path);

    /** {@code bytes} of its chunks were read to be sent; offers count them for their sender's progress. */
    default void served(long bytes) {}

    /** A share's size. */
    record Totals(long files, long bytes) {}
}
