package dev.peernet.share;

import java.util.Optional;

/**
 * A file or directory in another member's share.
 *
 * @param path relative to the listed directory, with {@code /} between names (checked by {@link SharePath})
 * @param directory whether it is a directory
 * @param size a file's size, or a directory's total of the files below it
 * @param mtimeMillis a file's modification time, or the newest below a directory
 * @param fileHash a file's content hash; empty for a directory
 */
public record RemoteEntry(
        String path,
        boolean directory,
        long size,
        long mtimeMillis,
        @SuppressWarnings("ArrayRecordComponent") Optional<byte[]> fileHash) {}
