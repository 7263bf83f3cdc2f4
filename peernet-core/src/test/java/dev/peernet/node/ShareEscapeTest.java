package dev.peernet.node;

import static dev.peernet.node.ShareFixtures.awaitScan;
import static dev.peernet.node.ShareFixtures.connect;
import static dev.peernet.node.ShareFixtures.shareToAll;
import static dev.peernet.node.ShareFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.share.RemoteEntry;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.ShareClient;
import dev.peernet.share.proto.Error;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a request could reach outside a share, against a real node with a secret file beside
 * the share and links to it inside: each answered BAD_PATH (or NOT_FOUND), and the secret's bytes
 * never in an answer.
 */
@Timeout(60)
class ShareEscapeTest {
    private static final String SECRET = "TOP SECRET: the launch codes";

    private final TestNodes nodes;
    private Node alpha;
    private Node beta;
    private Path share;
    private Path secret;
    private RemoteFile inside;

    @TempDir
    Path dir;

    ShareEscapeTest() throws Exception {
        nodes = new TestNodes();
    }

    @BeforeEach
    void shareAFolderBesideASecret() throws Exception {
        alpha = nodes.start("alpha");
        beta = nodes.start("beta");
        secret = write(dir, "outside/secret.txt", SECRET);
        share = Files.createDirectories(dir.resolve("share"));
        write(share, "inside.txt", "x".repeat(SECRET.length())); // the same size as the secret
        write(share, "dir/file.txt", "in a directory");
        Files.createSymbolicLink(share.resolve("leak.txt"), secret);
        Files.createSymbolicLink(share.resolve("dir-leak"), secret.getParent());
        Files.createSymbolicLink(share.resolve("alias.txt"), share.resolve("inside.txt"));
        shareToAll(beta, "share", share);
        connect(alpha, beta);
        inside = alpha.sharing().describe(new Location(beta.id(), "share", "inside.txt"));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void everyPathThatCouldLeaveTheShareIsAnsweredBadPathForListingsFileInfosAndChunks() throws Exception {
        String outside = secret.toString();
        List<String> paths = List.of(
                "../outside/secret.txt",
                "dir/../../outside/secret.txt",
                outside,
                "./inside.txt",
                "dir//file.txt",
                "..\\outside\\secret.txt",
                "dir\u0000/file.txt",
                "\uFF0E\uFF0E/outside/secret.txt",
                "\u2024\u2024/outside/secret.txt",
                "..\u2215outside\u2215secret.txt",
                "..\uFF0Foutside\uFF0Fsecret.txt",
                "../" + "a".repeat(300),
                "a/".repeat(2100) + "b");
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            for (String path : paths) {
                assertBadPath(() -> client.listDir("share", path, true), path);
                assertBadPath(() -> client.fileInfo("share", path), path);
                client.request(
                        new Location(beta.id(), "share", path), inside.hash().fileHash(), 0);
                byte[] buffer = new byte[inside.hash().chunkSize()];
                assertBadPath(() -> client.receive(buffer), path);
                assertThat(new String(buffer, StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
            }
        }
    }

    @Test
    void percentEscapesAreNotDecodedSoAnEscapedDotDotIsAMissingName() throws Exception {
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            assertThatThrownBy(() -> client.fileInfo("share", "%2e%2e/outside/secret.txt"))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.NOT_FOUND));
        }
    }

    @Test
    void linksLeavingTheShareAreNeitherListedNorReadableWhileALinkInsideIsServed() throws Exception {
        List<RemoteEntry> all = alpha.sharing().listDir(beta.id(), "share", "", true);

        assertThat(all).extracting(RemoteEntry::path).containsExactly("alias.txt", "dir", "dir/file.txt", "inside.txt");
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            assertThatThrownBy(() -> client.fileInfo("share", "leak.txt"))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.NOT_FOUND));
            assertThatThrownBy(() -> client.fileInfo("share", "dir-leak/secret.txt"))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.NOT_FOUND));
            RemoteFile alias = client.fileInfo("share", "alias.txt");
            client.request(alias.location(), alias.hash().fileHash(), 0);
            byte[] chunk = new byte[alias.hash().chunkSize()];
            assertThat(new String(chunk, 0, client.receive(chunk), StandardCharsets.UTF_8))
                    .isEqualTo("x".repeat(SECRET.length()));
        }
    }

    @Test
    void aLinkSwappedAfterIndexingToPointOutsideIsRefusedAtReadTime() throws Exception {
        RemoteFile alias = alpha.sharing().describe(new Location(beta.id(), "share", "alias.txt"));
        Files.delete(share.resolve("alias.txt"));
        Files.createSymbolicLink(
                share.resolve("alias.txt"), secret); // same size; the index still says inside.txt's hash

        assertRefusedAtReadTime(alias);
    }

    @Test
    void aDirectorySwappedForALinkOutsideAfterIndexingIsRefusedAtReadTime() throws Exception {
        RemoteFile file = alpha.sharing().describe(new Location(beta.id(), "share", "dir/file.txt"));
        Files.move(share.resolve("dir"), dir.resolve("moved-away"));
        Path decoy = write(dir, "decoy/file.txt", "in a directory");
        Files.setLastModifiedTime(decoy, Files.getLastModifiedTime(dir.resolve("moved-away/file.txt")));
        Files.createSymbolicLink(share.resolve("dir"), decoy.getParent()); // same size and mtime outside

        assertRefusedAtReadTime(file);
    }

    private void assertRefusedAtReadTime(RemoteFile file) throws Exception {
        try (ShareClient client = alpha.sharing().open(beta.id())) {
            client.request(file.location(), file.hash().fileHash(), 0);
            byte[] chunk = new byte[file.hash().chunkSize()];
            assertThatThrownBy(() -> client.receive(chunk))
                    .isInstanceOfSatisfying(
                            RemoteShareException.class,
                            e -> assertThat(e.code()).isEqualTo(Error.Code.BAD_PATH))
                    .hasMessage("The path '" + file.location().path() + "' leads out of share 'share'.");
            assertThat(new String(chunk, StandardCharsets.ISO_8859_1))
                    .doesNotContain("SECRET")
                    .doesNotContain("in a");
        }
        awaitScan(beta, "share"); // and the node goes on serving
        assertThat(alpha.sharing().listShares(beta.id())).hasSize(1);
    }

    private static void assertBadPath(ThrowingCallable call, String path) {
        assertThatThrownBy(call)
                .as("path %s", path)
                .isInstanceOfSatisfying(
                        RemoteShareException.class, e -> assertThat(e.code()).isEqualTo(Error.Code.BAD_PATH));
    }
}
