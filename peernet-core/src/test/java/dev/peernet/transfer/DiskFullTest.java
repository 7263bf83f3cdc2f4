package dev.peernet.transfer;

import static dev.peernet.transfer.TransferTestSupport.awaitFinal;
import static dev.peernet.transfer.TransferTestSupport.awaitStatus;
import static dev.peernet.transfer.TransferTestSupport.partFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peernet.storage.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real full disk: a 4 MiB tmpfs mounted for the test (root only; skipped otherwise). */
@Timeout(60)
class DiskFullTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        assumeTrue(Tmpfs.canMount(), "skipped: mounting a tmpfs needs root");
        disk = Files.createDirectories(dir.resolve("disk"));
        Tmpfs.mount(disk, "4m");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Tmpfs.unmount(disk);
        }
    }

    @Test
    void aFullDiskPausesTheTransferWithNoPartialFileInViewAndItGoesOnOnceSpaceIsFreed() throws Exception {
        byte[] data = TestFiles.bytes(3 * MIB, 1);
        FakeChunkNetwork network = new FakeChunkNetwork();
        FakeMember alpha = network.member(
                1, "music", TestFiles.write(dir.resolve("a/big.bin"), data).getParent());
        Path filler = TestFiles.write(disk.resolve("filler"), 2 * MIB, 2);
        Path dest = disk.resolve("big.bin");
        ManualScheduler scheduler = new ManualScheduler();

        try (Transfers transfers = Transfers.open(
                dir.resolve("transfers.db"), network, TransferOptions.defaults().withScheduler(scheduler))) {
            String id = transfers
                    .fetch(new Location(alpha.id(), "music", "big.bin"), dest)
                    .id();
            TransferStatus paused =
                    awaitStatus(transfers, id, s -> s.state() == TransferState.PAUSED && scheduler.pending() == 1);

            assertThat(paused.message().orElseThrow())
                    .startsWith("The disk holding " + dest + " is full: ")
                    .endsWith(" more are needed; the transfer goes on by itself once space is freed.");
            assertThat(dest).doesNotExist();
            assertThat(partFiles(disk)).containsExactly(disk.resolve(".big.bin.peernet-part"));
            scheduler.runAll(); // still full: it pauses again
            awaitStatus(transfers, id, s -> s.state() == TransferState.PAUSED && scheduler.pending() == 1);
            assertThat(dest).doesNotExist();

            Files.delete(filler);
            scheduler.runAll();
            TransferStatus done = awaitFinal(transfers, id);

            assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
            assertThat(Files.readAllBytes(dest)).isEqualTo(data);
            assertThat(partFiles(disk)).isEmpty();
            assertThat(scheduler.delays())
                    .hasSize(2)
                    .allMatch(d -> d.equals(TransferOptions.defaults().diskRetry()));
        }
    }

    @Test
    void aFileFetchedWhileTheDiskUnderTheNodesStateIsFullIsCompleteAndSaidSoAndItsEndIsSavedOnceSpaceIsFreed()
            throws Exception {
        byte[] data = TestFiles.bytes(MIB, 3);
        FakeChunkNetwork network = new FakeChunkNetwork();
        FakeMember alpha = network.member(
                1, "music", TestFiles.write(dir.resolve("a/song.bin"), data).getParent());
        Path dest = dir.resolve("got/song.bin");
        Path state = disk.resolve("transfers.db");
        String id;
        Path filler;
        try (Transfers transfers = Transfers.open(state, network, TransferOptions.defaults())) {
            alpha.hold(0);
            id = transfers
                    .fetch(new Location(alpha.id(), "music", "song.bin"), dest)
                    .id();
            filler = fill(disk);
            alpha.release(-1);
            TransferStatus done = awaitFinal(transfers, id);

            assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
            assertThat(done.bytesDone()).isEqualTo(data.length);
            assertThat(done.errors())
                    .extracting(TransferError::message)
                    .containsExactly("It is in place, but this node could not record so (the disk holding its state is"
                            + " full), so a restart before the transfer ends would fetch it again.");
            assertThat(Files.readAllBytes(dest)).isEqualTo(data);

            Files.delete(filler);
            assertThat(transfers.list()).extracting(TransferStatus::id).contains(id); // and saves it now
        }
        try (Transfers again = Transfers.open(state, network, TransferOptions.defaults())) {
            assertThat(again.status(id).orElseThrow().state()).isEqualTo(TransferState.COMPLETE);
        }
    }

    /** Fills {@code disk} to its last byte; returns the file that does. */
    private static Path fill(Path disk) throws IOException {
        Path filler = disk.resolve("filler");
        try (var out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 1024; i++) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler; // no space left: as meant
        }
        throw new IllegalStateException("a 4 MiB disk took 64 MiB");
    }
}
