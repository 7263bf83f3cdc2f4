package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.ShareRequest;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.transfer.RemoteFile;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server on an in-memory stream, serving an offer: pipelining, malformed requests, hostile lengths. */
@Timeout(10)
class ShareServerTest {
    private static final PeerId VIEWER = ShareStoreTest.peer(1);
    private static final PeerId SERVER = ShareStoreTest.peer(2);

    @TempDir
    Path dir;

    private final OfferShares offers = new OfferShares(new java.util.Random(1));
    private final ShareServer server = new ShareServer(offers::shares, UploadLimiter.unlimited(), System::nanoTime);
    private final Stream[] ends = FakeStreams.pair(VIEWER, SERVER);
    private final ShareClient client = new ShareClient(ends[0]);
    private String offer;
    private Thread serving;

    @BeforeEach
    void serveAnOffer() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "alpha");
        Path b = Files.writeString(dir.resolve("b.txt"), "bravo!");
        offer = offers.register(VIEWER, Map.of("docs/a.txt", a, "b.txt", b));
        serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(ends[1]);
            } catch (java.io.IOException e) {
                // the test closed the stream
            }
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        serving.join(5000);
    }

    @Test
    void everyKindOfRequestIsAnsweredInTheOrderItCame() throws Exception {
        assertThat(client.listShares()).containsExactly(new RemoteShare(offer, false, 2, 11));
        assertThat(client.listDir(offer, "", false))
                .extracting(RemoteEntry::path)
                .containsExactly("b.txt", "docs");
        RemoteFile a = client.fileInfo(offer, "docs/a.txt");
        List<RemoteFile> both = client.fileInfos(offer, List.of("b.txt", "gone.txt", "docs/a.txt"));

        client.request(a.location(), a.hash().fileHash(), 0);
        client.request(both.getFirst().location(), both.getFirst().hash().fileHash(), 0);
        byte[] chunk = new byte[16];
        assertThat(new String(chunk, 0, client.receive(chunk), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("alpha");
        assertThat(new String(chunk, 0, client.receive(chunk), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("bravo!");
        assertThat(both).extracting(f -> f.location().path()).containsExactly("b.txt", "docs/a.txt");
    }

    @Test
    void aSearchStopsAtItsLimitAndMatchesCaseInsensitively() throws Exception {
        List<FoundFile> hits = new java.util.ArrayList<>();

        assertThat(client.find("*.TXT", java.util.Optional.empty(), 1, hits::add))
                .isEqualTo(1);
        assertThat(client.find("A.t", java.util.Optional.empty(), 0, hits::add)).isEqualTo(1);
        assertThat(hits).extracting(h -> h.location().path()).containsExactly("b.txt", "docs/a.txt");
    }

    @Test
    void anOfferIsHiddenFromEveryoneButItsViewer() throws Exception {
        Stream[] other = FakeStreams.pair(ShareStoreTest.peer(3), SERVER);
        Thread.ofVirtual().start(() -> {
            try {
                server.serve(other[1]);
            } catch (java.io.IOException e) {
                // closed
            }
        });
        try (ShareClient stranger = new ShareClient(other[0])) {
            assertThat(stranger.listShares()).isEmpty();
            assertThatThrownBy(() -> stranger.fileInfo(offer, "b.txt"))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.NOT_FOUND))
                    .hasMessage("There is no share named '" + offer + "'.");
        }
    }

    @Test
    void aRequestOfAnUnknownKindIsRefusedAndTheNextOneStillAnswered() throws Exception {
        ShareWire.write(ends[0].output(), ShareRequest.getDefaultInstance());
        InputStream in = new BufferedInputStream(ends[0].input());

        ShareResponse refusal = ShareResponse.parseFrom(ShareWire.readFrame(in, 1 << 20, "an answer"));

        assertThat(refusal.getError().getCode()).isEqualTo(Error.Code.BAD_REQUEST);
        assertThat(refusal.getError().getMessage()).isEqualTo("The request is of a kind this node does not know.");
        ShareWire.write(
                ends[0].output(),
                ShareRequest.newBuilder()
                        .setListShares(dev.peernet.share.proto.ListShares.getDefaultInstance())
                        .build());
        assertThat(ShareResponse.parseFrom(ShareWire.readFrame(in, 1 << 20, "an answer"))
                        .hasShares())
                .isTrue();
    }

    @Test
    void aRequestLongerThanAnyRequestCanBeResetsTheStream() throws Exception {
        ends[0].output().write(new byte[] {(byte) 0x81, (byte) 0x80, 0x01}); // 16 385 bytes to follow

        serving.join(5000);
        assertThat(serving.isAlive()).isFalse();
        assertThatThrownBy(() -> ends[0].input().read())
                .isInstanceOf(dev.peernet.session.SessionException.class)
                .hasMessageContaining("a share request of 16385 bytes exceeds the limit of 16384 bytes");
    }

    @Test
    void anOfferRefusesPathsThatCouldLeaveItAndDirectoriesThatAreAlsoFiles() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "f");
        assertThatThrownBy(() -> offers.register(VIEWER, Map.of("../f", f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The path '../f' has a '..' name, which would leave its place in the share.");
        assertThatThrownBy(() -> offers.register(VIEWER, Map.of("x", f, "x/y", f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The offer names 'x' both as a file and as the directory of 'x/y'.");
        assertThatThrownBy(() -> offers.register(VIEWER, Map.of("d", dir)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage(dir + " is not a regular file; only files can be offered.");
    }
}
