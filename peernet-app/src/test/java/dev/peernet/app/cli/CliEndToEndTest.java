package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.app.api.FakeNodeControl;
import dev.peernet.app.api.Json;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.node.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two real daemons on loopback, driven through the command line as a user would. */
@Timeout(60)
class CliEndToEndTest {
    @TempDir
    Path alphaDir;

    @TempDir
    Path betaDir;

    private Daemon alpha;
    private Daemon beta;

    @BeforeEach
    void start() throws IOException {
        alpha = Daemon.start(settings(alphaDir, "alpha"));
        beta = Daemon.start(settings(betaDir, "beta"));
    }

    @AfterEach
    void stop() {
        if (alpha != null) {
            alpha.close();
        }
        if (beta != null) {
            beta.close();
        }
    }

    @Test
    void idPrintsTheFullPeerIdAlone() {
        CliRun run = CliRun.in(alphaDir, "id");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(alpha.node().id() + "\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusShowsTheNodeItsAddressesAndItsApi() {
        CliRun run = CliRun.in(alphaDir, "status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Name:         alpha\n")
                .contains("Peer ID:      " + alpha.node().id() + "\n")
                .contains(alpha.listenAddresses().getFirst())
                .contains("Connections:  0\n")
                .contains("Control API:  " + alpha.apiUrl() + "\n");
    }

    @Test
    void statusJsonHasIdNameAddressesUptimeConnectionsAndApiUrl() throws IOException {
        CliRun run = CliRun.in(alphaDir, "status", "--json");

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(json.get("id").asText()).isEqualTo(alpha.node().id().toString());
        assertThat(json.get("name").asText()).isEqualTo("alpha");
        assertThat(json.get("addresses"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(alpha.listenAddresses());
        assertThat(json.get("uptimeSeconds").asLong()).isNotNegative();
        assertThat(json.get("connections").asInt()).isZero();
        assertThat(json.get("apiUrl").asText()).isEqualTo(alpha.apiUrl());
    }

    @Test
    void connectWithoutExpectPrintsThePeerItReached() {
        CliRun run = CliRun.in(alphaDir, "connect", betaAddress());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Connected to " + beta.node().id() + " (beta) at ");
    }

    @Test
    void connectExpectingTheRightPeerSucceeds() {
        CliRun run = CliRun.in(
                alphaDir, "connect", betaAddress(), "--expect", beta.node().id().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(beta.node().id().toString());
    }

    @Test
    void connectExpectingAnotherPeerFailsAndLeavesNoConnection() {
        String stranger = FakeNodeControl.peerId(42).toString();

        CliRun run = CliRun.in(alphaDir, "connect", betaAddress(), "--expect", stranger);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("Expected peer " + stranger + " at ")
                .contains("but reached " + beta.node().id())
                .doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(alpha.node().peers()).isEmpty();
    }

    @Test
    void connectToAClosedPortFailsInOneSentenceNamingTheAddress() throws IOException {
        String closed = closedLoopbackAddress();

        CliRun run = CliRun.in(alphaDir, "connect", closed);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(closed).endsWith(".\n").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void peersJsonListsTheConnectedPeerWithItsFullIdAsId() throws IOException {
        CliRun.in(alphaDir, "connect", betaAddress());

        JsonNode json =
                Json.mapper().readTree(CliRun.in(alphaDir, "peers", "--json").out());

        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(1);
        JsonNode peer = json.get(0);
        assertThat(peer.get("id").asText()).isEqualTo(beta.node().id().toString());
        assertThat(peer.get("name").asText()).isEqualTo("beta");
        assertThat(peer.get("direction").asText()).isEqualTo("outbound");
        assertThat(peer.has("rttMs")).isTrue();
        assertThat(peer.get("connectedSince").asText()).isNotBlank();
        assertThat(peer.get("listenAddresses").isArray()).isTrue();
    }

    @Test
    void theDialledPeerSeesTheConnectionAsInbound() {
        CliRun.in(alphaDir, "connect", betaAddress());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(CliRun.in(betaDir, "peers").out())
                        .contains(alpha.node().id().shortForm())
                        .contains("inbound"));
    }

    @Test
    void pingByNameReportsEachRoundTripAndASummary() {
        betaJoinsAlphasNetwork();
        CliRun.in(alphaDir, "connect", betaAddress());

        CliRun run = CliRun.in(alphaDir, "ping", "beta", "-c", "2", "-i", "100ms");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        String shortId = beta.node().id().shortForm();
        assertThat(lines.get(0)).matches("Reply from " + shortId + " \\(beta\\): seq=1 time=[0-9.]+ ms");
        assertThat(lines.get(1)).matches("Reply from " + shortId + " \\(beta\\): seq=2 time=[0-9.]+ ms");
        assertThat(lines.get(2)).isEqualTo("--- " + shortId + " ping statistics ---");
        assertThat(lines.get(3)).startsWith("2 sent, 2 received, 0% lost, rtt min/avg/max = ");
    }

    @Test
    void pingByShortIdWorksToo() {
        betaJoinsAlphasNetwork();
        CliRun.in(alphaDir, "connect", betaAddress());

        CliRun run = CliRun.in(alphaDir, "ping", beta.node().id().shortForm(), "-c", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1 sent, 1 received, 0% lost");
    }

    @Test
    void pingOfANodeInAnotherNetworkIsRefusedWithTheReason() {
        CliRun.in(alphaDir, "connect", betaAddress());

        CliRun run = CliRun.in(alphaDir, "ping", "beta", "-c", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("only members of network beta's network may use /peernet/ping/1; ask a member for an invite.")
                .contains("1 sent, 0 received, 100% lost");
    }

    @Test
    void aNodeJoinsWithAnInviteCodeAndBothSeeTwoMembers() throws IOException {
        CliRun invite = CliRun.in(alphaDir, "invite");
        String code = invite.out().lines().toList().getLast();

        CliRun join = CliRun.in(betaDir, "join", code);

        assertThat(invite.exitCode()).isZero();
        assertThat(join.exitCode()).isZero();
        String networkId = alpha.node().network().id().toString();
        assertThat(join.out()).isEqualTo("Joined network alpha's network (" + networkId + "), 2 members.\n");
        JsonNode onAlpha = networkJson(alphaDir);
        JsonNode onBeta = networkJson(betaDir);
        assertThat(onAlpha.get("members").asInt()).isEqualTo(2);
        assertThat(onAlpha.get("role").asText()).isEqualTo("admin");
        assertThat(onBeta.get("id").asText()).isEqualTo(networkId);
        assertThat(onBeta.get("members").asInt()).isEqualTo(2);
        assertThat(onBeta.get("role").asText()).isEqualTo("member");
        assertThat(onBeta.get("memberList"))
                .extracting(m -> m.get("id").asText())
                .containsExactlyInAnyOrder(
                        alpha.node().id().toString(), beta.node().id().toString());
    }

    @Test
    void networkListsTheMembersByShortIdNameAndRole() {
        betaJoinsAlphasNetwork();

        CliRun run = CliRun.in(betaDir, "network");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Network:    alpha's network\n")
                .contains("Members:    2\n")
                .contains("This node:  member\n")
                .contains(alpha.node().id().shortForm() + "  alpha  admin\n")
                .contains(beta.node().id().shortForm() + "  beta   member\n");
    }

    @Test
    void aSecondJoinWithTheSameCodeIsRefusedAsAlreadyUsed(@TempDir Path gammaDir) throws IOException {
        String code = betaJoinsAlphasNetwork();

        try (Daemon gamma = Daemon.start(settings(gammaDir, "gamma"))) {
            CliRun run = CliRun.in(gammaDir, "join", code);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("This invite code was already used. Ask for a new one.\n");
            assertThat(run.out()).isEmpty();
            assertThat(gamma.node().network().members().size()).isEqualTo(1);
        }
    }

    @Test
    void removeByAMemberWhoIsNotAnAdminIsRefused() {
        betaJoinsAlphasNetwork();

        CliRun run = CliRun.in(betaDir, "remove", "alpha");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("Only admins can remove members, and this node is not one. Admins: alpha ("
                        + alpha.node().id().shortForm() + ").\n");
        assertThat(alpha.node().network().members().size()).isEqualTo(2);
    }

    @Test
    void anAdminRemovesAMember() throws IOException {
        betaJoinsAlphasNetwork();

        CliRun run = CliRun.in(alphaDir, "remove", "beta", "--reason", "lost laptop");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Removed beta (" + beta.node().id().shortForm() + ") from the network.\n");
        assertThat(networkJson(alphaDir).get("members").asInt()).isEqualTo(1);
    }

    @Test
    void aRemovedMemberThatConnectsIsToldInOneSentenceAndKeepsNoConnection() {
        betaJoinsAlphasNetwork();
        assertThat(CliRun.in(alphaDir, "remove", "beta").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> beta.node().peers().isEmpty());

        CliRun run = CliRun.in(betaDir, "connect", alpha.listenAddresses().getFirst());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("This node was removed from network alpha's network, so its members no longer accept its"
                        + " connections.\n");
        assertThat(run.out()).isEmpty();
        assertThat(beta.node().peers()).isEmpty();
    }

    @Test
    void aGrantedAdminSeesItsNewRole() {
        betaJoinsAlphasNetwork();

        CliRun run = CliRun.in(alphaDir, "grant", "beta", "admin");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("beta (" + beta.node().id().shortForm() + ") is now an admin.\n");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(networkJson(betaDir).get("role").asText()).isEqualTo("admin"));
    }

    /** Beta joins alpha's network through the CLI, as members' streams need; returns the used code. */
    @Test
    void afterAJoinEachListsTheOtherAsAnAliveMemberWithIdNameStateAddressesAndRtt() {
        betaJoinsAlphasNetwork();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode peers =
                    Json.mapper().readTree(CliRun.in(betaDir, "peers", "--json").out());
            assertThat(peers).hasSize(1);
            JsonNode peer = peers.get(0);
            assertThat(peer.get("id").asText()).isEqualTo(alpha.node().id().toString());
            assertThat(peer.get("name").asText()).isEqualTo("alpha");
            assertThat(peer.get("state").asText()).isEqualTo("alive");
            assertThat(peer.get("addresses")).isNotEmpty();
            assertThat(peer.get("rttMs").isNumber()).isTrue();
        });
        assertThat(CliRun.in(alphaDir, "peers").out()).contains("beta").contains("alive");
    }

    @Test
    void doctorOnARealNodeShowsLoopbackWithItsPrefixAndTheListenerReachable() throws IOException {
        CliRun run = CliRun.in(alphaDir, "doctor", "--json");

        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(report.get("interfaces"))
                .anySatisfy(i -> assertThat(i.get("addresses").toString()).contains("127.0.0.1/8"));
        assertThat(report.get("listening"))
                .singleElement()
                .satisfies(l -> assertThat(l.get("reachable").asBoolean()).isTrue());
        assertThat(run.exitCode()).isEqualTo(report.get("problems").isEmpty() ? 0 : 1);
    }

    private String betaJoinsAlphasNetwork() {
        CliRun invite = CliRun.in(alphaDir, "invite");
        assertThat(invite.exitCode()).as(invite.err()).isZero();
        String code = invite.out().lines().toList().getLast();
        CliRun join = CliRun.in(betaDir, "join", code);
        assertThat(join.exitCode()).as(join.err()).isZero();
        return code;
    }

    private static JsonNode networkJson(Path stateDir) throws IOException {
        return Json.mapper().readTree(CliRun.in(stateDir, "network", "--json").out());
    }

    private static String closedLoopbackAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private String betaAddress() {
        return beta.listenAddresses().getFirst();
    }

    @Test
    void aShareOnARealNodeIsIndexedAndARestartedNodeCatchesUpWithFilesAddedMeanwhile(@TempDir Path files)
            throws IOException {
        Files.writeString(files.resolve("a.txt"), "alpha");

        CliRun add = CliRun.in(alphaDir, "share", "add", files.toString(), "--name", "docs", "--to", "alpha");
        alpha.close();
        Files.writeString(files.resolve("b.txt"), "beta");
        alpha = Daemon.start(settings(alphaDir, "alpha"));

        assertThat(add.exitCode()).isZero();
        assertThat(add.out()).endsWith("Indexed 1 file, 5 B.\n");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode share = Json.mapper()
                    .readTree(CliRun.in(alphaDir, "share", "ls", "--json").out())
                    .get(0);
            assertThat(share.get("files").asLong()).isEqualTo(2);
            assertThat(share.get("scanning").asBoolean()).isFalse();
            assertThat(share.get("to").get(0).asText())
                    .isEqualTo(alpha.node().id().toString());
        });
    }

    private static DaemonSettings settings(Path stateDir, String name) {
        return DaemonSettings.defaults(stateDir)
                .withName(name)
                .withListen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .withApi(new HostPort("127.0.0.1", 0))
                .withDiscovery(false);
    }
}
