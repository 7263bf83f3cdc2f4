package dev.peernet.transfer;

import static dev.peernet.transfer.TransferTestSupport.awaitFinal;
import static dev.peernet.transfer.TransferTestSupport.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SourceFaultTest {
    private static final int CHUNK = 256 * 1024;

    @TempDir
    Path dir;

    private final FakeChunkNetwork network = new FakeChunkNetwork();
    private final ManualScheduler scheduler = new ManualScheduler();
    private Transfers transfers;
    private byte[] data;
    private FakeMember alpha;
    private FakeMember beta;
    private Path dest;

    @BeforeEach
    void open() throws Exception {
        transfers = Transfers.open(
                dir.resolve("transfers.db"), network, TransferOptions.defaults().withScheduler(scheduler));
        dest = dir.resolve("got.bin");
    }

    @AfterEach
    void close() {
        transfers.close();
    }

    private void twoHolders(int size) throws Exception {
        data = TestFiles.bytes(size, 1);
        alpha = network.member(
                1, "music", TestFiles.write(dir.resolve("a/song.bin"), data).getParent());
        beta = network.member(
                2, "backup", TestFiles.write(dir.resolve("b/copy.bin"), data).getParent());
    }

    private String fetch() throws Exception {
        return transfers
                .fetch(new Location(alpha.id(), "music", "song.bin"), dest)
                .id();
    }

    @Test
    void aSourceServingBadBytesIsDroppedNamedInTheReportAndTheFileIsStillRight() throws Exception {
        twoHolders(8 * CHUNK);
        alpha.rateCap(8 * CHUNK);
        beta.corrupt(i -> true);

        TransferStatus done = awaitFinal(transfers, fetch());

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(beta.served()).isNotEmpty();
        SourceStatus bad = done.sources().stream()
                .filter(s -> s.peer().equals(beta.id()))
                .findFirst()
                .orElseThrow();
        assertThat(bad.state()).isEqualTo(SourceStatus.State.DROPPED);
        assertThat(bad.bytes()).isZero();
        assertThat(bad.reason().orElseThrow()).startsWith("Served bad data: chunk ");
        assertThat(done.errors()).singleElement().satisfies(e -> {
            assertThat(e.source()).contains(beta.id());
            assertThat(e.file()).isEqualTo("music/song.bin");
            assertThat(e.message())
                    .matches("The member served bad data \\(chunk \\d+ did not match its hash\\)"
                            + " and was dropped from this transfer\\.");
        });
    }

    @Test
    void aSourceLeavingMidwayHandsItsChunksToTheOthers() throws Exception {
        twoHolders(12 * CHUNK);
        alpha.rateCap(8 * CHUNK).leaveAfter(3);
        beta.rateCap(8 * CHUNK);

        TransferStatus done = awaitFinal(transfers, fetch());

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(alpha.served()).hasSize(3);
        assertThat(done.sources()).anySatisfy(s -> {
            assertThat(s.peer()).isEqualTo(alpha.id());
            assertThat(s.state()).isEqualTo(SourceStatus.State.DROPPED);
            assertThat(s.reason().orElseThrow()).startsWith("It left: ");
        });
        assertThat(done.sources().stream().mapToLong(SourceStatus::bytes).sum()).isEqualTo(data.length);
    }

    @Test
    void withNoSourceLeftItWaitsWithBackoffAndGoesOnWhenAHolderComesOnline() throws Exception {
        twoHolders(8 * CHUNK);
        beta.online(false);
        alpha.leaveAfter(3);

        String id = fetch();
        TransferStatus waiting =
                awaitStatus(transfers, id, s -> s.state() == TransferState.WAITING && scheduler.pending() == 1);
        assertThat(waiting.message()).contains("No member holding music/song.bin is online; trying again in 1 s.");
        assertThat(waiting.bytesDone()).isEqualTo(3L * CHUNK);
        scheduler.runAll();
        awaitStatus(transfers, id, s -> s.state() == TransferState.WAITING && scheduler.pending() == 1);
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        beta.online(true);
        scheduler.runAll();
        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(beta.served()).extracting(FakeMember.Served::index).doesNotContain(0, 1, 2);
    }

    @Test
    void aWaitingTransferCanBeCancelled() throws Exception {
        twoHolders(4 * CHUNK);
        beta.online(false);
        alpha.leaveAfter(1);
        String id = fetch();
        awaitStatus(transfers, id, s -> s.state() == TransferState.WAITING);

        assertThat(transfers.cancel(id)).isTrue();

        TransferStatus cancelled = TransferTestSupport.status(transfers, id);
        assertThat(cancelled.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(cancelled.message()).isEmpty();
        assertThat(dest).doesNotExist();
    }

    @Test
    void aSourceThatLeftIsUsedAgainWhenItReturns() throws Exception {
        twoHolders(8 * CHUNK);
        beta.online(false);
        alpha.leaveAfter(2);

        String id = fetch();
        awaitStatus(transfers, id, s -> s.state() == TransferState.WAITING && scheduler.pending() == 1);
        alpha.online(true);
        scheduler.runAll();

        assertThat(awaitFinal(transfers, id).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(alpha.served()).hasSize(8);
    }

    @Test
    void aFileThatChangesAtItsSourceIsFetchedAgainWithItsNewContent() throws Exception {
        twoHolders(16 * CHUNK);
        beta.online(false);
        alpha.hold(4);
        String id = fetch();
        await().atMost(TransferTestSupport.PATIENCE).until(() -> alpha.served().size() == 4);

        byte[] changed = Arrays.copyOf(data, 10 * CHUNK + 123); // the first two chunks stay the same
        System.arraycopy(TestFiles.bytes(8 * CHUNK + 123, 2), 0, changed, 2 * CHUNK, 8 * CHUNK + 123);
        Path source = dir.resolve("a/song.bin");
        Files.write(source, changed);
        FileTime later = FileTime.from(TestFiles.MTIME.plusSeconds(60));
        Files.setLastModifiedTime(source, later);
        alpha.release(-1);
        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(changed);
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(later);
        assertThat(done.bytesTotal()).isEqualTo(changed.length);
        assertThat(done.errors())
                .extracting(TransferError::message)
                .containsExactly("It changed while being fetched; its new content is fetched instead.");
        List<Integer> servedAfter = alpha.served().subList(4, alpha.served().size()).stream()
                .map(FakeMember.Served::index)
                .toList();
        assertThat(servedAfter).doesNotContain(0, 1).contains(2, 3, 10);
    }

    @Test
    void aFileWholeFromAnotherSourceIsAskedOnceAndStaysAsItIsWhenItsFirstSourceLaterSaysItChanged() throws Exception {
        twoHolders(4 * CHUNK);
        byte[] other = TestFiles.bytes(4 * CHUNK, 3);
        TestFiles.write(dir.resolve("a/zeta.bin"), other); // only alpha has it, asked for after the song
        alpha.hold(0);
        String id = transfers
                .fetch(new Location(alpha.id(), "music", ""), dir.resolve("got"))
                .id();
        Path song = dir.resolve("got/song.bin");
        await().atMost(TransferTestSupport.PATIENCE).until(() -> Files.exists(song));

        Path source = dir.resolve("a/song.bin");
        Files.write(source, TestFiles.bytes(4 * CHUNK, 4));
        Files.setLastModifiedTime(source, FileTime.from(TestFiles.MTIME.plusSeconds(60)));
        alpha.release(-1); // its answers to the song's requests: FILE_CHANGED
        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(done.filesDone()).isEqualTo(2);
        assertThat(Files.readAllBytes(song)).isEqualTo(data);
        assertThat(Files.readAllBytes(dir.resolve("got/zeta.bin"))).isEqualTo(other);
        assertThat(beta.served())
                .as("each chunk of the song once, though two stayed in flight at alpha")
                .doesNotHaveDuplicates();
    }

    @Test
    void aRateLimitedSourceIsAskedAgainAfterTheDelayItGave() throws Exception {
        twoHolders(100_000);
        beta.online(false);
        alpha.rateLimit(1, 250);

        String id = fetch();
        await().atMost(TransferTestSupport.PATIENCE).until(() -> scheduler.pending() == 1);

        assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(250));
        assertThat(TransferTestSupport.status(transfers, id).state()).isEqualTo(TransferState.RUNNING);
        assertThat(dest).doesNotExist();
        scheduler.runAll();
        assertThat(awaitFinal(transfers, id).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void aHolderThatNoLongerHasTheFileIsNamedAndTheOthersServeIt() throws Exception {
        twoHolders(8 * CHUNK);
        alpha.rateCap(8 * CHUNK);
        beta.hold(0);
        String id = fetch();
        await().atMost(TransferTestSupport.PATIENCE)
                .until(() -> TransferTestSupport.status(transfers, id).sources().size() == 2);
        Files.delete(dir.resolve("b/copy.bin"));
        beta.release(-1);

        TransferStatus done = awaitFinal(transfers, id);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(done.errors()).singleElement().satisfies(e -> {
            assertThat(e.source()).contains(beta.id());
            assertThat(e.message()).isEqualTo("There is no file copy.bin.");
        });
    }
}
