package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.app.api.FakeNodeControl;
import dev.peernet.app.api.Json;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.identity.PeerId;
import dev.peernet.node.HostPort;
import dev.peernet.node.PeerInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a real daemon and control API whose node is a fake. */
@Timeout(60)
class CliWithFakeNodeTest {
    @TempDir
    Path stateDir;

    private final FakeNodeControl node = new FakeNodeControl("alpha", 1);
    private final PeerInfo beta =
            FakeNodeControl.peer(FakeNodeControl.peerId(2), "beta", "127.0.0.1:7001", Optional.empty());
    private final PeerInfo silent =
            FakeNodeControl.peer(FakeNodeControl.peerId(3), "silent", "127.0.0.1:7003", Optional.empty());
    private Daemon daemon;

    @BeforeEach
    void start() throws IOException {
        node.reachable("127.0.0.1:7001", beta, Duration.ofNanos(412_000)).connected(silent);
        DaemonSettings settings = DaemonSettings.defaults(stateDir).withApi(new HostPort("127.0.0.1", 0));
        daemon = Daemon.start(settings, config -> node);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void idPrintsTheFullPeerIdAlone() {
        CliRun run = CliRun.in(stateDir, "id");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(node.id() + "\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aControlApiOnIpv6LoopbackServesCommandsToo(@TempDir Path otherDir) throws IOException {
        DaemonSettings settings = DaemonSettings.defaults(otherDir).withApi(new HostPort("::1", 0));

        try (Daemon onIpv6 = Daemon.start(settings, config -> new FakeNodeControl("v6", 6))) {
            CliRun run = CliRun.in(otherDir, "id");

            assertThat(onIpv6.apiUrl()).startsWith("http://[");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo(FakeNodeControl.peerId(6) + "\n");
        }
    }

    @Test
    void statusShowsNameIdAddressesAndApi() {
        CliRun run = CliRun.in(stateDir, "status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Name:         alpha\n")
                .contains("Peer ID:      " + node.id() + "\n")
                .contains("Addresses:    127.0.0.1:7707\n")
                .contains("Connections:  1\n")
                .contains("Control API:  " + daemon.apiUrl() + "\n");
    }

    @Test
    void statusJsonHasTheDocumentedFields() throws IOException {
        JsonNode json =
                Json.mapper().readTree(CliRun.in(stateDir, "status", "--json").out());

        assertThat(json.get("id").asText()).isEqualTo(node.id().toString());
        assertThat(json.get("name").asText()).isEqualTo("alpha");
        assertThat(json.get("addresses").get(0).asText()).isEqualTo("127.0.0.1:7707");
        assertThat(json.get("uptimeSeconds").isIntegralNumber()).isTrue();
        assertThat(json.get("connections").asInt()).isEqualTo(1);
        assertThat(json.get("apiUrl").asText()).isEqualTo(daemon.apiUrl());
    }

    @Test
    void connectPrintsThePeerItReached() {
        CliRun run = CliRun.in(
                stateDir, "connect", "127.0.0.1:7001", "--expect", beta.id().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Connected to " + beta.id() + " (beta) at 127.0.0.1:7001.\n");
    }

    @Test
    void connectReachingAnotherPeerThanExpectedFails() {
        PeerId other = FakeNodeControl.peerId(9);

        CliRun run = CliRun.in(stateDir, "connect", "127.0.0.1:7001", "--expect", other.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("Expected peer " + other + " at 127.0.0.1:7001 but reached " + beta.id()
                        + "; the connection was refused.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void connectExpectingAMistypedIdIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "connect", "127.0.0.1:7001", "--expect", "ABCDEFG");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("Invalid value for option '--expect': a peer ID has 56 characters (dashes aside), "
                        + "but 'ABCDEFG' has 7; see 'peernet connect --help'.\n");
    }

    @Test
    void connectToNobodyFailsNamingTheAddress() {
        CliRun run = CliRun.in(stateDir, "connect", "127.0.0.1:7002");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Could not connect to 127.0.0.1:7002: connection refused.\n");
    }

    @Test
    void peersListsOneRowPerPeer() {
        CliRun.in(stateDir, "connect", "127.0.0.1:7001");

        CliRun run = CliRun.in(stateDir, "peers");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().toList().get(0)).startsWith("PEER");
        assertThat(run.out()).contains(beta.id().shortForm() + "  beta ");
    }

    @Test
    void peersJsonIsAnArrayWhoseElementsCarryTheFullIdAsId() throws IOException {
        CliRun.in(stateDir, "connect", "127.0.0.1:7001");

        JsonNode json =
                Json.mapper().readTree(CliRun.in(stateDir, "peers", "--json").out());

        assertThat(json.isArray()).isTrue();
        assertThat(json)
                .extracting(peer -> peer.get("id").asText())
                .containsExactlyInAnyOrder(silent.id().toString(), beta.id().toString());
    }

    @Test
    void pingPrintsOneLinePerRoundTripAndASummary() {
        CliRun.in(stateDir, "connect", "127.0.0.1:7001");

        CliRun run = CliRun.in(stateDir, "ping", "beta", "-c", "2", "-i", "10ms");

        String shortId = beta.id().shortForm();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                        Reply from %s (beta): seq=1 time=0.412 ms
                        Reply from %s (beta): seq=2 time=0.412 ms
                        --- %s ping statistics ---
                        2 sent, 2 received, 0%% lost, rtt min/avg/max = 0.412/0.412/0.412 ms
                        """.formatted(shortId, shortId, shortId));
    }

    @Test
    void pingWithoutRepliesCountsTheLossAndFails() {
        CliRun run = CliRun.in(stateDir, "ping", silent.id().shortForm(), "-c", "2", "-i", "10ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("No reply: seq=1 Peer " + silent.id().shortForm() + " did not answer: The ping timed out.\n")
                .endsWith("2 sent, 0 received, 100% lost\n");
    }

    @Test
    void pingOfAnUnknownPeerFailsAtOnce() {
        CliRun run = CliRun.in(stateDir, "ping", "zeta", "-c", "3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("No connected peer matches 'zeta'.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void pingCountMustBePositive() {
        CliRun run = CliRun.in(stateDir, "ping", "beta", "-c", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--count must be at least 1; see 'peernet ping --help'.\n");
    }
}
