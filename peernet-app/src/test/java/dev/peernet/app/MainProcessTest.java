package dev.peernet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real program in its own process: start, answer a command from another process, stop on SIGTERM. */
class MainProcessTest {
    /** What the JVM reports for a process ended by SIGTERM (128 + 15), after its shutdown hooks ran. */
    private static final int TERMINATED = 143;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void upServesCommandsFromOtherProcessesAndStopsCleanlyOnSigterm() throws Exception {
        Path stateDir = dir.resolve("state");
        Path controlFile = stateDir.resolve("control.json");
        Process up = peernet(
                "up.log",
                "up",
                "--listen",
                "127.0.0.1:0",
                "--api",
                "127.0.0.1:0",
                "--state-dir",
                stateDir.toString(),
                "--no-discovery",
                "--name",
                "process-test");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(controlFile) || !up.isAlive());
            assertThat(up.isAlive())
                    .as("up is running; its output: %s", output("up.log"))
                    .isTrue();

            Process id = peernet("id.log", "id", "--state-dir", stateDir.toString());
            assertThat(id.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(id.exitValue()).isZero();
            String peerId = output("id.log").strip();
            assertThat(peerId).matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}");
            assertThat(output("up.log")).contains("Peer ID:      " + peerId);

            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(up.exitValue()).isIn(0, TERMINATED);
            assertThat(output("up.log")).contains("Peernet node stopped.").doesNotContain("Exception");
            assertThat(controlFile).doesNotExist();
        } finally {
            up.destroyForcibly();
        }
    }

    /** Starts {@code peernet args...} on this test's class path, stdout and stderr into {@code log}. */
    private Process peernet(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        File file = dir.resolve(log).toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(file)
                .start();
    }

    private String output(String log) throws IOException {
        return Files.readString(dir.resolve(log));
    }
}
