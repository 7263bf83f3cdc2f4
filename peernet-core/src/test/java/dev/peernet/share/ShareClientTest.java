package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.proto.ChunkHeader;
import dev.peernet.share.proto.Entry;
import dev.peernet.share.proto.EntryPage;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.FileInfo;
import dev.peernet.share.proto.FindPage;
import dev.peernet.share.proto.Hit;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a scripted member: what it accepts, and how it refuses a member that lies. */
@Timeout(10)
class ShareClientTest {
    private static final PeerId ME = ShareStoreTest.peer(1);
    private static final PeerId MEMBER = ShareStoreTest.peer(2);

    private final Stream[] ends = FakeStreams.pair(ME, MEMBER);
    private final ShareClient client = new ShareClient(ends[0]);
    private final OutputStream member = ends[1].output();

    @AfterEach
    void close() {
        client.close();
    }

    private void answer(ShareResponse... responses) throws IOException {
        for (ShareResponse r : responses) {
            ShareWire.write(member, r);
        }
    }

    private static FileInfo.Builder honestInfo(String path, byte[] content) {
        ContentHash hash = ContentHash.fromChunkHashes(ChunkSize.forFileSize(content.length), sha256(content));
        return FileInfo.newBuilder()
                .setPath(path)
                .setSize(content.length)
                .setMtimeMs(1234)
                .setChunkSize(hash.chunkSize())
                .setChunkHashes(ByteString.copyFrom(hash.chunkHashes()))
                .setFileHash(ByteString.copyFrom(hash.fileHash()));
    }

    private static byte[] sha256(byte[] content) {
        return ContentHash.sha256().digest(content);
    }

    @Test
    void anHonestFileInfoBecomesARemoteFileWithItsChunkHashes() throws Exception {
        answer(ShareResponse.newBuilder()
                .setFileInfo(honestInfo("a.txt", "hello".getBytes(StandardCharsets.UTF_8)))
                .build());

        RemoteFile file = client.fileInfo("s", "a.txt");

        assertThat(file.location()).isEqualTo(new Location(MEMBER, "s", "a.txt"));
        assertThat(file.size()).isEqualTo(5);
        assertThat(file.hash().chunkHash(0)).isEqualTo(sha256("hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void chunkHashesThatDoNotHashToTheFileHashAreALieAndEndTheStream() throws Exception {
        FileInfo.Builder info = honestInfo("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        info.setChunkHashes(ByteString.copyFrom(sha256("jello".getBytes(StandardCharsets.UTF_8))));
        answer(ShareResponse.newBuilder().setFileInfo(info).build());

        assertThatThrownBy(() -> client.fileInfo("s", "a.txt"))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("Member " + MEMBER.shortForm()
                        + " gave 'a.txt' chunk hashes that do not hash to its file hash; stopped talking to it.");
        assertThatThrownBy(client::listShares).isInstanceOf(IOException.class);
    }

    @Test
    void aChunkCountThatDoesNotFitTheSizeIsALie() throws Exception {
        FileInfo.Builder info =
                honestInfo("a.txt", "hello".getBytes(StandardCharsets.UTF_8)).setSize(ChunkSize.MIN + 1);
        answer(ShareResponse.newBuilder().setFileInfo(info).build());

        assertThatThrownBy(() -> client.fileInfo("s", "a.txt"))
                .hasMessage("Member " + MEMBER.shortForm() + " gave 'a.txt' 32 bytes of chunk hashes where its 2 chunks"
                        + " need 64; stopped talking to it.");
    }

    @Test
    void aChunkSizeOtherThanTheRulesIsALie() throws Exception {
        FileInfo.Builder info =
                honestInfo("a.txt", "hello".getBytes(StandardCharsets.UTF_8)).setChunkSize(1024);
        answer(ShareResponse.newBuilder().setFileInfo(info).build());

        assertThatThrownBy(() -> client.fileInfo("s", "a.txt"))
                .hasMessage("Member " + MEMBER.shortForm() + " gave 'a.txt' (5 bytes) chunks of 1024 bytes where the"
                        + " rule gives 262144; stopped talking to it.");
    }

    @Test
    void aListingHoldingAPathOutOfTheShareIsRefusedBeforeTheCallerSeesIt() throws Exception {
        answer(ShareResponse.newBuilder()
                .setEntries(EntryPage.newBuilder()
                        .addEntries(Entry.newBuilder()
                                .setPath("ok.txt")
                                .setType(Entry.Type.FILE)
                                .setFileHash(hash()))
                        .addEntries(Entry.newBuilder()
                                .setPath("../../.bashrc")
                                .setType(Entry.Type.FILE)
                                .setFileHash(hash()))
                        .setLast(true))
                .build());

        assertThatThrownBy(() -> client.listDir("s", "", true))
                .hasMessage(
                        "Member " + MEMBER.shortForm() + " sent a path that is not allowed: The path '../../.bashrc'"
                                + " has a '..' name, which would leave its place in the share.; stopped talking to it.");
    }

    @Test
    void aSearchHitWithAnAbsolutePathIsRefused() throws Exception {
        List<FoundFile> hits = new ArrayList<>();
        answer(ShareResponse.newBuilder()
                .setFound(FindPage.newBuilder()
                        .addHits(Hit.newBuilder()
                                .setShare("s")
                                .setPath("/etc/passwd")
                                .setFileHash(hash())))
                .build());

        assertThatThrownBy(() -> client.find("", Optional.empty(), 0, hits::add))
                .isInstanceOf(IOException.class);
        assertThat(hits).isEmpty();
    }

    @Test
    void pagesAreJoinedAndHitsStreamedPageByPage() throws Exception {
        answer(
                page(List.of("a", "b"), false),
                page(List.of("c"), true),
                ShareResponse.newBuilder()
                        .setFound(FindPage.newBuilder()
                                .addHits(Hit.newBuilder()
                                        .setShare("s")
                                        .setPath("x/y")
                                        .setFileHash(hash()))
                                .setLast(false))
                        .build(),
                ShareResponse.newBuilder()
                        .setFound(FindPage.newBuilder().setLast(true))
                        .build());

        assertThat(client.listDir("s", "", false)).extracting(RemoteEntry::path).containsExactly("a", "b", "c");
        List<FoundFile> hits = new ArrayList<>();
        assertThat(client.find("y", Optional.empty(), 0, hits::add)).isEqualTo(1);
        assertThat(hits).extracting(h -> h.location().path()).containsExactly("x/y");
    }

    @Test
    void aRefusalCarriesItsCodeSentenceAndRetryAndTheChannelStaysUsable() throws Exception {
        answer(
                ShareResponse.newBuilder()
                        .setError(Error.newBuilder()
                                .setCode(Error.Code.RATE_LIMITED)
                                .setMessage("Slow down.")
                                .setRetryAfterMs(40))
                        .build(),
                ShareResponse.newBuilder()
                        .setChunk(ChunkHeader.newBuilder().setIndex(1).setLength(3))
                        .build());
        member.write(new byte[] {7, 8, 9});
        Location where = new Location(MEMBER, "s", "f");
        client.request(where, new byte[32], 0);
        client.request(where, new byte[32], 1);

        assertThatThrownBy(() -> client.receive(new byte[8]))
                .isInstanceOfSatisfying(RemoteShareException.class, e -> {
                    assertThat(e.code()).isEqualTo(Error.Code.RATE_LIMITED);
                    assertThat(e.retryAfterMillis()).isEqualTo(40);
                })
                .hasMessage("Slow down.");
        byte[] into = new byte[8];
        assertThat(client.receive(into)).isEqualTo(3);
        assertThat(into).startsWith(7, 8, 9);
    }

    @Test
    void aChunkAnsweringAnotherIndexOrLargerThanTheBufferBreaksTheChannel() throws Exception {
        answer(ShareResponse.newBuilder()
                .setChunk(ChunkHeader.newBuilder().setIndex(5).setLength(1))
                .build());
        client.request(new Location(MEMBER, "s", "f"), new byte[32], 4);

        assertThatThrownBy(() -> client.receive(new byte[8]))
                .hasMessage("Member " + MEMBER.shortForm()
                        + " answered chunk 5 when chunk 4 was asked for; stopped talking to it.");
    }

    @Test
    void aChunkLargerThanTheBufferBreaksTheChannel() throws Exception {
        answer(ShareResponse.newBuilder()
                .setChunk(ChunkHeader.newBuilder().setIndex(0).setLength(9))
                .build());
        client.request(new Location(MEMBER, "s", "f"), new byte[32], 0);

        assertThatThrownBy(() -> client.receive(new byte[8]))
                .hasMessage("Member " + MEMBER.shortForm()
                        + " sent a chunk of 9 bytes, more than the 8 expected; stopped talking to it.");
    }

    @Test
    void browsingWhileChunkAnswersAreOutstandingIsAMisuseNamedAsSuch() throws Exception {
        client.request(new Location(MEMBER, "s", "f"), new byte[32], 0);

        assertThatThrownBy(client::listShares)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("receive the 1 chunks requested before browsing on the same channel");
    }

    @Test
    void aMemberEndingTheStreamBreaksTheChannelWithASentence() {
        ends[1].close();

        assertThatThrownBy(client::listShares)
                .hasMessage("The share stream to member " + MEMBER.shortForm() + " broke: it ended the stream.");
    }

    private static ShareResponse page(List<String> names, boolean last) {
        EntryPage.Builder page = EntryPage.newBuilder().setLast(last);
        names.forEach(n -> page.addEntries(Entry.newBuilder().setPath(n).setType(Entry.Type.DIRECTORY)));
        return ShareResponse.newBuilder().setEntries(page).build();
    }

    private static ByteString hash() {
        return ByteString.copyFrom(new byte[32]);
    }
}
