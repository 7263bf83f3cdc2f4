package dev.peernet.bench.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The bytes the benchmark moves: files of pseudo-random bytes from a seed (incompressible, and
 * different for every seed, so no system can reuse what it received in an earlier run), and checks
 * that what arrived is byte for byte what was sent.
 */
final class Payload {
    private static final int BUFFER = 1 << 20;

    private Payload() {}

    /** Writes {@code size} bytes from {@code seed} to {@code file}, replacing it. */
    static void writeFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                buffer.clear();
                while (buffer.remaining() >= Long.BYTES) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip();
                buffer.limit((int) Math.min(buffer.limit(), left));
                left -= buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
    }

    /** Writes {@code count} files of {@code size} bytes each, named {@code f00000.bin} on, into {@code dir}. */
    static void writeFiles(Path dir, int count, long size, long seed) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            writeFile(dir.resolve(String.format(Locale.ROOT, "f%05d.bin", i)), size, seed * 1_000_003L + i);
        }
    }

    /**
     * Why {@code received} is not a copy of {@code sent} (a file, or a folder with every regular file
     * in it, compared by relative path), or empty if it is.
     */
    static Optional<String> difference(Path sent, Path received) throws IOException {
        if (!Files.exists(received)) {
            return Optional.of(received + " does not exist");
        }
        if (Files.isRegularFile(sent)) {
            return compareFiles(sent, received, sent.getFileName().toString());
        }
        List<String> want = relativeFiles(sent);
        List<String> got = relativeFiles(received);
        if (!want.equals(got)) {
            List<String> missing = new ArrayList<>(want);
            missing.removeAll(got);
            List<String> extra = new ArrayList<>(got);
            extra.removeAll(want);
            return Optional.of(received + " holds " + got.size() + " files instead of " + want.size() + " (missing "
                    + first(missing) + ", extra " + first(extra) + ")");
        }
        for (String file : want) {
            Optional<String> d = compareFiles(sent.resolve(file), received.resolve(file), file);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compareFiles(Path a, Path b, String name) throws IOException {
        if (!Files.isRegularFile(b)) {
            return Optional.of(b + " is not a file");
        }
        long at = Files.mismatch(a, b);
        return at < 0
                ? Optional.empty()
                : Optional.of(name + " differs from the byte at offset " + at + " (sizes " + Files.size(a) + " and "
                        + Files.size(b) + ")");
    }

    /** Regular files under {@code dir}, relative, with '/', sorted; names starting with '.' are left out. */
    static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> Stream.of(p.split("/")).noneMatch(part -> part.startsWith(".")))
                    .sorted()
                    .toList();
        }
    }

    private static String first(List<String> names) {
        return names.isEmpty()
                ? "none"
                : names.getFirst() + (names.size() > 1 ? " and " + (names.size() - 1) + " more" : "");
    }

    /** Deletes {@code path} and everything under it, if it exists. */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
