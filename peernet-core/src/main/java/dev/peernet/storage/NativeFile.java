package dev.peernet.storage;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A file on Linux, read and written with {@code pread} and {@code pwrite} straight on the caller's
 * heap array: a critical downcall (FFM) may take a heap segment, so the JDK's copy through a
 * direct buffer is skipped (ADR 0015). Calls are at most {@link #SLICE} bytes, so that the
 * collector, which waits for a critical call to return, waits at most for one such call.
 */
final class NativeFile implements PositionalFile {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NativeFile.class);
    /** The most one critical call moves: a fraction of a millisecond from the page cache. */
    static final int SLICE = 1024 * 1024;

    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    private static final int SEEK_END = 2;
    private static final int MODE_0666 = 0666; // less the umask, as FileChannel.open creates files

    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EAGAIN = 11;
    private static final int EPERM = 1;
    private static final int EXDEV = 18;
    private static final int ELOOP = 40;
    private static final int ENOSYS = 38;

    /** {@code openat2}'s number, the same on x86-64 and AArch64 (Linux 5.6). */
    private static final long SYS_OPENAT2 = 437;
    /** Refuse a path that leads out of the directory, by {@code ..}, an absolute path or a link. */
    private static final long RESOLVE_BENEATH = 0x08;
    /** Refuse every symbolic link on the way, the last component too; implies no magic links. */
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    /** How often {@code openat2} is asked again when the kernel could not rule out a race (EAGAIN). */
    private static final int BENEATH_TRIES = 3;

    /** Local file systems, where a direct call blocks no longer than the disk takes. */
    private static final Set<String> LOCAL = Set.of(
            "tmpfs", "ramfs", "ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs", "zfs", "bcachefs", "jfs", "overlay");

    /** {@link #isLocal}'s answers by device number: a mount made later has a device of its own. */
    private static final Map<Object, Boolean> LOCAL_BY_DEVICE = new ConcurrentHashMap<>();

    private static final Libc LIBC = Libc.load();

    /** Whether this platform has direct files: Linux on x86-64 or AArch64, with native access. */
    static final boolean AVAILABLE = LIBC != null;

    /**
     * Whether the kernel opens files with {@code openat2}: null until first asked, false before
     * Linux 5.6 or where a system call filter denies it (ENOSYS or EPERM on a plain open of the
     * folder itself).
     */
    private static volatile Boolean beneath = AVAILABLE ? null : Boolean.FALSE;

    /** A descriptor that names a folder for {@code *at} calls only: it needs no read permission (same value on both CPUs). */
    private static final int O_PATH = 010000000;

    private final Path path;
    private final int fd;

    /**
     * Held shared by every call on {@link #fd}, and alone by {@link #close}: a descriptor number is
     * reused by the next open in the process, so a call that ran after the close would read or
     * write whatever file got the number. Closing waits for calls in progress (at most one
     * chunk's), and calls after it are refused.
     */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();

    private volatile boolean closed;

    private NativeFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    static NativeFile open(Path path, Mode mode) throws IOException {
        int flags = O_CLOEXEC
                | switch (mode) {
                    case READ_NO_FOLLOW -> O_RDONLY | LIBC.noFollow;
                    case READ_WRITE_CREATE -> O_RDWR | O_CREAT | LIBC.noFollow;
                };
        return new NativeFile(path, openDescriptor(path, flags));
    }

    private static int openDescriptor(Path path, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(path.toString());
            while (true) {
                int fd = LIBC.open(name, flags, MODE_0666);
                if (fd >= 0) {
                    return fd;
                }
                if (LIBC.errno() != EINTR) {
                    throw LIBC.failure(path, LIBC.errno());
                }
            }
        }
    }

    /**
     * Opens {@code real} for reading through {@code openat2} on a descriptor of {@code root}, so
     * that the kernel refuses it if any part of {@code real} below {@code root} is now a symbolic
     * link or leads out of {@code root}; {@code real} is the result of {@link Path#toRealPath}, so
     * it had no link when the caller checked it.
     *
     * @return the descriptor, or -1 if this kernel has no {@code openat2} (the caller opens
     *     {@code real} as before)
     * @throws NotBeneathException if a link was swapped in, or the path leaves {@code root}
     */
    static int openBeneath(Path root, Path real) throws IOException {
        if (Boolean.FALSE.equals(beneath)) {
            return -1;
        }
        Path relative = root.relativize(real);
        if (relative.isAbsolute()
                || relative.startsWith("..")
                || relative.toString().isEmpty()) {
            throw new NotBeneathException(root, real);
        }
        int dir = openDescriptor(root, O_PATH | O_CLOEXEC); // the root itself is the user's folder, links and all
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(relative.toString());
            MemorySegment how = arena.allocate(ValueLayout.JAVA_LONG, 3); // struct open_how
            how.setAtIndex(ValueLayout.JAVA_LONG, 0, O_RDONLY | O_CLOEXEC | LIBC.noFollow);
            how.setAtIndex(ValueLayout.JAVA_LONG, 1, 0); // mode
            how.setAtIndex(ValueLayout.JAVA_LONG, 2, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS);
            if (beneath == null && !kernelOpensBeneath(dir, arena.allocateFrom("."), how)) {
                return -1;
            }
            for (int tries = 0; ; ) {
                long fd = LIBC.openat2(dir, name, how);
                if (fd >= 0) {
                    return (int) fd;
                }
                int errno = LIBC.errno();
                switch (errno) {
                    case EINTR -> {}
                    case EAGAIN -> {
                        if (++tries == BENEATH_TRIES) {
                            throw LIBC.failure(real, errno);
                        }
                    }
                    case ENOSYS -> {
                        beneath = Boolean.FALSE;
                        return -1;
                    }
                    case EXDEV, ELOOP -> throw new NotBeneathException(root, real);
                    default -> throw LIBC.failure(real, errno);
                }
            }
        } finally {
            var unused = LIBC.close(dir);
        }
    }

    /**
     * Asks once whether {@code openat2} works here, on the folder itself: a system call filter may
     * answer EPERM for every call, where EPERM for one file would be that file's own answer.
     */
    private static boolean kernelOpensBeneath(int dir, MemorySegment dot, MemorySegment how) {
        long fd = LIBC.openat2(dir, dot, how);
        if (fd >= 0) {
            var unused = LIBC.close((int) fd);
            beneath = Boolean.TRUE;
            return true;
        }
        int errno = LIBC.errno();
        if (errno == ENOSYS || errno == EPERM) {
            beneath = Boolean.FALSE;
            log.warn(
                    "This kernel refuses openat2 ({}): shared files are opened by their path, checked just before.",
                    LIBC.reason(errno));
            return false;
        }
        return true; // no answer about openat2 itself (such as EACCES on the folder): the real open says more
    }

    /** A file for a descriptor {@link #openBeneath} opened; it closes the descriptor. */
    static NativeFile ofDescriptor(Path path, int fd) {
        return new NativeFile(path, fd);
    }

    /** Closes a descriptor {@link #openBeneath} opened that is not wrapped in a file. */
    static void closeDescriptor(int fd) {
        var unused = LIBC.close(fd);
    }

    /**
     * Whether {@code dir} (or, if it does not exist yet, its nearest existing parent) is on a local
     * file system. The answer is kept per device: finding a folder's file system reads the mount
     * table (about 90 µs here), and a fetch of 5 000 small files asks for every part file.
     */
    static boolean isLocal(Path dir) {
        try {
            Path existing = dir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return false;
            }
            Object device = Files.getAttribute(existing, "unix:dev");
            Boolean known = LOCAL_BY_DEVICE.get(device);
            if (known != null) {
                return known;
            }
            boolean local = LOCAL.contains(Files.getFileStore(existing).type().toLowerCase(Locale.ROOT));
            LOCAL_BY_DEVICE.put(device, local);
            return local;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public int read(long offset, byte[] into, int at, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(at, length, into.length);
        if (length == 0) {
            return 0;
        }
        Lock held = inUse();
        try {
            return readOpen(offset, into, at, length);
        } finally {
            held.unlock();
        }
    }

    private int readOpen(long offset, byte[] into, int at, int length) throws IOException {
        MemorySegment slice = MemorySegment.ofArray(into).asSlice(at, Math.min(length, SLICE));
        while (true) {
            long n = LIBC.pread(fd, slice, offset);
            if (n > 0) {
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            if (LIBC.errno() != EINTR) {
                throw LIBC.failure(path, LIBC.errno());
            }
        }
    }

    @Override
    public void write(long offset, byte[] from, int at, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(at, length, from.length);
        Lock held = inUse();
        try {
            writeOpen(offset, from, at, length);
        } finally {
            held.unlock();
        }
    }

    private void writeOpen(long offset, byte[] from, int at, int length) throws IOException {
        MemorySegment all = MemorySegment.ofArray(from);
        for (int done = 0; done < length; ) {
            MemorySegment slice = all.asSlice(at + done, Math.min(length - done, SLICE));
            long n = LIBC.pwrite(fd, slice, offset + done);
            if (n > 0) {
                done += (int) n;
            } else if (n == 0) {
                throw new FileSystemException(path.toString(), null, "the system wrote nothing");
            } else if (LIBC.errno() != EINTR) {
                throw LIBC.failure(path, LIBC.errno());
            }
        }
    }

    @Override
    public long size() throws IOException {
        Lock held = inUse();
        try {
            long end = LIBC.lseek(fd, 0, SEEK_END);
            if (end < 0) {
                throw LIBC.failure(path, LIBC.errno());
            }
            return end;
        } finally {
            held.unlock();
        }
    }

    @Override
    public void truncate(long size) throws IOException {
        Lock held = inUse();
        try {
            if (LIBC.ftruncate(fd, size) != 0) {
                throw LIBC.failure(path, LIBC.errno());
            }
        } finally {
            held.unlock();
        }
    }

    @Override
    public void force(boolean metadata) throws IOException {
        Lock held = inUse();
        try {
            if ((metadata ? LIBC.fsync(fd) : LIBC.fdatasync(fd)) != 0) {
                throw LIBC.failure(path, LIBC.errno());
            }
        } finally {
            held.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** The shared hold on {@link #fd} for one call; refused, as a closed channel is, once closed. */
    private Lock inUse() throws ClosedChannelException {
        Lock shared = use.readLock();
        shared.lock();
        if (closed) {
            shared.unlock();
            throw new ClosedChannelException();
        }
        return shared;
    }

    @Override
    public void close() throws IOException {
        use.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                if (LIBC.close(fd) != 0 && LIBC.errno() != EINTR) {
                    throw LIBC.failure(path, LIBC.errno());
                }
            }
        } finally {
            use.writeLock().unlock();
        }
    }

    /** The C library's calls, with {@code errno} captured per thread right after each. */
    @SuppressWarnings("restricted") // native access is enabled, or load() returns null
    private static final class Libc {
        private final MethodHandle open;
        private final MethodHandle pread;
        private final MethodHandle pwrite;
        private final MethodHandle lseek;
        private final MethodHandle ftruncate;
        private final MethodHandle fsync;
        private final MethodHandle fdatasync;
        private final MethodHandle close;
        private final MethodHandle strerror;
        private final MethodHandle syscall;
        private final VarHandle errnoHandle;
        private final ThreadLocal<MemorySegment> callState;
        private final int noFollow;

        private Libc(Linker linker, SymbolLookup lookup, int noFollow) {
            StructLayout stateLayout = Linker.Option.captureStateLayout();
            this.errnoHandle = stateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            this.callState = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(stateLayout));
            Linker.Option errno = Linker.Option.captureCallState("errno");
            Linker.Option critical = Linker.Option.critical(true);
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            ValueLayout a = ValueLayout.ADDRESS;
            this.open = linker.downcallHandle(
                    lookup.findOrThrow("open"),
                    FunctionDescriptor.of(i, a, i, i),
                    errno,
                    Linker.Option.firstVariadicArg(2));
            this.pread = linker.downcallHandle(
                    lookup.findOrThrow("pread"), FunctionDescriptor.of(l, i, a, l, l), errno, critical);
            this.pwrite = linker.downcallHandle(
                    lookup.findOrThrow("pwrite"), FunctionDescriptor.of(l, i, a, l, l), errno, critical);
            this.lseek = linker.downcallHandle(lookup.findOrThrow("lseek"), FunctionDescriptor.of(l, i, l, i), errno);
            this.ftruncate =
                    linker.downcallHandle(lookup.findOrThrow("ftruncate"), FunctionDescriptor.of(i, i, l), errno);
            this.fsync = linker.downcallHandle(lookup.findOrThrow("fsync"), FunctionDescriptor.of(i, i), errno);
            this.fdatasync = linker.downcallHandle(lookup.findOrThrow("fdatasync"), FunctionDescriptor.of(i, i), errno);
            this.close = linker.downcallHandle(lookup.findOrThrow("close"), FunctionDescriptor.of(i, i), errno);
            this.strerror = linker.downcallHandle(lookup.findOrThrow("strerror"), FunctionDescriptor.of(a, i));
            // glibc has no openat2(): syscall(SYS_openat2, dirfd, path, &how, sizeof how)
            this.syscall = linker.downcallHandle(
                    lookup.findOrThrow("syscall"),
                    FunctionDescriptor.of(l, l, l, a, a, l), // each variadic argument a long, as glibc reads it
                    errno,
                    Linker.Option.firstVariadicArg(1));
            this.noFollow = noFollow;
        }

        /** The calls, or null where they are not to be had: another OS or CPU, or no native access. */
        static Libc load() {
            if (!System.getProperty("os.name", "").equals("Linux")
                    || !NativeFile.class.getModule().isNativeAccessEnabled()) {
                return null;
            }
            // O_NOFOLLOW is the one flag used here whose value differs between the two
            int noFollow = switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> 0400000;
                case "aarch64" -> 0100000;
                default -> -1;
            };
            if (noFollow < 0) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                return new Libc(linker, linker.defaultLookup(), noFollow);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private MemorySegment state() {
            return callState.get();
        }

        int errno() {
            return (int) errnoHandle.get(state(), 0L);
        }

        int open(MemorySegment name, int flags, int mode) {
            try {
                return (int) open.invokeExact(state(), name, flags, mode);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long openat2(int dir, MemorySegment name, MemorySegment how) {
            try {
                return (long) syscall.invokeExact(state(), SYS_OPENAT2, (long) dir, name, how, how.byteSize());
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long pread(int fd, MemorySegment into, long offset) {
            try {
                return (long) pread.invokeExact(state(), fd, into, into.byteSize(), offset);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long pwrite(int fd, MemorySegment from, long offset) {
            try {
                return (long) pwrite.invokeExact(state(), fd, from, from.byteSize(), offset);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long lseek(int fd, long offset, int whence) {
            try {
                return (long) lseek.invokeExact(state(), fd, offset, whence);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int ftruncate(int fd, long size) {
            return intCall(ftruncate, fd, size);
        }

        int fsync(int fd) {
            return intCall(fsync, fd);
        }

        int fdatasync(int fd) {
            return intCall(fdatasync, fd);
        }

        int close(int fd) {
            return intCall(close, fd);
        }

        private int intCall(MethodHandle h, int fd) {
            try {
                return (int) h.invokeExact(state(), fd);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private int intCall(MethodHandle h, int fd, long arg) {
            try {
                return (int) h.invokeExact(state(), fd, arg);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** The exception the JDK would throw for {@code errno}, with the C library's words for it. */
        IOException failure(Path path, int errno) {
            String reason = reason(errno);
            return switch (errno) {
                case ENOENT -> new NoSuchFileException(path.toString(), null, reason);
                case EACCES -> new AccessDeniedException(path.toString(), null, reason);
                default -> new FileSystemException(path.toString(), null, reason);
            };
        }

        String reason(int errno) {
            try {
                MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
                return text.reinterpret(1024).getString(0);
            } catch (Throwable t) {
                return "error " + errno;
            }
        }

        private static RuntimeException rethrow(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }
}
