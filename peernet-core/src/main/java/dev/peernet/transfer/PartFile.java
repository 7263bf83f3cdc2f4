package dev.peernet.transfer;

import dev.peernet.storage.PositionalFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/**
 * The hidden file a fetched file is assembled in, next to its destination ({@code .NAME.peernet-part}),
 * written at chunk offsets from any thread and renamed onto the destination only when complete, so a
 * file under its final name is always whole. Nothing here checks hashes: callers write verified
 * chunks only.
 */
final class PartFile {
    static final String SUFFIX = ".peernet-part";

    /** Linux and macOS allow 255 bytes per name. */
    private static final int MAX_NAME_BYTES = 255;

    private final Path target;
    private final Path path;
    private PositionalFile file;

    PartFile(Path target) {
        this.target = target;
        this.path = pathFor(target);
    }

    /** {@code .NAME.peernet-part} beside {@code target}, or a shortened name when that would be too long. */
    static Path pathFor(Path target) {
        String name = target.getFileName().toString();
        String part = "." + name + SUFFIX;
        if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            // Named by a digest of the whole name: two long names must not share a part file.
            part = ".peernet-" + digest(name) + SUFFIX;
        }
        return target.resolveSibling(part);
    }

    private static String digest(String name) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    long size() throws IOException {
        return Files.size(path);
    }

    /** Writes {@code length} bytes of {@code data} at {@code offset}, creating the file (and its folders) first. */
    void write(long offset, byte[] data, int length) throws IOException {
        open().write(offset, data, 0, length);
    }

    /** Reads {@code length} bytes at {@code offset} into {@code into}; fewer if the file ends first. */
    int read(long offset, byte[] into, int length) throws IOException {
        return open().readFully(offset, into, 0, length);
    }

    /** Makes what was written durable (no-op if nothing was opened). */
    synchronized void force() throws IOException {
        if (file != null) {
            file.force(false);
        }
    }

    /** Cuts the file to {@code size} bytes if it is longer (content that changed and shrank). */
    void truncate(long size) throws IOException {
        if (exists()) {
            open().truncate(size);
        }
    }

    /**
     * Puts the complete file in place: exactly {@code size} bytes, fsynced, its mtime set, then
     * atomically renamed onto the target, replacing any file there. The caller fsyncs the folder.
     */
    void finish(long size, long mtimeMillis) throws IOException {
        PositionalFile out = open();
        if (out.size() > size) {
            out.truncate(size);
        }
        if (out.size() != size) {
            throw new IOException("The part file " + path + " holds " + out.size() + " bytes, not " + size + ".");
        }
        out.force(true);
        close();
        Files.setLastModifiedTime(path, FileTime.fromMillis(mtimeMillis));
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes the file; a later write opens it again. */
    synchronized void close() throws IOException {
        if (file != null) {
            PositionalFile f = file;
            file = null;
            f.close();
        }
    }

    /** Removes the part file, if any. */
    void delete() throws IOException {
        close();
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            // nothing was written yet
        }
    }

    private synchronized PositionalFile open() throws IOException {
        if (file == null || !file.isOpen()) {
            Files.createDirectories(path.getParent());
            file = PositionalFile.open(
                    path, PositionalFile.Mode.READ_WRITE_CREATE, PositionalFile.directAllowedUnder(path.getParent()));
        }
        return file;
    }

    /** Fsyncs a folder, so that the renames in it survive a power loss. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Whether {@code e}, from writing under {@code dir}, means its disk is full. */
    static boolean diskFull(IOException e, Path dir, long needed) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("Disk quota exceeded")) {
            return true;
        }
        try {
            return Files.getFileStore(dir).getUsableSpace() < needed;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
