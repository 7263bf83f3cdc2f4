package dev.peernet.node;

import static dev.peernet.node.ShareFixtures.connect;
import static dev.peernet.node.ShareFixtures.shareToAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.transfer.Location;
import dev.peernet.transfer.SourceStatus;
import dev.peernet.transfer.TransferState;
import dev.peernet.transfer.TransferStatus;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer engine on real nodes over TLS on 127.0.0.1: what the engine's own tests show with a
 * fake network, shown again with real share servers.
 */
@Timeout(90)
class NetworkTransferTest {
    /** 40 chunks of 256 KiB: enough to spread over sources. */
    private static final int SIZE = 10 << 20;

    private static final Duration WAIT = Duration.ofSeconds(40);

    private final TestNodes nodes;

    @TempDir
    Path dir;

    NetworkTransferTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void chunksComeFromEveryMemberHoldingTheSameContentNotOnlyTheNamedOne() throws Exception {
        byte[] content = random(SIZE, 1);
        Node alpha = withFile("alpha", content);
        Node beta = withFile("beta", content);
        Node gamma = nodes.start("gamma");
        connect(gamma, alpha);
        connect(gamma, beta);
        alpha.sharing().uploadLimit().setBytesPerSecond(8_000_000); // so that neither can take it all at once
        beta.sharing().uploadLimit().setBytesPerSecond(8_000_000);

        TransferStatus done = fetch(gamma, alpha);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(dir.resolve("dest/film.bin")).hasBinaryContent(content);
        assertThat(done.sources()).extracting(SourceStatus::peer).contains(alpha.id(), beta.id());
        assertThat(done.sources()).allSatisfy(s -> assertThat(s.bytes()).isPositive());
    }

    @Test
    void aMemberServingCorruptBytesIsDroppedAndNamedAndTheFileStillArrivesIntact() throws Exception {
        byte[] content = random(SIZE, 2);
        Node alpha = withFile("alpha", content);
        Node beta = withFile("beta", content);
        Node gamma = nodes.start("gamma");
        // Bit rot on beta's disk: the bytes change, the size and mtime do not, so its index still
        // claims the old content and it serves the bad bytes.
        Path rotten = dir.resolve("beta/film.bin");
        FileTime mtime = Files.getLastModifiedTime(rotten);
        try (RandomAccessFile file = new RandomAccessFile(rotten.toFile(), "rw")) {
            for (long at = 0; at < SIZE; at += 256 * 1024) {
                file.seek(at + 100);
                file.write(0xFF ^ content[(int) at + 100]);
            }
        }
        Files.setLastModifiedTime(rotten, mtime);
        connect(gamma, alpha);
        connect(gamma, beta);

        TransferStatus done = fetch(gamma, beta);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(dir.resolve("dest/film.bin")).hasBinaryContent(content);
        assertThat(done.sources())
                .filteredOn(s -> s.peer().equals(beta.id()))
                .singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(SourceStatus.State.DROPPED));
        assertThat(done.errors()).anySatisfy(e -> assertThat(e.source()).contains(beta.id()));
    }

    @Test
    void aFileThatChangesAtItsOnlySourceMidTransferArrivesWithItsNewContent() throws Exception {
        byte[] before = random(SIZE, 3);
        byte[] after = random(SIZE, 4);
        Node alpha = withFile("alpha", before);
        Node gamma = nodes.start("gamma");
        connect(gamma, alpha);
        alpha.sharing().uploadLimit().setBytesPerSecond(4_000_000);

        TransferStatus started = gamma.transfers()
                .fetch(new Location(alpha.id(), "films", "film.bin"), Files.createDirectories(dir.resolve("dest")));
        await().atMost(WAIT).until(() -> status(gamma, started).bytesDone() > SIZE / 4);
        Files.write(dir.resolve("alpha/film.bin"), after);
        alpha.sharing().uploadLimit().setBytesPerSecond(0);
        TransferStatus done = awaitEnd(gamma, started);

        assertThat(done.state()).isEqualTo(TransferState.COMPLETE);
        assertThat(dir.resolve("dest/film.bin")).hasBinaryContent(after);
    }

    private Node withFile(String name, byte[] content) throws Exception {
        Node node = nodes.start(name);
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.write(folder.resolve("film.bin"), content);
        shareToAll(node, "films", folder);
        return node;
    }

    private TransferStatus fetch(Node to, Node from) throws Exception {
        TransferStatus started = to.transfers()
                .fetch(new Location(from.id(), "films", "film.bin"), Files.createDirectories(dir.resolve("dest")));
        return awaitEnd(to, started);
    }

    private static TransferStatus awaitEnd(Node node, TransferStatus started) {
        return await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(node, started), s -> s.state().isFinal());
    }

    private static TransferStatus status(Node node, TransferStatus started) throws Exception {
        return node.transfers().status(started.id()).orElseThrow();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
