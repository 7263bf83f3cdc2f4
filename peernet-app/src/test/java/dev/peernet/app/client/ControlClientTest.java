package dev.peernet.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.app.api.ControlFile;
import dev.peernet.app.api.FakeNodeControl;
import dev.peernet.app.api.MemberResponse;
import dev.peernet.app.api.NetworkResponse;
import dev.peernet.app.api.PingRequest;
import dev.peernet.app.api.RemoveRequest;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.node.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ControlClientTest {
    @TempDir
    Path stateDir;

    private final String noNode = "No Peernet node is running with state dir %s (start one with: peernet up).";

    @Test
    void withoutAControlFileNoNodeIsRunning() {
        assertThatThrownBy(() -> ControlClient.open(stateDir))
                .isInstanceOf(NoNodeRunningException.class)
                .hasMessage(noNode.formatted(stateDir));
    }

    @Test
    void aControlFileOfADeadProcessMeansNoNodeIsRunning() throws IOException {
        new ControlFile("http://127.0.0.1:7708", "token", 999_999_999L).write(stateDir);

        assertThatThrownBy(() -> ControlClient.open(stateDir)).isInstanceOf(NoNodeRunningException.class);
    }

    @Test
    void anApiThatRefusesConnectionsMeansNoNodeIsRunning() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        new ControlFile(
                        "http://127.0.0.1:" + closedPort,
                        "token",
                        ProcessHandle.current().pid())
                .write(stateDir);

        try (ControlClient client = ControlClient.open(stateDir)) {
            assertThatThrownBy(client::status)
                    .isInstanceOf(NoNodeRunningException.class)
                    .hasMessage(noNode.formatted(stateDir));
        }
    }

    @Test
    void aWrongTokenIsExplained() throws IOException {
        try (Daemon daemon = startDaemon()) {
            new ControlFile(daemon.apiUrl(), "stolen", ProcessHandle.current().pid()).write(stateDir);

            try (ControlClient client = ControlClient.open(stateDir)) {
                assertThatThrownBy(client::status)
                        .isInstanceOfSatisfying(
                                ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                        .hasMessage("The node rejected the token in " + ControlFile.path(stateDir)
                                + "; another node may have replaced it, so restart this one.");
            }
        }
    }

    @Test
    void theApisErrorSentenceAndStatusReachTheCaller() throws IOException {
        try (Daemon daemon = startDaemon();
                ControlClient client = ControlClient.open(stateDir)) {
            assertThatThrownBy(() -> client.ping(new PingRequest("gamma")))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
                    .hasMessage("No connected peer matches 'gamma'.");
        }
    }

    @Test
    void theNetworkAndItsMembersReachTheCaller() throws IOException {
        try (Daemon daemon = startDaemon();
                ControlClient client = ControlClient.open(stateDir)) {
            NetworkResponse network = client.network();

            assertThat(network.name()).isEqualTo("alpha's network");
            assertThat(network.role()).isEqualTo("admin");
            assertThat(network.memberList()).extracting(MemberResponse::name).containsExactly("alpha");
        }
    }

    @Test
    void aRefusedMemberChangeReachesTheCallerWithItsStatus() throws IOException {
        try (Daemon daemon = startDaemon();
                ControlClient client = ControlClient.open(stateDir)) {
            assertThatThrownBy(() -> client.remove(new RemoveRequest("alpha", null)))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessage("A node cannot remove itself.");
        }
    }

    private Daemon startDaemon() throws IOException {
        DaemonSettings settings = DaemonSettings.defaults(stateDir).withApi(new HostPort("127.0.0.1", 0));
        return Daemon.start(settings, config -> new FakeNodeControl("alpha", 1));
    }
}
