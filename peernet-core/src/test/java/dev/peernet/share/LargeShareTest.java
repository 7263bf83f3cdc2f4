package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * The sizes the issue names: a tree of 100 000 files, watched, and a file over 4 GiB. Both are made
 * cheaply so that they run in every build. They live in memory ({@code /dev/shm}) where there is
 * such a filesystem: no disk I/O to create, read or delete them, and reading a sparse file's holes
 * on ext4 allocates and zeroes page cache, 4 GiB of it, 2–4 times slower than on tmpfs. The tree's
 * files are empty, and all but one per directory are hard links (on the CI machine's ext4 creating
 * a file costs ~200 µs, 20 s for the tree; a link ~5 µs). The big file is sparse, so hashing its
 * 4 GiB of zeros is the only real cost.
 */
@Timeout(120)
class LargeShareTest {
    private static final int TOP = 20;
    private static final int SUB = 100;
    private static final int FILES = 50;
    private static final int DIRECTORIES = 1 + TOP + TOP * SUB;
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir(factory = InMemory.class)
    Path dir;

    @Test
    void aTreeOfOneHundredThousandFilesIsIndexedWatchedAndRescannedWithoutHashingAgain() throws Exception {
        Path root = tree(Files.createDirectories(dir.resolve("tree")));
        try (Shares shares = Shares.open(dir.resolve("shares.db"), InstantSource.system())) {
            shares.add(root, Optional.empty(), false, true, List.of());
            ScanResult first = shares.rescan("tree").get(100, TimeUnit.SECONDS);
            ScanResult second = shares.rescan("tree").get(100, TimeUnit.SECONDS);

            assertThat(first.hashed()).hasSize(TOP * SUB * FILES);
            assertThat(shares.status("tree").files()).isEqualTo(100_000);
            assertThat(second.hashed()).isEmpty();
            assertThat(second.unchanged()).isEqualTo(100_000);
            assertThat(shares.watcher().watchedDirectories("tree")).isEqualTo(DIRECTORIES);

            Files.delete(root.resolve("t3/s9/f10"));
            await().atMost(BOUND).until(() -> shares.status("tree").files() == 99_999);
            Files.writeString(root.resolve("t7/s42/new.txt"), "new");
            await().atMost(BOUND).until(() -> shares.status("tree").files() == 100_000);

            assertThat(shares.files("tree"))
                    .extracting(IndexedFile::path)
                    .contains("t7/s42/new.txt")
                    .doesNotContain("t3/s9/f10");
        }
    }

    @Test
    void aFileOverFourGibibytesIsIndexedWithItsSizeAndFourMebibyteChunks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("big"));
        long size = (4L << 30) + 1;
        try (RandomAccessFile file =
                new RandomAccessFile(root.resolve("huge.img").toFile(), "rw")) {
            file.setLength(size);
        }
        try (Shares shares = Shares.open(dir.resolve("shares.db"), InstantSource.system())) {
            shares.add(root, Optional.empty(), false, true, List.of());
            shares.rescan("big").get(100, TimeUnit.SECONDS);

            IndexedFile huge = shares.files("big").getFirst();
            assertThat(huge.size()).isEqualTo(size);
            assertThat(huge.hash().chunkSize()).isEqualTo(4 << 20);
            assertThat(huge.hash().chunkCount()).isEqualTo(1025);
            assertThat(shares.status("big").bytes()).isEqualTo(size);
        }
    }

    /** t0…t19/s0…s99/f0…f49: 100 000 empty files in 2 021 directories. */
    private static Path tree(Path root) throws IOException {
        for (int t = 0; t < TOP; t++) {
            for (int s = 0; s < SUB; s++) {
                Path sub = Files.createDirectories(root.resolve("t" + t + "/s" + s));
                Path first = Files.createFile(sub.resolve("f0"));
                for (int f = 1; f < FILES; f++) {
                    Files.createLink(sub.resolve("f" + f), first);
                }
            }
        }
        return root;
    }

    /** A directory in {@code /dev/shm} where that is a writable directory (Linux), else a usual temporary one. */
    static final class InMemory implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path memory = Path.of("/dev/shm");
            return Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "peernet-large-")
                    : Files.createTempDirectory("peernet-large-");
        }
    }
}
