package dev.peernet.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.peernet.app.api.Json;
import dev.peernet.app.api.NetworkResponse;
import dev.peernet.app.api.PeerResponse;
import dev.peernet.testkit.netns.NetnsLab;
import dev.peernet.testkit.netns.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Real Peernet nodes in the hosts of a {@link NetnsLab}: a {@code peernet up} daemon per host, with
 * a fresh state dir, listening on the lab LAN and discovering on {@code eth0} only, and CLI commands
 * run in the same host (its control API listens on that host's loopback, reachable from there only).
 */
final class LabNodes implements AutoCloseable {
    /** Four daemon JVMs starting at once on two busy cores; this bounds only that. */
    static final Duration JVM_START = Duration.ofSeconds(40);

    /** A CLI command is a JVM that starts, asks the daemon and exits. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final String PEER_ID_LABEL = "Peer ID:";
    private static final String READY = "Press Ctrl-C to stop.";

    /**
     * {@code java} with this test's class path. The C1 compiler and the serial GC leave the two
     * cores to the nodes' work (the {@code ./peernet} launcher starts commands the same way). No
     * class-data archive: the JVM cannot write one for a class path with directories in it.
     */
    private static final List<String> JAVA = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));

    private final NetnsLab lab;
    private final Path stateDirs;
    private final Map<Integer, NodeProcess> daemons = new ConcurrentHashMap<>();
    private final Map<Integer, String> ids = new ConcurrentHashMap<>();

    /** {@code stateDirs} gets one state dir per host: give each test its own. */
    LabNodes(NetnsLab lab, Path stateDirs) {
        this.lab = lab;
        this.stateDirs = stateDirs;
    }

    /** The hosts' numbers, 1 to N. */
    List<Integer> hosts() {
        return IntStream.rangeClosed(1, lab.hosts()).boxed().toList();
    }

    /** The name host {@code i}'s node goes by. */
    static String name(int host) {
        return "host" + host;
    }

    /** Host {@code i}'s listen address on the lab LAN. */
    String address(int host) {
        return lab.address(host) + ":7707";
    }

    // ---- daemons -------------------------------------------------------------------------------

    /**
     * Starts a node on every host, with {@code options} for {@code up} besides the lab's, and waits
     * until each is up; returns when the last one was.
     */
    long upEverywhere(String... options) {
        return upOn(hosts(), options);
    }

    /** {@link #upEverywhere}, on {@code hosts} only. */
    long upOn(List<Integer> hosts, String... options) {
        hosts.forEach(host -> start(host, options));
        return hosts.stream().mapToLong(this::awaitUp).max().orElseThrow();
    }

    private void start(int host, String... options) {
        List<String> command = new ArrayList<>(JAVA);
        command.add(Main.class.getName());
        command.addAll(NodeProcess.upArguments(stateDir(host), name(host)));
        command.addAll(List.of(options));
        try {
            daemons.put(host, NodeProcess.start(lab, host, name(host), command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for host {@code i}'s banner; returns when it printed the last line of it. */
    private long awaitUp(int host) {
        NodeProcess daemon = daemon(host);
        String idLine =
                daemon.awaitLine(l -> l.startsWith(PEER_ID_LABEL), JVM_START).text();
        ids.put(host, idLine.substring(PEER_ID_LABEL.length()).strip());
        return daemon.awaitLine(READY::equals, JVM_START).nanos();
    }

    NodeProcess daemon(int host) {
        NodeProcess daemon = daemons.get(host);
        assertThat(daemon).as("a node was started on host %d", host).isNotNull();
        return daemon;
    }

    /** Host {@code i}'s full peer ID, from its banner. */
    String id(int host) {
        String id = ids.get(host);
        assertThat(id).as("host %d's node is up", host).isNotNull();
        return id;
    }

    /** The short form of host {@code i}'s peer ID, as logs and tables show it. */
    String shortId(int host) {
        return id(host).substring(0, id(host).indexOf('-'));
    }

    /** Stops every node with SIGTERM, all at once, and waits for each. */
    @Override
    public void close() {
        onEach(List.copyOf(daemons.keySet()), host -> daemons.get(host).stop(STOP_TIMEOUT));
        daemons.clear();
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Runs {@code peernet --state-dir DIR args...} in host {@code i}; its output is stdout and stderr. */
    NetnsLab.Result cli(int host, String... args) {
        List<String> command = new ArrayList<>(JAVA);
        command.addAll(
                List.of(Main.class.getName(), "--state-dir", stateDir(host).toString()));
        command.addAll(List.of(args));
        try {
            return lab.run(host, command, COMMAND_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command that must succeed; returns its output. */
    String ok(int host, String... args) {
        NetnsLab.Result result = cli(host, args);
        assertThat(result.exitCode())
                .as("peernet %s on host %d exits 0; it printed: %s", String.join(" ", args), host, result.output())
                .isZero();
        return result.output();
    }

    /** {@code peernet peers --json} on host {@code i}. */
    List<PeerResponse> peers(int host) {
        return parse(ok(host, "peers", "--json"), new TypeReference<List<PeerResponse>>() {});
    }

    /** {@code peernet network --json} on host {@code i}. */
    NetworkResponse network(int host) {
        return parse(ok(host, "network", "--json"), new TypeReference<NetworkResponse>() {});
    }

    /** {@code query} on each of {@code hosts} at once, by host. */
    <T> Map<Integer, T> onEach(List<Integer> hosts, IntFunction<T> query) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<Integer, Future<T>> running = new TreeMap<>();
            hosts.forEach(h -> running.put(h, executor.submit(() -> query.apply(h))));
            Map<Integer, T> done = new TreeMap<>();
            for (var e : running.entrySet()) {
                done.put(e.getKey(), result(e.getValue()));
            }
            return done;
        }
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError("not the JSON expected: " + e.getMessage() + "\n" + json, e);
        }
    }

    private Path stateDir(int host) {
        return stateDirs.resolve(name(host));
    }
}
