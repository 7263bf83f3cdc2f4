package dev.peernet.transfer;

import static dev.peernet.transfer.TransferTestSupport.awaitFinal;
import static dev.peernet.transfer.TransferTestSupport.partFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.share.RemoteShareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FetchTest {
    @TempDir
    Path dir;

    private final FakeChunkNetwork network = new FakeChunkNetwork();
    private Path shared;
    private FakeMember alpha;
    private Transfers transfers;

    @BeforeEach
    void open() throws Exception {
        shared = Files.createDirectories(dir.resolve("alpha"));
        alpha = network.member(1, "music", shared);
        transfers = Transfers.open(dir.resolve("transfers.db"), network, TransferOptions.defaults());
    }

    @AfterEach
    void close() {
        transfers.close();
    }

    private Location at(String path) {
        return new Location(alpha.id(), "music", path);
    }

    @Test
    void aFileFromOneSourceArrivesWholeWithItsModificationTime() throws Exception {
        byte[] data = TestFiles.bytes(1_000_000, 1);
        TestFiles.write(shared.resolve("song.flac"), data);
        Path dest = dir.resolve("got.flac");

        TransferStatus started = transfers.fetch(at("song.flac"), dest);
        TransferStatus done = awaitFinal(transfers, started.id());

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(done.bytesDone()).isEqualTo(1_000_000).isEqualTo(done.bytesTotal());
        assertThat(done.filesDone()).isEqualTo(1).isEqualTo(done.filesTotal());
        assertThat(done.destination()).isEqualTo(dest);
        assertThat(done.finished()).isPresent();
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(Files.getLastModifiedTime(dest).toInstant()).isEqualTo(TestFiles.MTIME);
        assertThat(partFiles(dir)).isEmpty();
        assertThat(done.sources()).singleElement().satisfies(s -> {
            assertThat(s.peer()).isEqualTo(alpha.id());
            assertThat(s.bytes()).isEqualTo(1_000_000);
            assertThat(s.state()).isEqualTo(SourceStatus.State.ACTIVE);
        });
    }

    @Test
    void aRunningTransferShowsItsRateAndTimeLeft() throws Exception {
        TestFiles.write(shared.resolve("slow.bin"), 16 * 256 * 1024, 15);
        alpha.rateCap(2L << 20);

        String id = transfers.fetch(at("slow.bin"), dir.resolve("slow.bin")).id();
        TransferStatus running = TransferTestSupport.awaitStatus(
                transfers, id, s -> s.bytesDone() >= 1 << 20 || s.state().isFinal());

        assertThat(running.state()).isEqualTo(TransferState.RUNNING);
        assertThat(running.bytesPerSecond()).isBetween(1L << 19, 4L << 20);
        assertThat(running.eta())
                .hasValueSatisfying(eta ->
                        assertThat(eta).isBetween(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(10)));
        assertThat(awaitFinal(transfers, id).eta()).isEmpty();
    }

    @Test
    void aFileFetchedIntoAnExistingDirectoryKeepsItsName() throws Exception {
        TestFiles.write(shared.resolve("albums/song.flac"), 300_000, 2);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        TransferStatus done = awaitFinal(
                transfers, transfers.fetch(at("albums/song.flac"), downloads).id());

        assertThat(done.destination()).isEqualTo(downloads.resolve("song.flac"));
        assertThat(Files.readAllBytes(downloads.resolve("song.flac")))
                .isEqualTo(Files.readAllBytes(shared.resolve("albums/song.flac")));
    }

    @Test
    void aDirectoryFetchedIntoAnExistingDirectoryKeepsItsNameAndItsTree() throws Exception {
        TestFiles.write(shared.resolve("photos/a.jpg"), 700_000, 3);
        TestFiles.write(shared.resolve("photos/2024/b.jpg"), 20_000, 4);
        TestFiles.write(shared.resolve("photos/empty.txt"), 0, 5);
        TestFiles.write(shared.resolve("elsewhere.txt"), 10, 6);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        TransferStatus done =
                awaitFinal(transfers, transfers.fetch(at("photos"), downloads).id());

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(done.filesTotal()).isEqualTo(3);
        assertThat(done.destination()).isEqualTo(downloads.resolve("photos"));
        assertSameTree(shared.resolve("photos"), downloads.resolve("photos"));
        assertThat(downloads.resolve("elsewhere.txt")).doesNotExist();
    }

    @Test
    void aDirectoryFetchedToANewPathBecomesThatPath() throws Exception {
        TestFiles.write(shared.resolve("photos/a.jpg"), 70_000, 3);
        Path dest = dir.resolve("new/pictures");

        awaitFinal(transfers, transfers.fetch(at("photos"), dest).id());

        assertSameTree(shared.resolve("photos"), dest);
    }

    @Test
    void aSharesRootIsFetchedUnderTheSharesName() throws Exception {
        TestFiles.write(shared.resolve("one.txt"), 1000, 7);
        TestFiles.write(shared.resolve("sub/two.txt"), 1000, 8);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        awaitFinal(transfers, transfers.fetch(at(""), downloads).id());

        assertSameTree(shared, downloads.resolve("music"));
    }

    @Test
    void anExistingFileIsReplacedOnlyOnceTheNewOneIsWhole() throws Exception {
        TestFiles.write(shared.resolve("big.bin"), 4 * 256 * 1024, 9);
        Path dest = Files.writeString(dir.resolve("big.bin"), "old content");
        alpha.hold(2);

        TransferStatus started = transfers.fetch(at("big.bin"), dest);
        await().atMost(TransferTestSupport.PATIENCE)
                .until(() -> alpha.served().size() == 2 && !partFiles(dir).isEmpty());

        assertThat(Files.readString(dest)).isEqualTo("old content");
        assertThat(partFiles(dir)).containsExactly(dir.resolve(".big.bin.peernet-part"));
        alpha.release(-1);
        assertThat(awaitFinal(transfers, started.id()).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(Files.readAllBytes(shared.resolve("big.bin")));
    }

    @Test
    void filesOfASendKeepTheirPathsUnderTheDestination() throws Exception {
        TestFiles.write(shared.resolve("inbox/x/report.pdf"), 90_000, 10);
        TestFiles.write(shared.resolve("inbox/notes.txt"), 900, 11);
        List<RemoteFile> offered = new ArrayList<>();
        for (String path : List.of("inbox/x/report.pdf", "inbox/notes.txt")) {
            offered.add(network.describe(at(path)));
        }
        Path dest = dir.resolve("received");

        TransferStatus done = awaitFinal(
                transfers, transfers.fetch("offer from alpha", offered, dest).id());

        assertThat(done.label()).isEqualTo("offer from alpha");
        assertThat(done.filesDone()).isEqualTo(2);
        assertThat(Files.readAllBytes(dest.resolve("inbox/x/report.pdf")))
                .isEqualTo(Files.readAllBytes(shared.resolve("inbox/x/report.pdf")));
        assertThat(Files.readAllBytes(dest.resolve("inbox/notes.txt")))
                .isEqualTo(Files.readAllBytes(shared.resolve("inbox/notes.txt")));
    }

    @Test
    void aPathFromAMemberThatWouldLeaveTheDestinationIsRefused() throws Exception {
        TestFiles.write(shared.resolve("evil.txt"), 100, 12);
        RemoteFile real = network.describe(at("evil.txt"));
        RemoteFile escaping = new RemoteFile(at("../../etc/evil.txt"), real.size(), real.mtimeMillis(), real.hash());

        assertThatThrownBy(() -> transfers.fetch("offer", List.of(escaping), dir.resolve("in")))
                .hasMessage("The member named a file '..' that cannot be placed safely (empty, '.', '..' or odd"
                        + " characters); it was refused.");
        assertThat(transfers.list()).isEmpty();
    }

    @Test
    void aDirectoryCannotReplaceAFile() throws Exception {
        TestFiles.write(shared.resolve("photos/a.jpg"), 100, 14);
        Path file = Files.writeString(dir.resolve("taken"), "mine");

        assertThatThrownBy(() -> transfers.fetch(at("photos"), file))
                .hasMessage("There is a file at " + file + "; choose another destination.");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void aMissingFileIsRefusedWithTheMembersSentence() {
        assertThatThrownBy(() -> transfers.fetch(at("nothing.txt"), dir.resolve("x")))
                .isInstanceOf(RemoteShareException.class)
                .hasMessage("There is no file nothing.txt.");
    }

    @Test
    void fetchingTheSameThingAgainWhileItRunsGivesTheSameTransfer() throws Exception {
        TestFiles.write(shared.resolve("big.bin"), 3 * 256 * 1024, 13);
        alpha.hold(1);

        TransferStatus first = transfers.fetch(at("big.bin"), dir.resolve("copy"));
        TransferStatus second = transfers.fetch(at("big.bin"), dir.resolve("copy"));
        TransferStatus elsewhere = transfers.fetch(at("big.bin"), dir.resolve("other"));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(elsewhere.id()).isNotEqualTo(first.id());
        alpha.release(-1);
        awaitFinal(transfers, first.id());
        awaitFinal(transfers, elsewhere.id());
    }

    @Test
    void aSecondFetchIntoAFileAnotherTransferIsStillWritingIsRefusedAndTheFirstArrivesWhole() throws Exception {
        byte[] alphas = TestFiles.bytes(3 * 256 * 1024, 21);
        TestFiles.write(shared.resolve("a.iso"), alphas);
        FakeMember beta = network.member(2, "music", Files.createDirectories(dir.resolve("beta")));
        TestFiles.write(dir.resolve("beta/a.iso"), 3 * 256 * 1024, 22); // the same name, other bytes
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        alpha.hold(1);

        TransferStatus first = transfers.fetch(at("a.iso"), downloads);
        assertThatThrownBy(() -> transfers.fetch(new Location(beta.id(), "music", "a.iso"), downloads))
                .hasMessage("Transfer " + first.id() + " is already fetching into " + downloads.resolve("a.iso")
                        + "; wait for it to end, or choose another destination.");

        alpha.release(-1);
        assertThat(awaitFinal(transfers, first.id()).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(downloads.resolve("a.iso"))).isEqualTo(alphas);
        TransferStatus after = transfers.fetch(new Location(beta.id(), "music", "a.iso"), downloads);
        assertThat(awaitFinal(transfers, after.id()).state())
                .as("once the first is done, the place is free")
                .isEqualTo(TransferState.COMPLETE);
    }

    @Test
    void finishedTransfersFollowRunningOnesAndOnlyTheLatestAreKept() throws Exception {
        transfers.close();
        transfers = Transfers.open(
                dir.resolve("transfers.db"), network, TransferOptions.defaults().withKeepFinished(2));
        List<String> finished = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestFiles.write(shared.resolve("f" + i), 1000, 20 + i);
            finished.add(awaitFinal(
                            transfers,
                            transfers.fetch(at("f" + i), dir.resolve("f" + i)).id())
                    .id());
        }
        TestFiles.write(shared.resolve("held"), 1000, 30);
        alpha.hold(0);
        String running = transfers.fetch(at("held"), dir.resolve("held")).id();

        assertThat(transfers.list())
                .extracting(TransferStatus::id)
                .containsExactly(running, finished.get(2), finished.get(1));
        alpha.release(-1);
        awaitFinal(transfers, running);
    }

    @Test
    void forgettingACancelledTransferLeavesThePartFileOfALaterOneIntoTheSamePlace() throws Exception {
        transfers.close();
        transfers = Transfers.open(
                dir.resolve("transfers.db"), network, TransferOptions.defaults().withKeepFinished(1));
        byte[] film = TestFiles.bytes(3 * 256 * 1024, 31);
        TestFiles.write(shared.resolve("film.bin"), film);
        FakeMember beta = network.member(2, "music", Files.createDirectories(dir.resolve("beta")));
        byte[] cut = TestFiles.bytes(3 * 256 * 1024, 33); // another cut of the film, at another member
        TestFiles.write(dir.resolve("beta/film.bin"), cut);
        Path dest = dir.resolve("film.bin");
        alpha.hold(1);
        String cancelled = transfers.fetch(at("film.bin"), dest).id();
        await().atMost(TransferTestSupport.PATIENCE).until(() -> Files.exists(PartFile.pathFor(dest)));
        transfers.cancel(cancelled);
        awaitFinal(transfers, cancelled);

        beta.hold(1);
        String later = transfers
                .fetch(new Location(beta.id(), "music", "film.bin"), dest)
                .id();
        await().atMost(TransferTestSupport.PATIENCE)
                .until(() -> transfers.status(later).orElseThrow().bytesDone() > 0);
        alpha.release(-1);
        TestFiles.write(shared.resolve("other.bin"), 1000, 32); // a transfer that ends, and prunes
        awaitFinal(
                transfers,
                transfers.fetch(at("other.bin"), dir.resolve("other.bin")).id());

        assertThat(PartFile.pathFor(dest)).exists();
        beta.release(-1);
        assertThat(awaitFinal(transfers, later).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(cut);
    }

    @Test
    void eachFinishedTransferIsToldToTheListeners() throws Exception {
        List<TransferStatus> heard = new CopyOnWriteArrayList<>();
        transfers.onFinished(heard::add);
        TestFiles.write(shared.resolve("a"), 1000, 40);

        String id = transfers.fetch(at("a"), dir.resolve("a")).id();

        await().atMost(TransferTestSupport.PATIENCE).until(() -> heard.size() == 1);
        assertThat(heard.get(0).id()).isEqualTo(id);
        assertThat(heard.get(0).state()).isEqualTo(TransferState.COMPLETE);
    }

    @Test
    void transfersBeyondTheRunningLimitWaitQueuedForASlot() throws Exception {
        transfers.close();
        transfers = Transfers.open(
                dir.resolve("transfers.db"), network, TransferOptions.defaults().withMaxRunning(1));
        TestFiles.write(shared.resolve("first"), 1000, 50);
        TestFiles.write(shared.resolve("second"), 1000, 51);
        alpha.hold(0);

        String first = transfers.fetch(at("first"), dir.resolve("first")).id();
        String second = transfers.fetch(at("second"), dir.resolve("second")).id();
        TransferTestSupport.awaitStatus(transfers, first, s -> s.state() == TransferState.RUNNING);

        assertThat(TransferTestSupport.status(transfers, second).state()).isEqualTo(TransferState.QUEUED);
        alpha.release(-1);
        assertThat(awaitFinal(transfers, first).state()).isEqualTo(TransferState.COMPLETE);
        assertThat(awaitFinal(transfers, second).state()).isEqualTo(TransferState.COMPLETE);
    }

    @Test
    void aFolderInTheWayOfAFileFailsTheTransferWithOneSentence() throws Exception {
        TestFiles.write(shared.resolve("photos/a.jpg"), 1000, 60);
        TestFiles.write(shared.resolve("photos/b.jpg"), 1000, 61);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Files.createDirectories(downloads.resolve("photos/a.jpg/inside"));

        TransferStatus done =
                awaitFinal(transfers, transfers.fetch(at("photos"), downloads).id());

        assertThat(done.state()).isEqualTo(TransferState.FAILED);
        assertThat(done.message())
                .contains("Could not put " + downloads.resolve("photos/a.jpg") + " in place: a folder is in the way.");
        assertThat(Files.isDirectory(downloads.resolve("photos/a.jpg/inside"))).isTrue();
    }

    static void assertSameTree(Path expected, Path actual) throws Exception {
        List<Path> files;
        try (var walk = Files.walk(expected)) {
            files = walk.filter(Files::isRegularFile).map(expected::relativize).toList();
        }
        List<Path> got;
        try (var walk = Files.walk(actual)) {
            got = walk.filter(Files::isRegularFile).map(actual::relativize).toList();
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(actual.resolve(f)))
                    .as(f.toString())
                    .isEqualTo(Files.readAllBytes(expected.resolve(f)));
            assertThat(Files.getLastModifiedTime(actual.resolve(f)))
                    .isEqualTo(Files.getLastModifiedTime(expected.resolve(f)));
        }
    }
}
