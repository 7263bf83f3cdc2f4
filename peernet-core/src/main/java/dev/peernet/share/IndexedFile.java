package dev.peernet.share;

/**
 * One file in a share's index.
 *
 * @param path the path relative to the share root, with {@code /} between names
 * @param size its size in bytes when it was hashed
 * @param mtimeMillis its modification time when it was hashed, in milliseconds since the epoch
 * @param hash its content hash and chunk hashes
 */
public record IndexedFile(String path, long size, long mtimeMillis, ContentHash hash) {
    /** Whether the file on disk still looks like this one (same size and mtime), so need not be re-hashed. */
    boolean unchanged(long sizeNow, long mtimeNow) {
        return size == sizeNow && mtimeMillis == mtimeNow;
    }
}
