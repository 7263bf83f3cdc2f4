package dev.peernet.transfer;

import static dev.peernet.transfer.TransferTestSupport.awaitFinal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SmallFilesTest {
    private static final int FILES = 5000;
    private static final int SIZE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void fiveThousandSmallFilesAllArriveIntact() throws Exception {
        Path shared = dir.resolve("a");
        for (int i = 0; i < FILES; i++) {
            TestFiles.write(shared.resolve("tree/d" + (i % 10) + "/f" + i), SIZE, i);
        }
        FakeChunkNetwork network = new FakeChunkNetwork();
        FakeMember alpha = network.member(1, "music", shared);
        Location tree = new Location(alpha.id(), "music", "tree");
        network.describeTree(tree); // the fake hashes every file once, before the clock runs
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        try (Transfers transfers = Transfers.open(dir.resolve("transfers.db"), network, TransferOptions.defaults())) {
            long start = System.nanoTime();
            TransferStatus done =
                    awaitFinal(transfers, transfers.fetch(tree, downloads).id());
            double seconds = (System.nanoTime() - start) / 1e9;

            // No bound on the time: it is the disk's fsync latency more than ours (5-15 s on this
            // machine's disk, 2.5 s on tmpfs). The files/s figure is the share benchmark's case 2.
            System.out.printf(
                    "%d files of %d KiB: %.2f s, %.0f files/s%n", FILES, SIZE / 1024, seconds, FILES / seconds);
            assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
            assertThat(done.filesDone()).isEqualTo(FILES);
        }
        for (int i = 0; i < FILES; i += 97) {
            String name = "tree/d" + (i % 10) + "/f" + i;
            assertThat(Arrays.equals(
                            Files.readAllBytes(downloads.resolve(name)), Files.readAllBytes(shared.resolve(name))))
                    .as(name)
                    .isTrue();
        }
        try (var all = Files.walk(downloads)) {
            assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(FILES);
        }
    }
}
