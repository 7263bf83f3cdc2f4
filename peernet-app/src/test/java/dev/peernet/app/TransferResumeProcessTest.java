package dev.peernet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.app.api.Json;
import dev.peernet.app.cli.Cli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers between two real {@code peernet up} processes on loopback survive what users do to
 * them: {@code kill -9} of either daemon, during a {@code get} and during a {@code send}, and
 * Ctrl-C of {@code peernet get}. The source's upload is
 * capped so that a transfer lasts long enough to be interrupted.
 */
@Timeout(180)
class TransferResumeProcessTest {
    /** 24 MiB at 6 MB/s: about four seconds, time to interrupt it half-way. */
    private static final int FILE_BYTES = 24 << 20;

    private static final String RATE = "6MB/s";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private int sourcePort;
    private Path source;
    private Path receiver;
    private byte[] content;
    private Process sourceUp;
    private Process receiverUp;

    @BeforeEach
    void startTwoMembersWithAShare() throws Exception {
        source = dir.resolve("source");
        receiver = dir.resolve("receiver");
        sourcePort = freePort();
        sourceUp = startSource();
        receiverUp = startReceiver();
        String[] invite = cli(source, "invite").strip().split("\n");
        cli(receiver, "join", invite[invite.length - 1]);
        Path folder = Files.createDirectories(dir.resolve("files"));
        content = new byte[FILE_BYTES];
        new Random(3).nextBytes(content);
        Files.write(folder.resolve("movie.bin"), content);
        cli(source, "share", "add", folder.toString(), "--name", "films");
    }

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aTransferResumesByItselfFromItsVerifiedChunksWhenTheKilledReceiverRestarts() throws Exception {
        Path dest = Files.createDirectories(dir.resolve("dest"));
        cli(receiver, "get", "source:films/movie.bin", dest.toString(), "--no-wait");
        long before = awaitProgress(receiver, 0.3);

        receiverUp.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        assertThat(dest.resolve("movie.bin")).doesNotExist();
        receiverUp = startReceiver();

        // The restarted node checks the part file's chunks first ("Checking the part of ..."),
        // counting each good one as it goes: the count when the check ends is what it kept. Fetched
        // again from nothing at 6 MB/s, it would be a few MB.
        long kept = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            var t = transfer(receiver);
                            boolean checking = t.path("reason").asText("").startsWith("Checking the part of");
                            return checking ? 0 : t.get("bytesDone").asLong();
                        },
                        done -> done > 0);
        assertThat(kept).as("verified chunks kept across the kill").isGreaterThan(before * 3 / 4);
        awaitComplete(receiver);
        assertThat(dest.resolve("movie.bin")).hasBinaryContent(content);
    }

    @Test
    void aTransferWaitsWhileTheKilledSourceIsDownAndFinishesWhenItReturns() throws Exception {
        Path dest = Files.createDirectories(dir.resolve("dest"));
        cli(receiver, "get", "source:films/movie.bin", dest.toString(), "--no-wait");
        awaitProgress(receiver, 0.3);

        sourceUp.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        await().atMost(Duration.ofSeconds(60))
                .until(() -> transfer(receiver).get("state").asText(), "waiting"::equals);
        sourceUp = startSource();

        awaitComplete(receiver);
        assertThat(dest.resolve("movie.bin")).hasBinaryContent(content);
    }

    @Test
    void aSendWhoseKilledSenderRestartsArrivesWholeAndTheSenderHearsSo() throws Exception {
        byte[] clip = sendAnUnsharedFileAndAwaitItsProgress();

        sourceUp.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 of the sender
        await().atMost(Duration.ofSeconds(60))
                .until(() -> transfer(receiver).get("state").asText(), "waiting"::equals);
        sourceUp = startSource();

        awaitComplete(receiver);
        assertThat(receiver.resolve("inbox/clip.bin")).hasBinaryContent(clip);
        awaitComplete(source); // its send, served again after the restart, heard that it arrived
    }

    @Test
    void aSendWhoseKilledReceiverRestartsArrivesWholeAndTheSenderHearsSo() throws Exception {
        byte[] clip = sendAnUnsharedFileAndAwaitItsProgress();

        receiverUp.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 of the receiver
        receiverUp = startReceiver();

        awaitComplete(receiver);
        assertThat(receiver.resolve("inbox/clip.bin")).hasBinaryContent(clip);
        awaitComplete(source);
    }

    @Test
    void ctrlCOfGetStopsTheTransferAndTheSameGetResumesIt() throws Exception {
        Path dest = Files.createDirectories(dir.resolve("dest"));
        Process get = peernet(
                "get.log", "--state-dir", receiver.toString(), "get", "source:films/movie.bin", dest.toString());
        long before = awaitProgress(receiver, 0.3);

        new ProcessBuilder("kill", "-INT", Long.toString(get.pid())).start().waitFor();
        assertThat(get.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> transfer(receiver).get("state").asText(), "cancelled"::equals);
        assertThat(Files.readString(dir.resolve("get.log"))).contains("the same command resumes it");
        try (var left = Files.list(dest)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("only a hidden part file, never a partial movie.bin")
                    .allMatch(name -> name.startsWith("."));
        }

        String again = cli(receiver, "get", "source:films/movie.bin", dest.toString());

        assertThat(again).contains("Done: ");
        assertThat(dest.resolve("movie.bin")).hasBinaryContent(content);
        assertThat(before).isPositive();
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * Sends {@code outbox/clip.bin}, a file in no share, and waits until 30 % of it has arrived.
     * Only the sender's offer serves it, so nothing but that offer, served again after a restart,
     * can finish its transfer.
     */
    private byte[] sendAnUnsharedFileAndAwaitItsProgress() throws IOException {
        byte[] clip = new byte[FILE_BYTES];
        new Random(5).nextBytes(clip);
        Path file = Files.write(Files.createDirectories(dir.resolve("outbox")).resolve("clip.bin"), clip);
        cli(source, "send", "receiver", file.toString(), "--no-wait");
        awaitProgress(receiver, 0.3);
        return clip;
    }

    /** Waits until the receiver's only transfer has {@code fraction} of its bytes; returns them. */
    private long awaitProgress(Path stateDir, double fraction) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> transfer(stateDir).get("bytesDone").asLong(), done -> done >= FILE_BYTES * fraction);
    }

    private void awaitComplete(Path stateDir) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> transfer(stateDir).get("state").asText(), "complete"::equals);
    }

    /** The node's only transfer; before there is one, {@code {"state": "none", "bytesDone": 0}}. */
    private static JsonNode transfer(Path stateDir) throws IOException {
        JsonNode all = Json.mapper().readTree(cli(stateDir, "transfers", "--json"));
        assertThat(all.size()).isLessThanOrEqualTo(1);
        return all.isEmpty() ? Json.mapper().readTree("{\"state\": \"none\", \"bytesDone\": 0}") : all.get(0);
    }

    /**
     * The source listens on a fixed port, as a node does on 7707, and the receiver has it as a
     * static peer: without LAN discovery (none in tests), that is how a restarted member is found.
     */
    private Process startSource() throws IOException {
        return up(source, "source", "127.0.0.1:" + sourcePort, "--max-upload", RATE);
    }

    private Process startReceiver() throws IOException {
        return up(receiver, "receiver", "127.0.0.1:0", "--peer", "127.0.0.1:" + sourcePort);
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code peernet up} on loopback and waits for its control API. */
    private Process up(Path stateDir, String name, String listen, String... extra) throws IOException {
        Files.deleteIfExists(stateDir.resolve("control.json")); // a killed daemon leaves its own behind
        List<String> args = new ArrayList<>(List.of(
                "up",
                "--state-dir",
                stateDir.toString(),
                "--name",
                name,
                "--listen",
                listen,
                "--api",
                "127.0.0.1:0",
                "--no-discovery"));
        args.addAll(List.of(extra));
        Process p = peernet(name + "-" + processes.size() + ".log", args.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(stateDir.resolve("control.json")) || !p.isAlive());
        assertThat(p.isAlive()).as("peernet up %s is running", name).isTrue();
        return p;
    }

    private Process peernet(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        File file = dir.resolve(log).toFile();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(file)
                .start();
        processes.add(p);
        return p;
    }

    /** Runs one command in this JVM against the daemon on {@code stateDir}; fails the test if it fails. */
    private static String cli(Path stateDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(Map.of(), stateDir.resolve("home"))
                .run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        assertThat(code).as("peernet %s: %s", all, err).isZero();
        return out.toString();
    }
}
