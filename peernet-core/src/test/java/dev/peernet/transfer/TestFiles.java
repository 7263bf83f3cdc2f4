package dev.peernet.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;

/** Files with seeded random content and a fixed mtime, for the transfer tests. */
final class TestFiles {
    static final Instant MTIME = Instant.parse("2025-06-01T12:00:00Z");

    private TestFiles() {}

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code size} random bytes (from {@code seed}) to {@code file}, with mtime {@link #MTIME}. */
    static Path write(Path file, int size, long seed) throws IOException {
        return write(file, bytes(size, seed));
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
        return file;
    }
}
