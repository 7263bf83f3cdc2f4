package dev.peernet.node;

import static dev.peernet.node.ShareFixtures.connect;
import static dev.peernet.node.ShareFixtures.shareTo;
import static dev.peernet.node.ShareFixtures.shareToAll;
import static dev.peernet.node.ShareFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peernet.liveness.MemberState;
import dev.peernet.share.ContentHash;
import dev.peernet.share.FoundFile;
import dev.peernet.share.RemoteEntry;
import dev.peernet.share.RemoteShare;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.ShareClient;
import dev.peernet.share.proto.Error;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Browsing, searching and access control between real nodes over TLS on 127.0.0.1. */
@Timeout(60)
class ShareBrowsingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestNodes nodes;

    @TempDir
    Path dir;

    ShareBrowsingTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aMemberListsTheSharesItMaySeeWithTheirFilesAndBytes() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Path music = Files.createDirectories(dir.resolve("music"));
        write(music, "a.mp3", "aaaa");
        write(music, "album/b.mp3", "bbbbbb");
        shareToAll(beta, "music", music);
        connect(alpha, beta);

        assertThat(alpha.sharing().listShares(beta.id())).containsExactly(new RemoteShare("music", false, 2, 10));
    }

    @Test
    void aDirectoryListsItsFilesAndSubdirectoriesAndARecursiveListingEverythingBelow() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Path docs = Files.createDirectories(dir.resolve("docs"));
        write(docs, "readme.txt", "hello");
        write(docs, "2024/tax/return.pdf", "pdf!");
        write(docs, "2024/notes.txt", "n");
        shareToAll(beta, "docs", docs);
        connect(alpha, beta);

        List<RemoteEntry> root = alpha.sharing().listDir(beta.id(), "docs", "", false);
        List<RemoteEntry> year = alpha.sharing().listDir(beta.id(), "docs", "2024", false);
        List<RemoteEntry> tree = alpha.sharing().listDir(beta.id(), "docs", "2024", true);

        assertThat(root)
                .extracting(RemoteEntry::path, RemoteEntry::directory, RemoteEntry::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2024", true, 5L),
                        org.assertj.core.groups.Tuple.tuple("readme.txt", false, 5L));
        assertThat(year).extracting(RemoteEntry::path).containsExactly("notes.txt", "tax");
        assertThat(tree).extracting(RemoteEntry::path).containsExactly("notes.txt", "tax", "tax/return.pdf");
        assertThat(tree.get(2).fileHash()).hasValueSatisfying(h -> assertThat(h).hasSize(32));
        assertThatThrownBy(() -> alpha.sharing().listDir(beta.id(), "docs", "2025", false))
                .isInstanceOfSatisfying(
                        RemoteShareException.class, e -> assertThat(e.code()).isEqualTo(Error.Code.NOT_FOUND))
                .hasMessage("There is no directory '2025' in share 'docs'.");
    }

    @Test
    void aSearchByPatternOrByHashReachesEveryOnlineMemberAndStreamsItsHits() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Node gamma = nodes.start("gamma");
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        write(b, "photos/Holiday.JPG", "same bytes");
        write(b, "notes.txt", "not a photo");
        write(c, "backup/holiday-copy.jpg", "same bytes");
        shareToAll(beta, "b", b);
        shareToAll(gamma, "c", c);
        connect(alpha, beta);
        connect(alpha, gamma);

        List<FoundFile> byPattern = new ArrayList<>();
        var answers = alpha.sharing().find("*holiday*.jpg", Optional.empty(), byPattern::add, WAIT);

        assertThat(answers.answered()).containsExactlyInAnyOrder(beta.id(), gamma.id());
        assertThat(answers.failed()).isEmpty();
        assertThat(byPattern)
                .extracting(f -> f.location().toString())
                .containsExactlyInAnyOrder(
                        beta.id().shortForm() + ":b/photos/Holiday.JPG",
                        gamma.id().shortForm() + ":c/backup/holiday-copy.jpg");

        byte[] hash = ContentHash.of(b.resolve("photos/Holiday.JPG")).fileHash();
        assertThat(alpha.sharing().locate(hash, WAIT))
                .containsExactlyInAnyOrder(
                        new Location(beta.id(), "b", "photos/Holiday.JPG"),
                        new Location(gamma.id(), "c", "backup/holiday-copy.jpg"));
        List<FoundFile> byHashAndPattern = new ArrayList<>();
        alpha.sharing().find("backup", Optional.of(hash), byHashAndPattern::add, WAIT);
        assertThat(byHashAndPattern)
                .extracting(FoundFile::location)
                .containsExactly(new Location(gamma.id(), "c", "backup/holiday-copy.jpg"));
    }

    @Test
    void membersNotConnectedAreDialledAtTheAddressesTheyAnnounced() throws Exception {
        Node alpha = nodes.start("alpha", b -> b.liveness(true));
        Node beta = nodes.start("beta", b -> b.liveness(true));
        Path b = Files.createDirectories(dir.resolve("b"));
        write(b, "song.flac", "la");
        shareToAll(beta, "b", b);
        connect(alpha, beta); // so that the failure detector learns beta's addresses
        await().atMost(WAIT)
                .until(() -> alpha.view().stream()
                        .anyMatch(m -> m.id().equals(beta.id())
                                && m.state() == MemberState.ALIVE
                                && !m.addresses().isEmpty()));
        alpha.disconnect(beta.id()); // the search dials it again (unless liveness does first)

        List<FoundFile> hits = new ArrayList<>();
        var answers = alpha.sharing().find("song", Optional.empty(), hits::add, WAIT);

        assertThat(answers.answered()).containsExactly(beta.id());
        assertThat(hits).extracting(f -> f.location().path()).containsExactly("song.flac");
    }

    @Test
    void aShareLimitedToSomeMembersIsInvisibleToEveryOtherMemberExactlyLikeAMissingOne() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Node gamma = nodes.start("gamma");
        Path secret = Files.createDirectories(dir.resolve("secret"));
        write(secret, "plans/plan.txt", "world domination");
        Path open = Files.createDirectories(dir.resolve("open"));
        write(open, "plan.txt", "a picnic");
        shareTo(beta, "secret", secret, List.of(gamma.id()));
        shareToAll(beta, "open", open);
        connect(alpha, beta);
        connect(gamma, beta);
        RemoteFile info = gamma.sharing().describe(new Location(beta.id(), "secret", "plans/plan.txt"));

        assertThat(alpha.sharing().listShares(beta.id()))
                .extracting(RemoteShare::name)
                .containsExactly("open");
        assertThat(gamma.sharing().listShares(beta.id()))
                .extracting(RemoteShare::name)
                .containsExactly("open", "secret");
        List<FoundFile> alphaFinds = new ArrayList<>();
        alpha.sharing().find("plan", Optional.empty(), alphaFinds::add, WAIT);
        alpha.sharing().find("", Optional.of(info.hash().fileHash()), alphaFinds::add, WAIT);
        assertThat(alphaFinds).extracting(f -> f.location().share()).containsExactly("open");

        for (String share : List.of("secret", "nonexistent")) {
            Location location = new Location(beta.id(), share, "plans/plan.txt");
            String sentence = "There is no share named '" + share + "'.";
            assertNotFound(() -> alpha.sharing().listDir(beta.id(), share, "", false), sentence);
            assertNotFound(() -> alpha.sharing().describe(location), sentence);
            try (ShareClient client = alpha.sharing().open(beta.id())) {
                client.request(location, info.hash().fileHash(), 0);
                assertNotFound(() -> client.receive(new byte[1024]), sentence);
            }
        }
    }

    @Test
    void anOfferIsServedToItsOneMemberAndToNoOtherAndNotAfterItIsWithdrawn() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Node gamma = nodes.start("gamma");
        Path elsewhere = write(dir, "anywhere/report.pdf", "the report");
        connect(alpha, beta);
        connect(gamma, beta);

        String offer = beta.sharing().offers().register(alpha.id(), Map.of("q3/report.pdf", elsewhere));

        assertThat(offer).startsWith("offer:");
        assertThat(alpha.sharing().listShares(beta.id())).containsExactly(new RemoteShare(offer, false, 1, 10));
        assertThat(gamma.sharing().listShares(beta.id())).isEmpty();
        List<RemoteFile> files = alpha.sharing().describeTree(new Location(beta.id(), offer, ""));
        assertThat(files)
                .extracting(f -> f.location().path(), RemoteFile::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("q3/report.pdf", 10L));
        byte[] chunk = new byte[files.getFirst().hash().chunkSize()];
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            client.request(files.getFirst().location(), files.getFirst().hash().fileHash(), 0);
            assertThat(new String(chunk, 0, client.receive(chunk), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("the report");
        }
        assertNotFound(
                () -> gamma.sharing().describe(new Location(beta.id(), offer, "q3/report.pdf")),
                "There is no share named '" + offer + "'.");

        beta.sharing().offers().unregister(offer);
        assertThat(alpha.sharing().listShares(beta.id())).isEmpty();
    }

    @Test
    void aTreeIsDescribedWithEveryFilesVerifiedChunkHashes() throws Exception {
        Node alpha = nodes.start("alpha");
        Node beta = nodes.start("beta");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        for (int i = 0; i < 30; i++) {
            write(tree, "d" + (i % 3) + "/f" + i + ".txt", "file " + i);
        }
        shareToAll(beta, "tree", tree);
        connect(alpha, beta);

        List<RemoteFile> all = alpha.sharing().describeTree(new Location(beta.id(), "tree", ""));
        List<RemoteFile> one = alpha.sharing().describeTree(new Location(beta.id(), "tree", "d1"));

        assertThat(all).hasSize(30);
        assertThat(all)
                .allSatisfy(f -> assertThat(f.hash())
                        .isEqualTo(ContentHash.of(tree.resolve(f.location().path()))));
        assertThat(one)
                .extracting(f -> f.location().path())
                .allMatch(p -> p.startsWith("d1/"))
                .hasSize(10);
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String sentence) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        RemoteShareException.class, e -> assertThat(e.code()).isEqualTo(Error.Code.NOT_FOUND))
                .hasMessage(sentence);
    }
}
