package dev.peernet.share;

import dev.peernet.share.proto.FileInfo;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks a member's file info before a transfer trusts it: the chunk size is the one ADR 0010's
 * rule gives the size, there is one chunk hash per chunk, and they hash to the file hash.
 */
final class RemoteFiles {
    private RemoteFiles() {}

    /** The checked file; {@code lie} makes the exception for a member that sent an inconsistent one. */
    static RemoteFile check(Location location, FileInfo info, Function<String, IOException> lie) throws IOException {
        String where = "'" + SharePath.printable(location.path()) + "'";
        if (!info.getPath().equals(location.path())) {
            throw lie.apply("answered for '" + SharePath.printable(info.getPath()) + "' when asked for " + where);
        }
        long size = info.getSize();
        if (size < 0) {
            throw lie.apply("gave " + where + " a size beyond 2^63 bytes");
        }
        int chunkSize = info.getChunkSize();
        if (chunkSize != ChunkSize.forFileSize(size)) {
            throw lie.apply("gave " + where + " (" + size + " bytes) chunks of " + Integer.toUnsignedString(chunkSize)
                    + " bytes where the rule gives " + ChunkSize.forFileSize(size));
        }
        byte[] chunkHashes = info.getChunkHashes().toByteArray();
        long chunks = ChunkSize.chunks(size, chunkSize);
        if (chunkHashes.length != chunks * ContentHash.HASH_BYTES) {
            throw lie.apply("gave " + where + " " + chunkHashes.length + " bytes of chunk hashes where its " + chunks
                    + " chunks need " + chunks * ContentHash.HASH_BYTES);
        }
        ContentHash hash = ContentHash.fromChunkHashes(chunkSize, chunkHashes);
        if (!Arrays.equals(hash.fileHash(), info.getFileHash().toByteArray())) {
            throw lie.apply("gave " + where + " chunk hashes that do not hash to its file hash");
        }
        return new RemoteFile(location, size, info.getMtimeMs(), hash);
    }
}
