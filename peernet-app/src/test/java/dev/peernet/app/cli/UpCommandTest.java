package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.app.api.ControlFile;
import dev.peernet.app.daemon.ConfigFile;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.identity.NodeIdentity;
import dev.peernet.node.HostPort;
import dev.peernet.node.NodeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpCommandTest {
    private static final Path HOME = Path.of("/home/ada");

    @TempDir
    Path stateDir;

    @Test
    void everyOptionReachesTheDaemonSettings() {
        DaemonSettings settings = parse(
                        "up",
                        "--state-dir=/srv/peernet",
                        "--name",
                        "alpha",
                        "--listen",
                        "127.0.0.1:0",
                        "--listen",
                        "[::1]:7000",
                        "--api",
                        "127.0.0.1:9000",
                        "--peer",
                        "10.1.2.3:7707",
                        "--peer",
                        "example.org:7707",
                        "--no-discovery",
                        "--interface",
                        "eth0",
                        "--interface",
                        "wlan0",
                        "--keepalive",
                        "2s",
                        "--dead-timeout",
                        "7s",
                        "--idle-timeout",
                        "5m")
                .settings();

        assertThat(settings.stateDir()).isEqualTo(Path.of("/srv/peernet"));
        assertThat(settings.name()).contains("alpha");
        assertThat(settings.listen())
                .containsExactly(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("::1", 7000));
        assertThat(settings.api()).contains(new HostPort("127.0.0.1", 9000));
        assertThat(settings.peers()).containsExactly(new HostPort("10.1.2.3", 7707), new HostPort("example.org", 7707));
        assertThat(settings.discovery()).isFalse();
        assertThat(settings.interfaces()).containsExactly("eth0", "wlan0");
        assertThat(settings.timeouts())
                .isEqualTo(new NodeConfig.Timeouts(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(7),
                        Duration.ofMinutes(5),
                        NodeConfig.Timeouts.DEFAULTS.handshake()));
    }

    @Test
    void withoutOptionsTheDaemonUsesItsDefaults() {
        DaemonSettings settings = parse("up").settings();

        assertThat(settings.stateDir()).isEqualTo(HOME.resolve(".peernet"));
        assertThat(settings.name()).isEmpty();
        assertThat(settings.listen()).isEmpty();
        assertThat(settings.api()).isEmpty();
        assertThat(settings.peers()).isEmpty();
        assertThat(settings.discovery()).isTrue();
        assertThat(settings.timeouts()).isEqualTo(NodeConfig.Timeouts.DEFAULTS);
    }

    @Test
    void theStateDirMayAlsoComeBeforeTheCommand() {
        assertThat(parse("--state-dir", "/srv/a", "up").settings().stateDir()).isEqualTo(Path.of("/srv/a"));
    }

    @Test
    void aMalformedListenAddressIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "up", "--listen", "7707");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("Invalid value for option '--listen' (HOST:PORT): '7707' is not HOST:PORT "
                        + "(for example 127.0.0.1:7707); see 'peernet up --help'.\n");
    }

    @Test
    void aMalformedDurationIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "up", "--keepalive", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--keepalive': 'soon' is not a duration");
    }

    @Test
    void aDeadTimeoutNoLongerThanTheKeepaliveIsAUsageError() {
        CliRun run = CliRun.in(stateDir, "up", "--keepalive", "10s", "--dead-timeout", "10s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("The dead timeout must be longer than the keepalive interval.\n");
    }

    @Test
    void aControlApiOffLoopbackIsRefused() {
        CliRun run = CliRun.in(stateDir, "up", "--api", "0.0.0.0:7708");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("The control API listens only on loopback addresses such as 127.0.0.1 or [::1], "
                        + "not 0.0.0.0.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Timeout(30)
    void aCorruptKeyFileStopsUpWithTheIdentityMessageAndExitCodeOne() throws IOException {
        Files.writeString(stateDir.resolve(NodeIdentity.KEY_FILE), "not a key");

        CliRun run = CliRun.in(stateDir, "up", "--listen", "127.0.0.1:0", "--api", "127.0.0.1:0", "--no-discovery");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("The key file " + stateDir.resolve(NodeIdentity.KEY_FILE) + " is corrupt")
                .hasLineCount(1);
        assertThat(ControlFile.path(stateDir)).doesNotExist();
    }

    @Test
    void anUnknownOptionIsAUsageErrorPointingAtHelp() {
        CliRun run = CliRun.in(stateDir, "up", "--colour");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Unknown option: '--colour'; see 'peernet up --help'.\n");
    }

    @Test
    void theConfigFileSetsWhatTheCommandLineLeavesOutAndPeerAddsToItsPeers() throws IOException {
        Files.writeString(stateDir.resolve(ConfigFile.FILE), """
                {"name": "nas", "listen": ["127.0.0.1:7000"], "api": "127.0.0.1:9000",
                 "peers": ["10.1.2.3:7707"], "discovery": false, "interfaces": ["eth0"],
                 "networkSecretFile": "/etc/peernet/secret"}
                """);

        DaemonSettings fromFile =
                parse("up", "--state-dir", stateDir.toString()).settings();
        DaemonSettings overridden = parse(
                        "up",
                        "--state-dir",
                        stateDir.toString(),
                        "--name",
                        "alpha",
                        "--listen",
                        "127.0.0.1:0",
                        "--peer",
                        "10.9.9.9:7707",
                        "--interface",
                        "wlan0")
                .settings();

        assertThat(fromFile.name()).contains("nas");
        assertThat(fromFile.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 7000));
        assertThat(fromFile.api()).contains(new HostPort("127.0.0.1", 9000));
        assertThat(fromFile.peers()).containsExactly(new HostPort("10.1.2.3", 7707));
        assertThat(fromFile.discovery()).isFalse();
        assertThat(fromFile.interfaces()).containsExactly("eth0");
        assertThat(fromFile.networkSecretFile()).contains(Path.of("/etc/peernet/secret"));
        assertThat(overridden.name()).contains("alpha");
        assertThat(overridden.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 0));
        assertThat(overridden.peers()).containsExactly(new HostPort("10.1.2.3", 7707), new HostPort("10.9.9.9", 7707));
        assertThat(overridden.interfaces()).containsExactly("wlan0");
    }

    @Test
    void aWrongConfigFileIsAUsageErrorNamingItAndNoNodeStarts() throws IOException {
        Files.writeString(stateDir.resolve(ConfigFile.FILE), "{\"peers\": [\"10.1.2.3\"]}");

        CliRun run = CliRun.in(stateDir, "up", "--listen", "127.0.0.1:0", "--api", "127.0.0.1:0", "--no-discovery");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo(stateDir.resolve(ConfigFile.FILE)
                        + ": in 'peers', '10.1.2.3' is not HOST:PORT (for example 127.0.0.1:7707).\n");
        assertThat(ControlFile.path(stateDir)).doesNotExist();
    }

    private static UpCommand parse(String... args) {
        CommandLine.ParseResult parsed = PeernetCommand.commandLine(new PeernetCommand(Map.of(), HOME), args)
                .parseArgs(args);
        return (UpCommand) parsed.subcommand().commandSpec().userObject();
    }
}
