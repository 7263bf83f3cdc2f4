package dev.peernet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command, {@code ./peernet}, as a user runs it: it finds JDK 25 without {@code
 * JAVA_HOME}, starts {@code up} with its JVM flags and the ahead-of-time cache it trains the first
 * time, and its commands drive two such nodes on 127.0.0.1 from an invite to a verified fetch.
 * Runs after {@code package} (failsafe), on the jar and {@code lib/} Maven has just made.
 */
class LauncherIT {
    /** What the JVM reports for a process ended by SIGTERM (128 + 15), after its shutdown hooks ran. */
    private static final int TERMINATED = 143;

    private static final Pattern LISTENING = Pattern.compile("Listening on: +(127\\.0\\.0\\.1:\\d+)");

    private static Path launcher;

    @TempDir
    Path dir;

    private final List<Process> nodes = new ArrayList<>();

    /**
     * The launcher rebuilds when its stamp is older than the sources; the build under test is the
     * one this Maven run has just packaged, so the stamp says so (else the launcher would start a
     * second Maven on the same target folders).
     */
    @BeforeAll
    static void theBuildIsTheOneJustPackaged() throws IOException {
        launcher = Path.of(System.getProperty("peernet.launcher", "../peernet"))
                .toAbsolutePath()
                .normalize();
        Path target = launcher.resolveSibling("peernet-app/target");
        assertThat(target.resolve("lib")).isDirectory();
        Path stamp = target.resolve("peernet-built.stamp");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    @Timeout(360)
    void twoNodesStartedByTheLauncherJoinShareAndFetchAFileThatArrivesWhole() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Process upA = up(a, "launcher-a", "--max-upload", "3MB/s"); // a fetch lasts long enough to show progress
        String addressA = awaitBanner(upA, "a-up.log");
        Process upB = up(b, "launcher-b");
        awaitBanner(upB, "b-up.log");

        assertThat(ProcessHandle.of(upA.pid())
                        .flatMap(h -> h.info().arguments())
                        .map(Arrays::asList))
                .as("up's JVM, the launcher's exec of java")
                .hasValueSatisfying(args -> {
                    assertThat(args).contains("-XX:+UseSerialGC", "-XX:-ShrinkHeapInSteps", "-Xmx512m");
                    assertThat(args.stream().filter(x -> x.startsWith("-XX:AOTCache=")))
                            .singleElement()
                            .satisfies(x -> assertThat(Path.of(x.substring("-XX:AOTCache=".length())))
                                    .isRegularFile());
                });

        String idA = run(a, "id").strip();
        assertThat(idA).matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}");
        String invite = run(a, "invite", "--address", addressA).strip();
        run(b, "join", invite.substring(invite.lastIndexOf('\n') + 1).strip());

        Path shared = Files.createDirectories(dir.resolve("shared"));
        byte[] data = new byte[3 << 20];
        new SplittableRandom(7).nextBytes(data);
        Files.write(shared.resolve("file.bin"), data);
        run(a, "share", "add", shared.toString(), "--name", "s");
        Path dest = Files.createDirectories(dir.resolve("dest"));
        String got = run(b, "get", idA + ":s/file.bin", dest.toString());

        assertThat(got).contains("Done:");
        assertThat(Files.readAllBytes(dest.resolve("file.bin"))).isEqualTo(data);
        assertThat(run(b, "transfers")).contains("file.bin");

        // On a terminal (script(1) gives the command one), get draws a bar with its rate and ETA.
        Path again = Files.createDirectories(dir.resolve("again"));
        String bar = onTerminal(b, "get", idA + ":s/file.bin", again.toString());
        assertThat(bar)
                .as("what the terminal showed")
                .contains("file.bin", "MiB/s", "\r")
                .containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)") // elapsed / ETA
                .contains("Done:");
        assertThat(Files.readAllBytes(again.resolve("file.bin"))).isEqualTo(data);

        for (Process up : List.of(upA, upB)) {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(up.exitValue()).isIn(0, TERMINATED);
        }
        assertThat(output("a-up.log")).contains("Peernet node stopped.").doesNotContain("Exception");
        assertThat(output("b-up.log")).contains("Peernet node stopped.").doesNotContain("Exception");
    }

    private Process up(Path state, String name, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--state-dir",
                state.toString(),
                "up",
                "--name",
                name,
                "--listen",
                "127.0.0.1:0",
                "--api",
                "127.0.0.1:0",
                "--no-discovery"));
        args.addAll(List.of(more));
        Process p = launcher(name.substring(name.length() - 1) + "-up.log", args.toArray(String[]::new));
        nodes.add(p);
        return p;
    }

    /** Waits for {@code up}'s banner (the first start after a build trains the cache first) and returns its address. */
    private String awaitBanner(Process up, String log) throws IOException {
        await().atMost(Duration.ofSeconds(250))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> output(log).contains("Press Ctrl-C") || !up.isAlive());
        assertThat(up.isAlive())
                .as("up is running; its output: %s", output(log))
                .isTrue();
        Matcher m = LISTENING.matcher(output(log));
        assertThat(m.find()).as("an address in: %s", output(log)).isTrue();
        return m.group(1);
    }

    /** Runs {@code peernet --state-dir state args...} to its end; it must succeed. */
    private String run(Path state, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--state-dir", state.toString()));
        all.addAll(List.of(args));
        String log = "cmd-" + args[0] + ".log";
        Process p = launcher(log, all.toArray(String[]::new));
        nodes.add(p); // stopped after the test if it hangs
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("peernet %s ends", all).isTrue();
        assertThat(p.exitValue()).as("peernet %s: %s", all, output(log)).isZero();
        return output(log);
    }

    /** Runs {@code peernet --state-dir state args...} on a pseudo-terminal (script(1)); returns what it drew. */
    private String onTerminal(Path state, String... args) throws IOException, InterruptedException {
        StringBuilder command =
                new StringBuilder(launcher.toString()).append(" --state-dir ").append(state);
        for (String a : args) {
            command.append(' ').append(a); // none of them has a space or a shell character
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", command.toString(), "/dev/null")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("terminal.log").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("TERM", "xterm");
        Process p = builder.start();
        nodes.add(p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("on a terminal: %s", output("terminal.log"))
                .isZero();
        return output("terminal.log");
    }

    /** Starts the launcher with {@code args}, without {@code JAVA_HOME}: it must find JDK 25 itself. */
    private Process launcher(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        File file = dir.resolve(log).toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(file);
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.remove("PEERNET_JAVA_OPTS");
        env.remove("PEERNET_NO_AOT");
        return builder.start();
    }

    private String output(String log) throws IOException {
        Path file = dir.resolve(log);
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
