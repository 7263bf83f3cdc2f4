package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.app.api.ControlFile;
import dev.peernet.app.api.FakeNodeControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoNodeRunningTest {
    @TempDir
    Path stateDir;

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandSaysSoInOneSentenceAndExitsWithThree(String command) {
        CliRun run = CliRun.in(stateDir, command.split(" "));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(noNode());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aControlFileLeftByADeadProcessMeansNoNodeIsRunning() throws IOException {
        new ControlFile("http://127.0.0.1:7708", "token", 999_999_999L).write(stateDir);

        CliRun run = CliRun.in(stateDir, "status");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(noNode());
    }

    @Test
    void peernetHomeNamesTheStateDirWithoutTheOption() {
        CliRun run = CliRun.run(stateDir, "id");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("state dir " + stateDir.resolve(".peernet") + " ");
    }

    static Stream<String> commands() {
        String code = FakeNodeControl.inviteCode(new InetSocketAddress("127.0.0.1", 7707), 1)
                .toString();
        return Stream.of(
                "id",
                "status",
                "peers",
                "connect 127.0.0.1:7707",
                "ping beta",
                "network",
                "invite",
                "join " + code,
                "remove beta",
                "grant beta admin",
                "doctor");
    }

    private String noNode() {
        return "No Peernet node is running with state dir " + stateDir + " (start one with: peernet up).\n";
    }
}
