package dev.peernet.bench.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.w3c.dom.Document;

/**
 * One Syncthing instance from the distribution's package: its home (config, keys, database), its
 * process, and its REST API on 127.0.0.1.
 */
final class Syncthing implements AutoCloseable {
    static final String FOLDER = "bench";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST = Duration.ofMinutes(2);

    final String name;
    final Path home;
    final Path folder;
    final int listenPort;
    final int guiPort;
    private final String apiKey;
    private final HttpClient http;
    private Document config;
    private String id;
    private Daemon daemon;
    private long worker;

    Syncthing(String name, Path home, Path folder, int listenPort, int guiPort) {
        this.name = name;
        this.home = home;
        this.folder = folder;
        this.listenPort = listenPort;
        this.guiPort = guiPort;
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        this.apiKey = HexFormat.of().formatHex(key);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /** The version line of the installed program, such as {@code syncthing v1.19.2 ...}. */
    static String version() {
        Command.Result r = Command.run(List.of("syncthing", "--version"), Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new IllegalStateException("'syncthing --version' failed: " + r.lastLine());
        }
        return r.lastLine();
    }

    /** Makes this instance's keys and default config ({@code syncthing generate}), and learns its device ID. */
    String generate() throws IOException {
        Payload.delete(home);
        Command.Result r = Command.run(
                List.of("syncthing", "generate", "--home=" + home, "--no-default-folder", "--skip-port-probing"),
                Duration.ofSeconds(60));
        if (!r.ok()) {
            throw new IllegalStateException("'syncthing generate' failed: " + r.lastLine());
        }
        config = SyncthingConfig.read(home.resolve("config.xml"));
        id = SyncthingConfig.deviceId(config);
        return id;
    }

    String id() {
        return id;
    }

    /** Writes the benchmark's config with {@code peer} as the one other device and the folder of {@code type}. */
    void configure(Syncthing peer, String type) throws IOException {
        SyncthingConfig.configure(
                config,
                new SyncthingConfig.Settings(
                        name, listenPort, guiPort, apiKey, peer.id, peer.name, peer.listenPort, FOLDER, folder, type));
        SyncthingConfig.write(config, home.resolve("config.xml"));
        Payload.delete(folder);
        Files.createDirectories(folder.resolve(".stfolder"));
    }

    /** Starts {@code syncthing serve} and waits until its REST API answers. */
    void start(Path log) throws IOException {
        daemon = Daemon.start(
                "syncthing " + name,
                List.of(
                        "syncthing",
                        "serve",
                        "--home=" + home,
                        "--no-browser",
                        "--no-restart",
                        "--no-upgrade",
                        "--no-default-folder",
                        "--logflags=3",
                        "--gui-address=http://127.0.0.1:" + guiPort,
                        "--gui-apikey=" + apiKey),
                Map.of("STNOUPGRADE", "1", "STNORESTART", "1"),
                log);
        await(() -> get("/rest/system/ping").path("ping").asText().equals("pong"), "its REST API answers", START);
    }

    /** How long Syncthing may take to start or connect on a loaded machine; bounds waits, not figures. */
    static final Duration START = Duration.ofMinutes(2);

    /**
     * The process that does the work. {@code syncthing serve} is a monitor that runs Syncthing again
     * as its one child (Debian's 1.19 does so even with {@code --no-restart}); without a child, the
     * process itself.
     */
    long worker() {
        if (worker == 0) {
            List<Long> children = Proc.children(daemon.pid());
            worker = children.size() == 1 ? children.getFirst() : daemon.pid();
        }
        return worker;
    }

    /** The monitor process (or the one process), whose tree holds the worker. */
    long pid() {
        return daemon.pid();
    }

    boolean connectedTo(Syncthing peer) {
        return get("/rest/system/connections")
                .path("connections")
                .path(peer.id)
                .path("connected")
                .asBoolean(false);
    }

    JsonNode status() {
        return get("/rest/db/status?folder=" + FOLDER);
    }

    /** Asks for a scan of the folder; Syncthing answers when the scan is done. */
    void scan() {
        post("/rest/db/scan?folder=" + FOLDER);
    }

    /** The ID of the latest event, so that later reads see only what happens from now on. */
    long lastEventId() {
        JsonNode events = get("/rest/events?since=0&limit=1&timeout=1");
        return events.isEmpty() ? 0 : events.get(events.size() - 1).path("id").asLong();
    }

    /** A folder state change: {@code from} and {@code to} such as idle, scanning, syncing; when. */
    record StateChange(long id, Instant at, String from, String to) {}

    /**
     * Events read in one request.
     *
     * @param lastId the ID of the last event read (or the {@code since} asked with, if none came)
     * @param changes the folder's state changes among them
     */
    record Events(long lastId, List<StateChange> changes) {}

    /** The folder's state changes after event {@code since}, waiting up to {@code wait} for the first. */
    Events stateChanges(long since, Duration wait) {
        // The default subscription, not one filtered with events=StateChanged: a filtered one numbers
        // its events apart, so an ID from lastEventId() would mean something else there.
        JsonNode events = get("/rest/events?since=" + since + "&timeout=" + wait.toSeconds());
        List<StateChange> changes = new ArrayList<>();
        long last = since;
        for (JsonNode e : events) {
            last = Math.max(last, e.path("id").asLong());
            JsonNode data = e.path("data");
            if (e.path("type").asText().equals("StateChanged")
                    && FOLDER.equals(data.path("folder").asText())) {
                changes.add(new StateChange(
                        e.path("id").asLong(),
                        OffsetDateTime.parse(e.path("time").asText()).toInstant(),
                        data.path("from").asText(),
                        data.path("to").asText()));
            }
        }
        return new Events(last, changes);
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    void post(String path) {
        send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), path);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + guiPort + path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = http.send(
                    request.header("X-API-Key", apiKey).timeout(REQUEST).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Syncthing " + name + " answered " + response.statusCode() + " to "
                        + path + ": " + response.body().strip());
            }
            String body = response.body();
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Syncthing " + name + " did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Polls {@code condition} every 100 ms until it holds, for at most {@code timeout}; requests that
     * fail meanwhile (the API not up yet) count as "not yet".
     */
    void await(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<RuntimeException> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            if (daemon != null && !daemon.alive()) {
                throw new IllegalStateException(
                        "Syncthing " + name + " stopped before " + what + "; its log ends:\n" + daemon.tail());
            }
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = Optional.of(e);
            }
            Sleep.of(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Syncthing " + name + ": waited " + timeout + " in vain until " + what
                + last.map(e -> " (last error: " + e.getMessage() + ")").orElse(""));
    }

    /** Whether the folder's status satisfies {@code test}. */
    boolean statusIs(Predicate<JsonNode> test) {
        return test.test(status());
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.stop(Duration.ofSeconds(20));
        }
    }
}
