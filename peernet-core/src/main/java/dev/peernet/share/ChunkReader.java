package dev.peernet.share;

import dev.peernet.share.proto.Error;
import dev.peernet.storage.IoReason;
import dev.peernet.storage.NotBeneathException;
import dev.peernet.storage.PositionalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one chunk of an indexed file for one server stream, into a buffer the stream reuses, and
 * proves it read the indexed content: the file is opened at its real path (checked inside the
 * share just before, and opened below the share's folder through no link), and its size and mtime match the index
 * before and after the read. A chunk is read whole before any of it is sent, because once its
 * header is out the answer can no longer be {@code FILE_CHANGED}.
 */
final class ChunkReader {
    private static final Logger log = LoggerFactory.getLogger(ChunkReader.class);

    /** Room for the header, then the chunk; grown to the largest chunk this stream served. */
    private byte[] buffer = new byte[0];

    /**
     * Reads chunk {@code index} of {@code file} of {@code share} into {@link #buffer()} from
     * {@link ShareWire#CHUNK_HEADER_ROOM} on, returning its length.
     *
     * @throws RemoteShareException {@code FILE_CHANGED} (and asks the share to rescan) if the file
     *     is no longer the indexed one, {@code BAD_PATH} if it leads out of the share,
     *     {@code UNAVAILABLE} if it cannot be read
     */
    int read(ServedShare share, IndexedFile file, long index) throws IOException {
        return read(share, file, () -> share.readable(file.path()), index);
    }

    /** Where the file is: asked of the share just before the open; a test may ask earlier. */
    interface Where {
        ServedShare.FileToRead ask() throws IOException;
    }

    int read(ServedShare share, IndexedFile file, Where where, long index) throws IOException {
        int chunkSize = file.hash().chunkSize();
        long offset = index * chunkSize;
        int length = (int) Math.min(chunkSize, file.size() - offset);
        ensureRoom(length);
        try {
            return read(share, file, where.ask(), offset, length);
        } catch (NoSuchFileException e) {
            throw changed(share, file);
        } catch (NotBeneathException e) {
            log.warn("Share {}: refused to read {}: {}", share.name(), file.path(), e.getMessage());
            throw IndexedShare.leadsOut(share.name(), file.path());
        } catch (RemoteShareException e) {
            throw e;
        } catch (IOException e) {
            throw new RemoteShareException(
                    Error.Code.UNAVAILABLE,
                    "This node could not read '" + SharePath.printable(file.path()) + "' in share '" + share.name()
                            + "': " + IoReason.of(e) + ".");
        }
    }

    private int read(ServedShare share, IndexedFile file, ServedShare.FileToRead at, long offset, int length)
            throws IOException {
        Path real = at.real();
        try (PositionalFile in =
                PositionalFile.openBeneath(at.root(), real, PositionalFile.directAllowedUnder(real.getParent()))) {
            checkUnchanged(share, file, real, in);
            int n = in.readFully(offset, buffer, ShareWire.CHUNK_HEADER_ROOM, length);
            checkUnchanged(share, file, real, in);
            if (n < length) {
                throw changed(share, file);
            }
        }
        return length;
    }

    /** The buffer of the last read: header room, then the chunk. */
    byte[] buffer() {
        return buffer;
    }

    private void ensureRoom(int length) {
        if (buffer.length < ShareWire.CHUNK_HEADER_ROOM + length) {
            buffer = new byte[ShareWire.CHUNK_HEADER_ROOM + length];
        }
    }

    private static void checkUnchanged(ServedShare share, IndexedFile file, Path real, PositionalFile in)
            throws IOException {
        BasicFileAttributes now = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!now.isRegularFile()
                || in.size() != file.size()
                || now.size() != file.size()
                || now.lastModifiedTime().toMillis() != file.mtimeMillis()) {
            throw changed(share, file);
        }
    }

    private static RemoteShareException changed(ServedShare share, IndexedFile file) {
        share.changed(file.path());
        return new RemoteShareException(
                Error.Code.FILE_CHANGED,
                "The file '" + SharePath.printable(file.path()) + "' in share '" + share.name()
                        + "' changed since it was indexed; ask for its file info again.");
    }
}
