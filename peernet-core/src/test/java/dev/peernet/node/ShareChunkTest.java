package dev.peernet.node;

import static dev.peernet.node.ShareFixtures.connect;
import static dev.peernet.node.ShareFixtures.shareToAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.session.Stream;
import dev.peernet.share.ChunkSize;
import dev.peernet.share.ContentHash;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.ShareClient;
import dev.peernet.share.ShareServer;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import dev.peernet.wire.StreamMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk reads between real nodes: the bytes, pipelining, a changed file, the upload limit, the stream
 * cap. The timeout runs each test on a thread of its own, so a test stuck in a socket read (which an
 * interrupt does not end) fails instead of holding up the whole build, as the stream-cap test once
 * did when its refusal went to another stream than the one it waited on.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShareChunkTest {
    /** Three chunks: two whole ones and a short last one. */
    private static final int SIZE = 2 * ChunkSize.MIN + 12_345;

    private final TestNodes nodes;
    private Node alpha;
    private Node beta;
    private Path folder;
    private byte[] content;

    @TempDir
    Path dir;

    ShareChunkTest() throws Exception {
        nodes = new TestNodes();
    }

    @BeforeEach
    void shareAFileOfThreeChunks() throws Exception {
        alpha = nodes.start("alpha");
        beta = nodes.start("beta");
        folder = Files.createDirectories(dir.resolve("media"));
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Files.write(folder.resolve("video.bin"), content);
        shareToAll(beta, "media", folder);
        connect(alpha, beta);
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private RemoteFile video() throws Exception {
        return alpha.sharing().describe(new Location(beta.id(), "media", "video.bin"));
    }

    @Test
    void theFirstMiddleAndLastChunkOfAFileArriveWhenPipelinedAndMatchTheirHashes() throws Exception {
        RemoteFile video = video();
        assertThat(video.hash().chunkCount()).isEqualTo(3);
        assertThat(video.hash()).isEqualTo(ContentHash.of(folder.resolve("video.bin")));

        try (ShareClient client = alpha.sharing().open(beta.id())) {
            for (int i : new int[] {2, 0, 1}) {
                client.request(video.location(), video.hash().fileHash(), i);
            }
            for (int i : new int[] {2, 0, 1}) {
                byte[] chunk = new byte[ChunkSize.MIN];
                int n = client.receive(chunk);
                int from = i * ChunkSize.MIN;
                assertThat(Arrays.copyOf(chunk, n))
                        .as("chunk %d", i)
                        .isEqualTo(Arrays.copyOfRange(content, from, Math.min(SIZE, from + ChunkSize.MIN)));
                assertThat(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(chunk, n)))
                        .isEqualTo(video.hash().chunkHash(i));
            }
        }
    }

    @Test
    void aChunkBeyondTheLastIsABadRequestAndTheChannelStaysUsable() throws Exception {
        RemoteFile video = video();
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            client.request(video.location(), video.hash().fileHash(), 3);
            client.request(video.location(), video.hash().fileHash(), 2);

            assertThatThrownBy(() -> client.receive(new byte[ChunkSize.MIN]))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.BAD_REQUEST))
                    .hasMessage("The file 'video.bin' has 3 chunks; there is no chunk 3.");
            assertThat(client.receive(new byte[ChunkSize.MIN])).isEqualTo(12_345);
        }
    }

    @Test
    void aFileChangedSinceIndexingAnswersFileChangedAndIsRescannedSoItsNewInfoServes() throws Exception {
        RemoteFile before = video();
        byte[] changed = content.clone();
        changed[ChunkSize.MIN + 5] ^= 1; // same size: only the mtime tells
        Files.write(folder.resolve("video.bin"), changed);
        Files.setLastModifiedTime(folder.resolve("video.bin"), FileTime.fromMillis(before.mtimeMillis() + 2000));

        try (ShareClient client = alpha.sharing().open(beta.id())) {
            client.request(before.location(), before.hash().fileHash(), 0);
            assertThatThrownBy(() -> client.receive(new byte[ChunkSize.MIN]))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.FILE_CHANGED))
                    .hasMessage("The file 'video.bin' in share 'media' changed since it was indexed;"
                            + " ask for its file info again.");
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !Arrays.equals(video().hash().fileHash(), before.hash().fileHash()));
        RemoteFile after = video();
        assertThat(after.hash()).isEqualTo(ContentHash.of(folder.resolve("video.bin")));
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            client.request(before.location(), before.hash().fileHash(), 1); // the old content, asked for again
            client.request(after.location(), after.hash().fileHash(), 1);
            assertThatThrownBy(() -> client.receive(new byte[ChunkSize.MIN]))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.FILE_CHANGED));
            byte[] chunk = new byte[ChunkSize.MIN];
            client.receive(chunk);
            assertThat(chunk).isEqualTo(Arrays.copyOfRange(changed, ChunkSize.MIN, 2 * ChunkSize.MIN));
        }
    }

    @Test
    void aFileTruncatedSinceIndexingAnswersFileChanged() throws Exception {
        RemoteFile before = video();
        try (var channel = java.nio.channels.FileChannel.open(
                folder.resolve("video.bin"), java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(ChunkSize.MIN);
        }
        Files.setLastModifiedTime(folder.resolve("video.bin"), FileTime.fromMillis(before.mtimeMillis()));

        try (ShareClient client = alpha.sharing().open(beta.id())) {
            client.request(before.location(), before.hash().fileHash(), 2);
            assertThatThrownBy(() -> client.receive(new byte[ChunkSize.MIN]))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.FILE_CHANGED));
        }
    }

    @Test
    void theUploadLimitSlowsChunksAndCanBeLiftedWhileTheNodeRuns() throws Exception {
        RemoteFile video = video();
        beta.sharing().uploadLimit().setBytesPerSecond(1_000_000);

        long limited = timeToRead(video);
        beta.sharing().uploadLimit().setBytesPerSecond(0);
        long unlimited = timeToRead(video);

        // 3 chunks (~537 KB) at 1 MB/s less a burst of 100 KB: at least ~0.43 s
        assertThat(Duration.ofNanos(limited)).isGreaterThan(Duration.ofMillis(400));
        assertThat(unlimited).isLessThan(limited);
    }

    private long timeToRead(RemoteFile video) throws Exception {
        long start = System.nanoTime();
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            for (int i = 0; i < 3; i++) {
                client.request(video.location(), video.hash().fileHash(), i);
            }
            for (int i = 0; i < 3; i++) {
                client.receive(new byte[ChunkSize.MIN]);
            }
        }
        return System.nanoTime() - start;
    }

    @Test
    void aMemberWithSixteenShareStreamsOpenIsRefusedASeventeenthUntilOneCloses() throws Exception {
        List<ShareClient> open = new ArrayList<>();
        try {
            // Each stream answers a listing before the next opens: their handlers run on threads of
            // their own, so without the round trip a later stream's handler could count itself
            // before an earlier one's and the refusal go to one of the sixteen.
            for (int i = 0; i < 16; i++) {
                ShareClient client = alpha.sharing().open(beta.id());
                open.add(client);
                assertThat(client.listShares()).hasSize(1);
            }
            try (Stream extra = alpha.openStream(beta.id(), ShareServer.PROTOCOL)) {
                ShareResponse refusal =
                        StreamMessages.read(extra.input(), ShareResponse.parser(), 1 << 16, "a refusal");

                assertThat(refusal.getError().getCode()).isEqualTo(Error.Code.RATE_LIMITED);
                assertThat(refusal.getError().getMessage())
                        .isEqualTo("You have 16 share streams open to this node already; close one first.");
                assertThat(refusal.getError().getRetryAfterMs()).isEqualTo(1000);
            }
            open.removeFirst().close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (ShareClient client = alpha.sharing().open(beta.id())) {
                    assertThat(client.listShares()).hasSize(1);
                }
            });
        } finally {
            open.forEach(ShareClient::close);
        }
    }
}
