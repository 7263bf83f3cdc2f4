package dev.peernet.transfer;

import static dev.peernet.transfer.TransferTestSupport.awaitFinal;
import static dev.peernet.transfer.TransferTestSupport.awaitStatus;
import static dev.peernet.transfer.TransferTestSupport.partFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ResumeTest {
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 16;

    @TempDir
    Path dir;

    private final FakeChunkNetwork network = new FakeChunkNetwork();
    private Transfers transfers;
    private FakeMember alpha;
    private byte[] data;
    private Path dest;

    @BeforeEach
    void open() throws Exception {
        data = TestFiles.bytes(CHUNKS * CHUNK - 1000, 1);
        alpha = network.member(
                1, "music", TestFiles.write(dir.resolve("a/big.bin"), data).getParent());
        dest = dir.resolve("got/big.bin");
        transfers = reopen();
    }

    @AfterEach
    void close() {
        transfers.close();
    }

    private Transfers reopen() throws Exception {
        return Transfers.open(dir.resolve("transfers.db"), network, TransferOptions.defaults());
    }

    private String fetch() throws Exception {
        return transfers
                .fetch(new Location(alpha.id(), "music", "big.bin"), dest)
                .id();
    }

    /** Starts the fetch and waits until {@code chunks} chunks are written, with no more served. */
    private String fetchUntil(int chunks) throws Exception {
        alpha.hold(chunks);
        String id = fetch();
        awaitStatus(transfers, id, s -> s.bytesDone() == (long) chunks * CHUNK);
        return id;
    }

    private Set<Integer> servedIndexes(int from) {
        List<FakeMember.Served> served = alpha.served();
        Set<Integer> out = new HashSet<>();
        served.subList(from, served.size()).forEach(s -> out.add(s.index()));
        return out;
    }

    @Test
    void aTransferKilledMidwayResumesFetchingOnlyTheMissingChunks() throws Exception {
        String id = fetchUntil(5);
        Set<Integer> before = servedIndexes(0);

        transfers.halt(); // nothing written at the end, as with kill -9
        assertThat(dest).doesNotExist();
        assertThat(partFiles(dir)).containsExactly(dir.resolve("got/.big.bin.peernet-part"));
        alpha.release(-1);
        transfers = reopen();
        transfers.resumeAll();
        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        Set<Integer> after = servedIndexes(5);
        assertThat(after).doesNotContainAnyElementsOf(before);
        assertThat(after).hasSize(CHUNKS - 5);
        assertThat(partFiles(dir)).isEmpty();
    }

    @Test
    void aResumedTransferCountsTheChunksItsCheckFoundOnceAndDropsItsCheckingNoteAfterTheCheck() throws Exception {
        String id = fetchUntil(5);
        transfers.halt();
        transfers = reopen(); // alpha still serves nothing more
        transfers.resumeAll();

        TransferStatus checked =
                awaitStatus(transfers, id, s -> s.bytesDone() > 0 && s.message().isEmpty());
        assertThat(checked.bytesDone()).isEqualTo(5L * CHUNK);
        alpha.release(-1);
        TransferStatus done = awaitFinal(transfers, id);
        assertThat(done.bytesDone()).isEqualTo(data.length);
        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
    }

    @Test
    void aChunkDamagedInThePartFileWhileStoppedIsFetchedAgain() throws Exception {
        String id = fetchUntil(4);
        Set<Integer> before = servedIndexes(0);
        transfers.halt();
        int damaged = before.iterator().next();
        try (RandomAccessFile part =
                new RandomAccessFile(dir.resolve("got/.big.bin.peernet-part").toFile(), "rw")) {
            part.seek((long) damaged * CHUNK + 77);
            part.write(part.read() ^ 0xff);
        }

        alpha.release(-1);
        transfers = reopen();
        transfers.resumeAll();
        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        Set<Integer> after = servedIndexes(4);
        assertThat(after).contains(damaged).hasSize(CHUNKS - 3);
    }

    @Test
    void aTransferRunningWhenTheEngineClosesIsListedAndResumedByResumeAll() throws Exception {
        String id = fetchUntil(3);
        transfers.close();

        alpha.release(-1);
        transfers = reopen();
        TransferStatus stopped = transfers.status(id).orElseThrow();
        assertThat(stopped.state()).isEqualTo(TransferState.RUNNING);
        assertThat(stopped.bytesDone()).isEqualTo(3L * CHUNK);
        assertThat(transfers.list()).extracting(TransferStatus::id).containsExactly(id);
        transfers.resumeAll();

        assertThat(awaitFinal(transfers, id).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(servedIndexes(3)).hasSize(CHUNKS - 3);
    }

    @Test
    void aCancelledTransferKeepsItsChunksAndTheSameFetchResumesIt() throws Exception {
        String id = fetchUntil(4);

        assertThat(transfers.cancel(id)).isTrue();
        TransferStatus cancelled = transfers.status(id).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(cancelled.finished()).isPresent();
        assertThat(transfers.cancel(id)).isFalse();
        assertThat(dest).doesNotExist();
        assertThat(partFiles(dir)).hasSize(1);

        alpha.release(-1);
        assertThat(fetch()).isEqualTo(id);
        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(servedIndexes(4)).hasSize(CHUNKS - 4);
    }

    @Test
    void resumeAllLeavesCancelledAndFinishedTransfersAlone() throws Exception {
        String cancelled = fetchUntil(1);
        transfers.cancel(cancelled);
        transfers.close();

        transfers = reopen();
        transfers.resumeAll();

        assertThat(transfers.status(cancelled).orElseThrow().state()).isEqualTo(TransferState.CANCELLED);
        assertThat(alpha.served()).hasSize(1);
    }

    @Test
    void aFileAlreadyWholeAtItsDestinationIsNotFetchedAgain() throws Exception {
        TestFiles.write(dest, data);

        TransferStatus done = awaitFinal(transfers, fetch());

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(done.bytesDone()).isEqualTo(data.length);
        assertThat(alpha.served()).isEmpty();
    }
}
