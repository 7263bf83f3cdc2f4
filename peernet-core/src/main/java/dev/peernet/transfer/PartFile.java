package dev.peernet.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
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
    private FileChannel channel;

    PartFile(Path target) {
        this.target = target;
        this.path = pathFor(target);
    }

    /** {@code .NAME.peernet-part} beside {@code target}, or a shortened name when that would be too long. */
    static Path pathFor(Path target) {
        String name = target.getFileName().toString();
        String part = "." + name + SUFFIX;
        if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            part = ".peernet-" + Integer.toHexString(name.hashCode()) + "-" + name.length() + SUFFIX;
        }
        return target.resolveSibling(part);
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
        FileChannel out = open();
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
        long at = offset;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
    }

    /** Reads {@code length} bytes at {@code offset} into {@code into}; fewer if the file ends first. */
    int read(long offset, byte[] into, int length) throws IOException {
        FileChannel in = open();
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        long at = offset;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        return buffer.position();
    }

    /** Makes what was written durable (no-op if nothing was opened). */
    synchronized void force() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.force(false);
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
        FileChannel out = open();
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
        if (channel != null) {
            channel.close();
            channel = null;
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

    private synchronized FileChannel open() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Files.createDirectories(path.getParent());
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
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
