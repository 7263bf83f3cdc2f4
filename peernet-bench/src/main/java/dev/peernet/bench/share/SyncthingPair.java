package dev.peernet.bench.share;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two Syncthing instances on 127.0.0.1: A has the folder send-only, B receive-only. A run puts new
 * content into A's folder, asks A to scan it, and times until B holds all of it, from B's and A's
 * own event timestamps (so polling adds nothing).
 */
final class SyncthingPair implements AutoCloseable {
    final Syncthing sender;
    final Syncthing receiver;

    private SyncthingPair(Syncthing sender, Syncthing receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    /** Makes, configures and starts both instances under {@code work}, and waits until they are connected. */
    static SyncthingPair start(Path work) throws IOException {
        Path st = work.resolve("syncthing");
        var a = new Syncthing("A", st.resolve("A-home"), st.resolve("A-folder"), 22101, 18384);
        var b = new Syncthing("B", st.resolve("B-home"), st.resolve("B-folder"), 22102, 18385);
        var pair = new SyncthingPair(a, b);
        try {
            a.generate();
            b.generate();
            a.configure(b, "sendonly");
            b.configure(a, "receiveonly");
            a.start(work.resolve("logs/syncthing-A.log"));
            b.start(work.resolve("logs/syncthing-B.log"));
            a.await(() -> a.connectedTo(b), "it is connected to B", Syncthing.START);
            for (Syncthing s : List.of(a, b)) {
                s.await(
                        () -> s.statusIs(st2 -> st2.path("state").asText().equals("idle")),
                        "its folder is idle",
                        Syncthing.START);
            }
            return pair;
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    /** Empties A's folder and waits until B has deleted everything too. */
    void clear(Duration timeout) throws IOException {
        try (Stream<Path> entries = Files.list(sender.folder)) {
            for (Path p : entries.filter(p -> !p.getFileName().toString().equals(".stfolder"))
                    .toList()) {
                Payload.delete(p);
            }
        }
        sender.scan();
        receiver.await(() -> receiver.statusIs(SyncthingPair::empty), "its folder is empty", timeout);
    }

    private static boolean empty(JsonNode s) {
        return s.path("globalFiles").asLong() == 0
                && s.path("localFiles").asLong() == 0
                && s.path("localDirectories").asLong() == 0
                && s.path("needTotalItems").asLong() == 0
                && s.path("state").asText().equals("idle");
    }

    /** Whether B holds all {@code files} files and {@code bytes} bytes and has nothing left to do. */
    private static boolean complete(JsonNode s, long files, long bytes) {
        // Syncthing counts 128 bytes for each directory in its byte totals, hence >=.
        return s.path("globalFiles").asLong() == files
                && s.path("localFiles").asLong() == files
                && s.path("globalBytes").asLong() >= bytes
                && s.path("inSyncBytes").asLong() == s.path("globalBytes").asLong()
                && s.path("needTotalItems").asLong() == 0
                && s.path("state").asText().equals("idle");
    }

    /**
     * One timed run: the content must already be in A's folder (written by the caller, not yet
     * scanned). Measures from the scan request and from the end of A's scan to B holding {@code
     * files} files of {@code bytes} bytes in all, with both nodes' CPU and B's peak memory.
     */
    Sample transfer(long files, long bytes, Duration timeout) {
        Map<String, Long> pids = Map.of("A", sender.pid(), "B", receiver.pid());
        long senderEvents = sender.lastEventId();
        long receiverEvents = receiver.lastEventId();
        Proc.resetPeakRss(receiver.worker());
        CpuReading before = CpuReading.of(pids);
        Instant asked = Instant.now();
        sender.scan();
        CpuReading scanned = CpuReading.of(pids);
        Instant scanEnd = lastScanEnd(sender.stateChanges(senderEvents, Duration.ofSeconds(1)), Instant.now());
        Instant done = awaitComplete(receiverEvents, files, bytes, timeout);
        CpuReading after = CpuReading.of(pids);
        long peak = Proc.peakRssBytes(receiver.worker());
        CpuReading.Use whole = after.since(before);
        return new Sample(
                seconds(scanEnd, done),
                seconds(asked, done),
                -1,
                after.since(scanned).of("A", "B"),
                whole.of("A", "B"),
                0,
                peak,
                whole.others());
    }

    /** The end of A's scan: its last change away from "scanning", or {@code otherwise}. */
    private static Instant lastScanEnd(Syncthing.Events events, Instant otherwise) {
        return events.changes().stream()
                .filter(c -> c.from().equals("scanning"))
                .map(Syncthing.StateChange::at)
                .reduce((x, y) -> y)
                .orElse(otherwise);
    }

    /** Waits for B's folder to go idle holding everything; the time of that change to idle. */
    private Instant awaitComplete(long since, long files, long bytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = since;
        Instant idleAt = null;
        while (System.nanoTime() < deadline) {
            Syncthing.Events events = receiver.stateChanges(last, Duration.ofSeconds(2));
            last = events.lastId();
            for (Syncthing.StateChange c : events.changes()) {
                if (c.to().equals("idle")) {
                    idleAt = c.at();
                }
            }
            if (idleAt != null && receiver.statusIs(s -> complete(s, files, bytes))) {
                return idleAt;
            }
        }
        throw new IllegalStateException("Syncthing B did not hold all " + files + " files within " + timeout
                + "; its folder status: " + receiver.status());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    @Override
    public void close() {
        receiver.close();
        sender.close();
    }
}
