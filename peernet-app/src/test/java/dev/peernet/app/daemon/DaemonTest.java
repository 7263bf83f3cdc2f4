package dev.peernet.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.app.api.ControlFile;
import dev.peernet.app.api.FakeNodeControl;
import dev.peernet.node.HostPort;
import dev.peernet.node.NodeConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DaemonTest {
    private static final HostPort ANY_LOOPBACK_PORT = new HostPort("127.0.0.1", 0);

    @TempDir
    Path stateDir;

    private final FakeNodeControl node = new FakeNodeControl("alpha", 1);
    private final AtomicReference<NodeConfig> started = new AtomicReference<>();

    @Test
    void theControlFileNamesTheApiAndThisProcessAndOnlyItsOwnerMayReadIt() throws IOException {
        try (Daemon daemon = start(settings())) {
            ControlFile file = ControlFile.read(stateDir).orElseThrow();

            assertThat(file.url()).isEqualTo(daemon.apiUrl()).startsWith("http://127.0.0.1:");
            assertThat(file.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(file.token()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ControlFile.path(stateDir))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void closingRemovesTheControlFileAndClosesTheNode() throws IOException {
        Daemon daemon = start(settings());

        daemon.close();

        assertThat(ControlFile.path(stateDir)).doesNotExist();
        assertThat(node.closed()).isTrue();
    }

    @Test
    void theNodeIsConfiguredFromTheSettings() throws IOException {
        DaemonSettings settings = settings()
                .withName("alpha")
                .withListen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .withDiscovery(false);

        try (Daemon daemon = start(settings)) {
            assertThat(started.get().stateDir()).isEqualTo(stateDir);
            assertThat(started.get().name()).isEqualTo("alpha");
            assertThat(started.get().listen()).containsExactly(new InetSocketAddress("127.0.0.1", 0));
            assertThat(started.get().discovery()).isFalse();
        }
    }

    @Test
    void aSecondDaemonOnTheSameStateDirIsRefused() throws IOException {
        try (Daemon first = start(settings())) {
            FakeNodeControl second = new FakeNodeControl("beta", 2);

            assertThatThrownBy(() -> Daemon.start(settings(), config -> second))
                    .isInstanceOf(IOException.class)
                    .hasMessage("A Peernet node is already running with state dir " + stateDir + " (pid "
                            + ProcessHandle.current().pid() + "); stop it first or choose another --state-dir.");
        }
    }

    @Test
    void aControlFileLeftByACrashIsReplaced() throws IOException {
        new ControlFile("http://127.0.0.1:1", "old", 999_999_999L).write(stateDir);

        try (Daemon daemon = start(settings())) {
            assertThat(ControlFile.read(stateDir).orElseThrow().url()).isEqualTo(daemon.apiUrl());
        }
    }

    @Test
    void theDefaultApiPortFallsBackToAFreePortAndSaysSo() throws IOException {
        try (ServerSocket taken = occupyDefaultApiPortUnlessAlreadyTaken();
                Daemon daemon = start(DaemonSettings.defaults(stateDir))) {
            assertThat(daemon.apiUrl()).startsWith("http://127.0.0.1:").doesNotEndWith(":7708");
            assertThat(daemon.notices())
                    .containsExactly(
                            "Control API port 7708 is taken, so the API listens on " + daemon.apiUrl() + " instead.");
        }
    }

    @Test
    void aChosenApiPortThatIsTakenFailsAndTheNodeIsClosed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DaemonSettings settings = settings().withApi(new HostPort("127.0.0.1", taken.getLocalPort()));

            assertThatThrownBy(() -> start(settings))
                    .isInstanceOf(BindException.class)
                    .hasMessageStartingWith("Cannot listen for the control API on 127.0.0.1:" + taken.getLocalPort());
            assertThat(node.closed()).isTrue();
            assertThat(ControlFile.path(stateDir)).doesNotExist();
        }
    }

    private DaemonSettings settings() {
        return DaemonSettings.defaults(stateDir).withApi(ANY_LOOPBACK_PORT);
    }

    private Daemon start(DaemonSettings settings) throws IOException {
        return Daemon.start(settings, config -> {
            started.set(config);
            return node;
        });
    }

    /** Null (nothing to close) if another process already holds the port, which is just as good. */
    private static ServerSocket occupyDefaultApiPortUnlessAlreadyTaken() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", DaemonSettings.DEFAULT_API.port()));
            return socket;
        } catch (IOException alreadyTaken) {
            socket.close();
            return null;
        }
    }
}
