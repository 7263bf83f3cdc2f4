package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.app.api.GetRequest;
import dev.peernet.app.api.Json;
import dev.peernet.app.api.TransferResponse;
import dev.peernet.app.client.ControlClient;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.node.HostPort;
import dev.peernet.node.NodeConfig;
import dev.peernet.send.AcceptPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharing as a user drives it: real daemons on loopback in one network, a folder shared on one,
 * browsed, searched, fetched and sent to from the others through the command line.
 */
@Timeout(120)
class CliSharingTest {
    @TempDir
    Path root;

    private final List<Daemon> daemons = new ArrayList<>();
    private Path alphaDir;
    private Path betaDir;
    private Path docs;
    private byte[] big;

    @BeforeEach
    void start() throws IOException {
        alphaDir = root.resolve("alpha");
        betaDir = root.resolve("beta");
        start(alphaDir, "alpha", NodeConfig.Sharing.DEFAULTS);
        start(betaDir, "beta", NodeConfig.Sharing.DEFAULTS);
        join(betaDir, alphaDir);
        docs = Files.createDirectories(root.resolve("files/docs"));
        Files.writeString(docs.resolve("readme.txt"), "hello from alpha");
        big = new byte[3 * 1024 * 1024 + 17]; // several 256 KiB chunks and a short last one
        new Random(7).nextBytes(big);
        Files.write(Files.createDirectories(docs.resolve("sub")).resolve("big.bin"), big);
        assertThat(CliRun.in(alphaDir, "share", "add", docs.toString()).exitCode())
                .isZero();
    }

    @AfterEach
    void stop() {
        daemons.forEach(Daemon::close);
    }

    @Test
    void lsListsAMembersSharesAndTheDirectoriesInThem() {
        CliRun shares = CliRun.in(betaDir, "ls", "alpha");
        CliRun top = CliRun.in(betaDir, "ls", "alpha:docs");
        CliRun sub = CliRun.in(betaDir, "ls", "alpha:docs/sub");

        assertThat(shares.exitCode()).isZero();
        assertThat(shares.out()).contains("docs").contains("read-only").contains("2");
        assertThat(top.out())
                .contains("file")
                .contains("readme.txt")
                .contains("dir")
                .contains("sub/");
        assertThat(sub.out()).contains("big.bin").contains("3.0 MiB");
    }

    @Test
    void findStreamsMatchesWithPeerSharePathAndSize() {
        CliRun run = CliRun.in(betaDir, "find", "*.bin");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("alpha:docs/sub/big.bin  3.0 MiB").endsWith("1 match.\n");
    }

    @Test
    void getFetchesAFileIntoAnExistingDirectoryWithPlainProgressLines(@TempDir Path dest) throws IOException {
        CliRun run = CliRun.in(betaDir, "get", "alpha:docs/sub/big.bin", dest.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dest.resolve("big.bin")).hasBinaryContent(big);
        assertThat(run.out()).contains("Done: ");
        try (var left = Files.list(dest)) {
            assertThat(left.toList()).containsExactly(dest.resolve("big.bin")); // no part file left
        }
    }

    @Test
    void getFetchesAWholeDirectoryToANewPath() {
        Path dest = root.resolve("copy-of-docs");

        CliRun run = CliRun.in(betaDir, "get", "alpha:docs", dest.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dest.resolve("readme.txt")).hasContent("hello from alpha");
        assertThat(dest.resolve("sub/big.bin")).hasBinaryContent(big);
    }

    @Test
    void getOfAPathThatIsNotThereFailsInOneSentence() {
        CliRun run = CliRun.in(betaDir, "get", "alpha:docs/nope.txt", root.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("nope.txt").doesNotContain("Exception");
    }

    @Test
    void aStatusRequestThatMayWaitReturnsAsSoonAsTheTransferEnds(@TempDir Path dest) throws IOException {
        try (ControlClient client = ControlClient.open(betaDir)) {
            String alpha = CliRun.in(alphaDir, "id").out().strip();
            TransferResponse started = client.get(new GetRequest(alpha, "docs", "sub/big.bin", dest.toString()));
            long before = System.nanoTime();

            TransferResponse ended = client.transfer(started.id(), Duration.ofMinutes(1));

            assertThat(ended.state()).isEqualTo("complete");
            assertThat(Duration.ofNanos(System.nanoTime() - before)) // the daemon waits 5 s at most
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(dest.resolve("big.bin")).hasBinaryContent(big);
        }
    }

    @Test
    void transfersListsAFinishedFetchWithItsSource() throws IOException {
        CliRun.in(betaDir, "get", "alpha:docs/readme.txt", root.toString());

        JsonNode transfers =
                Json.mapper().readTree(CliRun.in(betaDir, "transfers", "--json").out());

        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).get("state").asText()).isEqualTo("complete");
        assertThat(transfers.get(0).get("sources").get(0).get("name").asText()).isEqualTo("alpha");
        assertThat(CliRun.in(betaDir, "transfers").out()).contains("complete").contains("alpha:docs/readme.txt");
    }

    @Test
    void sendPutsFilesInTheReceiversInboxWithoutReplacingWhatIsThere() throws IOException {
        Path inbox = betaDir.resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("readme.txt"), "beta's own");

        CliRun run =
                CliRun.in(alphaDir, "send", "beta", docs.resolve("readme.txt").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(inbox.resolve("readme.txt")).hasContent("beta's own");
        assertThat(inbox.resolve("readme (1).txt")).hasContent("hello from alpha");
    }

    @Test
    void withTheAskPolicyAnOfferWaitsUntilTheReceiverAcceptsIt() throws IOException {
        Path gammaDir = root.resolve("gamma");
        start(gammaDir, "gamma", new NodeConfig.Sharing(0, Optional.empty(), AcceptPolicy.ASK));
        join(gammaDir, alphaDir);

        CliRun offered = CliRun.in(alphaDir, "send", "gamma", docs.toString(), "--no-wait");
        assertThat(offered.out()).contains("is pending");
        String pending = await().atMost(Duration.ofSeconds(10))
                .until(() -> CliRun.in(gammaDir, "accept").out(), out -> out.contains("from alpha"));
        CliRun accepted = CliRun.in(gammaDir, "accept", pending.substring(0, 8));

        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(gammaDir.resolve("inbox/docs/sub/big.bin")).hasBinaryContent(big));
    }

    @Test
    void aPendingOfferOutlivesARestartOfTheReceiverAndIsAcceptedAfterIt() throws IOException {
        Path gammaDir = root.resolve("gamma");
        String pending = pendingOfferFromAlpha(gammaDir);

        daemons.removeLast().close();
        start(gammaDir, "gamma", ASK);

        assertThat(CliRun.in(gammaDir, "accept").out())
                .as("still waiting after the restart")
                .contains(pending.substring(0, 8))
                .contains("from alpha");
        CliRun accepted = await().atMost(Duration.ofSeconds(20))
                .until(() -> CliRun.in(gammaDir, "accept", pending.substring(0, 8)), r -> r.exitCode() == 0);
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(gammaDir.resolve("inbox/docs/sub/big.bin")).hasBinaryContent(big));

        daemons.removeLast().close();
        start(gammaDir, "gamma", ASK);
        assertThat(CliRun.in(gammaDir, "accept").out())
                .as("an accepted offer does not wait again")
                .doesNotContain(pending.substring(0, 8));
    }

    @Test
    void aDeclinedOfferDoesNotComeBackAfterARestart() throws IOException {
        Path gammaDir = root.resolve("gamma");
        String pending = pendingOfferFromAlpha(gammaDir);
        assertThat(CliRun.in(gammaDir, "decline", pending.substring(0, 8)).exitCode())
                .isZero();

        daemons.removeLast().close();
        start(gammaDir, "gamma", ASK);

        assertThat(CliRun.in(gammaDir, "accept").out()).doesNotContain(pending.substring(0, 8));
    }

    @Test
    void aSenderThatWasDownWhenItsSendArrivedHearsOfItOnceItIsConnectedAgain() throws IOException {
        daemons.removeFirst().close(); // alpha again, its upload capped so that the send lasts
        start(alphaDir, "alpha", new NodeConfig.Sharing(300_000, Optional.empty(), AcceptPolicy.AUTO));
        Daemon alpha = daemons.getLast();
        Path gammaDir = root.resolve("gamma");
        start(gammaDir, "gamma", NodeConfig.Sharing.DEFAULTS);
        Daemon gamma = daemons.getLast();
        join(gammaDir, alphaDir);
        assertThat(CliRun.in(
                                alphaDir,
                                "send",
                                "gamma",
                                docs.resolve("sub/big.bin").toString(),
                                "--no-wait")
                        .exitCode())
                .isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sendOf(gammaDir).get("bytesDone").asLong() > 0);

        // Alpha goes away; beta shares the same file, and gamma finishes the send from it.
        daemons.remove(alpha);
        alpha.close();
        Path copy = Files.createDirectories(root.resolve("files/copy"));
        Files.write(copy.resolve("big.bin"), big);
        assertThat(CliRun.in(betaDir, "share", "add", copy.toString()).exitCode())
                .isZero();
        Daemon beta = daemons.getFirst();
        assertThat(CliRun.in(gammaDir, "connect", beta.listenAddresses().getFirst())
                        .exitCode())
                .isZero(); // as discovery on a LAN would
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(gammaDir.resolve("inbox/big.bin"))
                        .as("%s", sendOf(gammaDir))
                        .hasBinaryContent(big));

        start(alphaDir, "alpha", NodeConfig.Sharing.DEFAULTS); // its send, kept, waits for news
        assertThat(CliRun.in(alphaDir, "connect", gamma.listenAddresses().getFirst())
                        .exitCode())
                .isZero();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> sendOf(alphaDir).get("state").asText(), "complete"::equals);
    }

    @Test
    void withTheRefusePolicyASendFailsWithTheReceiversReason() throws IOException {
        Path gammaDir = root.resolve("gamma");
        start(gammaDir, "gamma", new NodeConfig.Sharing(0, Optional.empty(), AcceptPolicy.REFUSE));
        join(gammaDir, alphaDir);

        CliRun run =
                CliRun.in(alphaDir, "send", "gamma", docs.resolve("readme.txt").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("does not accept files");
    }

    @Test
    void sendIntoAWritableShareLandsThereAndIntoAReadOnlyOneIsRefused() throws IOException {
        Path drop = Files.createDirectories(root.resolve("files/drop"));
        CliRun.in(betaDir, "share", "add", drop.toString(), "--writable");
        Path ro = Files.createDirectories(root.resolve("files/ro"));
        CliRun.in(betaDir, "share", "add", ro.toString());

        CliRun into = CliRun.in(
                alphaDir,
                "send",
                "beta:drop/incoming",
                docs.resolve("readme.txt").toString());
        CliRun refused = CliRun.in(
                alphaDir, "send", "beta:ro", docs.resolve("readme.txt").toString());

        assertThat(into.exitCode()).as(into.err()).isZero();
        assertThat(drop.resolve("incoming/readme.txt")).hasContent("hello from alpha");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("read-only");
        try (var left = Files.list(ro)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    /**
     * Beta shares, writable, the folder that holds its own state directory (as a home folder
     * would). A send into the state directory through it is refused as a folder that is not there,
     * and nothing arrives in it; a send beside it still lands.
     */
    @Test
    void aSendIntoTheNodesStateDirectoryThroughAWritableShareThatHoldsItIsRefused() throws IOException {
        CliRun shared = CliRun.in(betaDir, "share", "add", root.toString(), "--name", "home", "--writable");
        assertThat(shared.exitCode()).as(shared.err()).isZero();

        CliRun into = CliRun.in(
                alphaDir, "send", "beta:home/beta", docs.resolve("readme.txt").toString());
        CliRun below = CliRun.in(
                alphaDir,
                "send",
                "beta:home/beta/inbox",
                docs.resolve("readme.txt").toString());
        CliRun beside = CliRun.in(
                alphaDir, "send", "beta:home/drop", docs.resolve("readme.txt").toString());

        assertThat(into.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(into.err()).contains("There is no folder 'beta' in share 'home'.");
        assertThat(below.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(below.err()).contains("There is no folder 'beta/inbox' in share 'home'.");
        assertThat(beside.exitCode()).as(beside.err()).isZero();
        assertThat(root.resolve("drop/readme.txt")).hasContent("hello from alpha");
        assertThat(tree(betaDir))
                .filteredOn(p -> p.toString().contains("readme"))
                .isEmpty();
    }

    /**
     * The same share, reached through a link in it to the state directory, or through a broken
     * link: the first is refused as that folder is, the second in words with no path of beta's
     * machine.
     */
    @Test
    void aSendThroughALinkToTheStateDirectoryIsRefusedAndABrokenLinkIsToldWithoutPaths() throws IOException {
        CliRun shared = CliRun.in(betaDir, "share", "add", root.toString(), "--name", "home", "--writable");
        assertThat(shared.exitCode()).as(shared.err()).isZero();
        Files.createSymbolicLink(root.resolve("keys"), betaDir);
        Files.createSymbolicLink(root.resolve("old"), root.resolve("nowhere"));

        CliRun linked = CliRun.in(
                alphaDir, "send", "beta:home/keys", docs.resolve("readme.txt").toString());
        CliRun broken = CliRun.in(
                alphaDir, "send", "beta:home/old/x", docs.resolve("readme.txt").toString());

        assertThat(linked.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(linked.err()).contains("There is no folder 'keys' in share 'home'.");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(broken.err()).contains("in share 'home'").doesNotContain(root.toString());
        assertThat(tree(betaDir))
                .filteredOn(p -> p.toString().contains("readme"))
                .isEmpty();
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.map(dir::relativize).toList();
        }
    }

    /** The node's first transfer (or outgoing send) in {@code transfers --json}; {@code state} "none" before one. */
    private static JsonNode sendOf(Path stateDir) throws IOException {
        JsonNode all = Json.mapper()
                .readTree(CliRun.in(stateDir, "transfers", "--json").out());
        return all.isEmpty() ? Json.mapper().readTree("{\"state\": \"none\", \"bytesDone\": 0}") : all.get(0);
    }

    private static final NodeConfig.Sharing ASK = new NodeConfig.Sharing(0, Optional.empty(), AcceptPolicy.ASK);

    /** Starts gamma with the ask policy in alpha's network, and has alpha send it docs; returns the pending offer's line. */
    private String pendingOfferFromAlpha(Path gammaDir) throws IOException {
        start(gammaDir, "gamma", ASK);
        join(gammaDir, alphaDir);
        CliRun.in(alphaDir, "send", "gamma", docs.toString(), "--no-wait");
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> CliRun.in(gammaDir, "accept").out(), out -> out.contains("from alpha"));
    }

    private void start(Path stateDir, String name, NodeConfig.Sharing sharing) throws IOException {
        DaemonSettings settings = DaemonSettings.defaults(stateDir)
                .withName(name)
                .withListen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .withApi(new HostPort("127.0.0.1", 0))
                .withDiscovery(false)
                .withSharing(sharing);
        daemons.add(Daemon.start(settings));
    }

    /** Joins {@code newcomer} to {@code inviter}'s network with a real invite, as a user does. */
    private static void join(Path newcomer, Path inviter) {
        String[] lines = CliRun.in(inviter, "invite").out().strip().split("\n");
        CliRun joined = CliRun.in(newcomer, "join", lines[lines.length - 1]);
        assertThat(joined.exitCode()).as(joined.err()).isZero();
    }
}
