package dev.peernet.share;

/**
 * A file as a listing or search shows it: no chunk hashes.
 *
 * @param path relative to its share, with {@code /} between names
 * @param size its size when it was hashed
 * @param mtimeMillis its modification time then, in milliseconds since the epoch
 * @param fileHash its content hash
 */
public record ServedFile(
        String path,
        long size,
        long mtimeMillis,
        @SuppressWarnings("ArrayRecordComponent") byte[] fileHash) {}
