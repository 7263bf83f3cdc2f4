package dev.peernet.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file read and written at offsets, between the file and a heap array. Through a {@link
 * FileChannel} every byte also goes through a temporary direct buffer that the JDK copies to or
 * from the array; on Linux, on a local file system, {@link #open} returns a file that calls
 * {@code pread} and {@code pwrite} on the array itself instead (ADR 0015).
 */
public interface PositionalFile extends Closeable {
    /** How a file is opened. */
    enum Mode {
        /** Reading only, and not through a symbolic link at the end of the path. */
        READ_NO_FOLLOW,
        /** Reading and writing, created if missing, and not through a symbolic link at the end of the path. */
        READ_WRITE_CREATE
    }

    /**
     * Opens {@code path}. {@code direct} allows the direct file when this platform has it: the
     * caller says so only for a file on a local file system (see {@link #directAllowedUnder}).
     */
    static PositionalFile open(Path path, Mode mode, boolean direct) throws IOException {
        if (direct && NativeFile.AVAILABLE) {
            return NativeFile.open(path, mode);
        }
        return new ChannelFile(FileChannel.open(path, options(mode)));
    }

    /**
     * Opens {@code real} for reading, a path below {@code root} that had no symbolic link in it when
     * the caller checked it ({@link Path#toRealPath}), such that the open fails rather than follow
     * a link or leave {@code root} if one was swapped in since. On Linux 5.6 and later the kernel
     * promises it ({@code openat2} with {@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS}); a file that
     * is not to be read directly is then opened again through its descriptor in {@code /proc}.
     * Elsewhere {@code real} is opened without following a link at its end, which leaves the
     * moment between the caller's check and this open.
     *
     * @throws NotBeneathException if {@code real} now goes through a link or out of {@code root}
     */
    static PositionalFile openBeneath(Path root, Path real, boolean direct) throws IOException {
        int fd = NativeFile.AVAILABLE ? NativeFile.openBeneath(root, real) : -1;
        if (fd < 0) {
            return open(real, Mode.READ_NO_FOLLOW, direct);
        }
        if (direct) {
            return NativeFile.ofDescriptor(real, fd);
        }
        try {
            return new ChannelFile(FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ));
        } catch (NoSuchFileException e) { // no /proc here (some sandboxes): the open by path, as elsewhere
            return open(real, Mode.READ_NO_FOLLOW, false);
        } finally {
            NativeFile.closeDescriptor(fd);
        }
    }

    /**
     * Whether files under {@code dir} may be read and written directly: on a local file system
     * only, since a direct call holds off the collector while it blocks (ADR 0015), and a network
     * file system may block for as long as the server is gone.
     */
    static boolean directAllowedUnder(Path dir) {
        return NativeFile.AVAILABLE && NativeFile.isLocal(dir);
    }

    private static OpenOption[] options(Mode mode) {
        List<OpenOption> o = new ArrayList<>();
        switch (mode) {
            case READ_NO_FOLLOW -> {
                o.add(StandardOpenOption.READ);
                o.add(LinkOption.NOFOLLOW_LINKS);
            }
            case READ_WRITE_CREATE -> {
                o.add(StandardOpenOption.CREATE);
                o.add(StandardOpenOption.READ);
                o.add(StandardOpenOption.WRITE);
                o.add(LinkOption.NOFOLLOW_LINKS);
            }
        }
        return o.toArray(OpenOption[]::new);
    }

    /** Reads up to {@code length} bytes at {@code offset} into {@code into}; -1 at the end of the file. */
    int read(long offset, byte[] into, int at, int length) throws IOException;

    /** Writes all {@code length} bytes of {@code from} at {@code offset}. */
    void write(long offset, byte[] from, int at, int length) throws IOException;

    /** The file's size now. */
    long size() throws IOException;

    /** Cuts the file to {@code size} bytes. */
    void truncate(long size) throws IOException;

    /** Makes what was written durable; with {@code metadata}, the file's size and times too. */
    void force(boolean metadata) throws IOException;

    /** Whether the file is still open: a channel closes when a thread using it is interrupted. */
    default boolean isOpen() {
        return true;
    }

    /** Reads until {@code length} bytes are in or the file ends; returns how many were read. */
    default int readFully(long offset, byte[] into, int at, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = read(offset + done, into, at + done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** The portable file: a {@link FileChannel}. */
    final class ChannelFile implements PositionalFile {
        /**
         * The JDK keeps a temporary direct buffer per thread as large as the largest read or write
         * through it: slices of 1 MiB keep that small.
         */
        private static final int SLICE = 1024 * 1024;

        private final FileChannel channel;

        ChannelFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(long offset, byte[] into, int at, int length) throws IOException {
            return channel.read(ByteBuffer.wrap(into, at, Math.min(length, SLICE)), offset);
        }

        @Override
        public void write(long offset, byte[] from, int at, int length) throws IOException {
            for (int done = 0; done < length; ) {
                ByteBuffer slice = ByteBuffer.wrap(from, at + done, Math.min(length - done, SLICE));
                while (slice.hasRemaining()) {
                    done += channel.write(slice, offset + done);
                }
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
        }

        @Override
        public void force(boolean metadata) throws IOException {
            channel.force(metadata);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
