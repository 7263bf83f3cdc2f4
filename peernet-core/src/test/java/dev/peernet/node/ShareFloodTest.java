package dev.peernet.node;

import static dev.peernet.node.ShareFixtures.connect;
import static dev.peernet.node.ShareFixtures.shareToAll;
import static dev.peernet.node.ShareFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.session.Stream;
import dev.peernet.share.ChunkSize;
import dev.peernet.share.ShareClient;
import dev.peernet.share.ShareServer;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.Find;
import dev.peernet.share.proto.ListDir;
import dev.peernet.share.proto.ShareRequest;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.transfer.RemoteFile;
import dev.peernet.wire.StreamMessages;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One member pipelining thousands of listings and searches neither starves nor slows another. */
@Timeout(60)
class ShareFloodTest {
    private static final int FLOOD = 4000;

    private final TestNodes nodes;

    @TempDir
    Path dir;

    ShareFloodTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aMemberFloodingListingsAndSearchesIsRateLimitedWhileAnotherMembersBrowsingAndChunksGoPromptly()
            throws Exception {
        Node server = nodes.start("server");
        Node flooder = nodes.start("flooder");
        Node other = nodes.start("other");
        Path folder = Files.createDirectories(dir.resolve("library"));
        for (int i = 0; i < 300; i++) {
            write(folder, "books/b" + i + ".txt", "book " + i);
        }
        byte[] big = new byte[4 * ChunkSize.MIN];
        new Random(3).nextBytes(big);
        Files.write(folder.resolve("big.bin"), big);
        shareToAll(server, "library", folder);
        connect(flooder, server);
        connect(other, server);

        long floodStart = System.nanoTime();
        CompletableFuture<int[]> flood = CompletableFuture.supplyAsync(() -> flood(flooder, server));
        Thread.sleep(100); // the flood is under way

        long start = System.nanoTime();
        int listed;
        int chunkBytes = 0;
        try (ShareClient client = other.sharing().open(server.id())) {
            listed = client.listShares().size()
                    + client.listDir("library", "books", false).size();
            RemoteFile bin = client.fileInfo("library", "big.bin");
            for (int i = 0; i < 4; i++) {
                client.request(bin.location(), bin.hash().fileHash(), i);
            }
            for (int i = 0; i < 4; i++) {
                chunkBytes += client.receive(new byte[ChunkSize.MIN]);
            }
        }
        Duration otherTook = Duration.ofNanos(System.nanoTime() - start);
        int[] answers = flood.get(40, TimeUnit.SECONDS);
        Duration floodTook = Duration.ofNanos(System.nanoTime() - floodStart);

        assertThat(listed).isEqualTo(1 + 300);
        assertThat(chunkBytes).isEqualTo(big.length);
        assertThat(otherTook).as("the other member's browsing and chunks").isLessThan(Duration.ofSeconds(5));
        int served = answers[0];
        int limited = answers[1];
        assertThat(served + limited).isEqualTo(FLOOD);
        assertThat(limited).isPositive();
        // the burst, then 20 a second for as long as the flood ran (and a little slack for rounding)
        assertThat(served).isLessThanOrEqualTo(50 + (int) (20 * floodTook.toMillis() / 1000) + 2);
    }

    @Test
    void aMembersListingsAreAnsweredTwoAtATimeWhileAnotherMemberListsAtOnce() throws Exception {
        Node server = nodes.start("server");
        Node flooder = nodes.start("flooder", b -> b.initialWindow(64 * 1024)); // answers outgrow it
        Node other = nodes.start("other");
        Path folder = Files.createDirectories(dir.resolve("library"));
        for (int i = 0; i < 2000; i++) {
            write(folder, "shelf" + i % 10 + "/a-book-with-a-rather-long-title-" + i + ".txt", "book " + i);
        }
        shareToAll(server, "library", folder);
        connect(flooder, server);
        connect(other, server);

        List<Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Stream stream = flooder.openStream(server.id(), ShareServer.PROTOCOL);
                streams.add(stream);
                ShareRequest.newBuilder()
                        .setListDir(ListDir.newBuilder().setShare("library").setRecursive(true))
                        .build()
                        .writeDelimitedTo(stream.output());
                stream.output().flush();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> answering(streams) == 2);
            Thread.sleep(500); // time enough for a third answer to start, were it allowed to
            assertThat(answering(streams)).as("listings answered at once").isEqualTo(2);
            try (ShareClient client = other.sharing().open(server.id())) {
                assertThat(client.listDir("library", "", true)).hasSize(2000 + 10);
            }

            Stream first = streams.stream()
                    .filter(ShareFloodTest::hasBytes)
                    .findFirst()
                    .orElseThrow();
            assertThat(entries(first)).isEqualTo(2000 + 10);
            streams.remove(first);
            first.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> answering(streams) == 2);
            for (Stream stream : streams) {
                assertThat(entries(stream)).isEqualTo(2000 + 10);
            }
        } finally {
            for (Stream stream : streams) {
                stream.close();
            }
        }
    }

    /** How many of {@code streams} have answer bytes waiting to be read. */
    private static long answering(List<Stream> streams) {
        return streams.stream().filter(ShareFloodTest::hasBytes).count();
    }

    private static boolean hasBytes(Stream stream) {
        try {
            return stream.input().available() > 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads one listing's pages from {@code stream}; returns how many entries they held. */
    private static int entries(Stream stream) throws java.io.IOException {
        int entries = 0;
        while (true) {
            ShareResponse r = StreamMessages.read(stream.input(), ShareResponse.parser(), 16 << 20, "a listing page");
            assertThat(r.getKindCase()).isEqualTo(ShareResponse.KindCase.ENTRIES);
            entries += r.getEntries().getEntriesCount();
            if (r.getEntries().getLast()) {
                return entries;
            }
        }
    }

    /** Pipelines {@link #FLOOD} listings and searches on one stream; returns {served, rate-limited}. */
    private static int[] flood(Node flooder, Node server) {
        try (Stream stream = flooder.openStream(server.id(), ShareServer.PROTOCOL)) {
            Thread writer = Thread.ofVirtual().start(() -> send(stream.output()));
            int[] answers = receive(new BufferedInputStream(stream.input()));
            writer.join();
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(OutputStream raw) {
        try {
            OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
            for (int i = 0; i < FLOOD; i++) {
                ShareRequest request = i % 2 == 0
                        ? ShareRequest.newBuilder()
                                .setFind(Find.newBuilder().setPattern("b*" + i % 10))
                                .build()
                        : ShareRequest.newBuilder()
                                .setListDir(ListDir.newBuilder().setShare("library"))
                                .build();
                request.writeDelimitedTo(out);
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int[] receive(InputStream in) throws java.io.IOException {
        int served = 0;
        int limited = 0;
        while (served + limited < FLOOD) {
            ShareResponse r = StreamMessages.read(in, ShareResponse.parser(), 16 << 20, "an answer");
            switch (r.getKindCase()) {
                case ERROR -> {
                    assertThat(r.getError().getCode()).isEqualTo(Error.Code.RATE_LIMITED);
                    assertThat(r.getError().getRetryAfterMs()).isBetween(1, 50);
                    limited++;
                }
                case FOUND -> served += r.getFound().getLast() ? 1 : 0;
                case ENTRIES -> served += r.getEntries().getLast() ? 1 : 0;
                default -> throw new AssertionError("unexpected answer " + r.getKindCase());
            }
        }
        return new int[] {served, limited};
    }
}
