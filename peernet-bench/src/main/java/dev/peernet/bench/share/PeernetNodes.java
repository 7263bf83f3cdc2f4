package dev.peernet.bench.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Real Peernet nodes, run as a user runs them: {@code peernet up} daemons on 127.0.0.1 with discovery
 * off, driven through the CLI ({@code invite}, {@code join}, {@code share add}, {@code get}).
 */
final class PeernetNodes implements AutoCloseable {
    /** How long a JVM may take to start, or a CLI command to answer, on a loaded two-core machine. */
    static final Duration START = Duration.ofSeconds(90);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node: its state directory, peer port, control API port, and its daemon while it runs. */
    static final class Node {
        final String name;
        final Path state;
        final int port;
        final int apiPort;
        final List<String> upOptions;
        Daemon daemon;
        String id;

        Node(String name, Path state, int port, int apiPort, List<String> upOptions) {
            this.name = name;
            this.state = state;
            this.port = port;
            this.apiPort = apiPort;
            this.upOptions = List.copyOf(upOptions);
        }

        String address() {
            return "127.0.0.1:" + port;
        }

        long pid() {
            if (daemon == null || !daemon.alive()) {
                throw new IllegalStateException(name + " is not running");
            }
            return daemon.pid();
        }
    }

    private final Path launcher;
    private final Path work;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    PeernetNodes(Path launcher, Path work) {
        this.launcher = launcher;
        this.work = work;
    }

    /** Whether this build's CLI has {@code peernet get}. */
    boolean hasGet() {
        return Command.run(List.of(launcher.toString(), "help", "get"), START).ok();
    }

    /** Whether this build's {@code peernet up} takes {@code --max-upload}. */
    boolean hasMaxUpload() {
        Command.Result help = Command.run(List.of(launcher.toString(), "up", "--help"), START);
        return help.ok() && help.output().contains("--max-upload");
    }

    /** Describes a node to run on peer port {@code port}, control API on {@code port + 10}. */
    Node define(String name, int port, List<String> upOptions) {
        Node node = new Node(name, work.resolve("peernet-" + name), port, port + 10, upOptions);
        nodes.put(name, node);
        return node;
    }

    /** Starts {@code node}'s daemon and waits until its control API answers. */
    void start(Node node) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                launcher.toString(),
                "up",
                "--state-dir",
                node.state.toString(),
                "--name",
                node.name,
                "--listen",
                node.address(),
                "--api",
                "127.0.0.1:" + node.apiPort,
                "--no-discovery"));
        command.addAll(node.upOptions);
        node.daemon = Daemon.start(
                "peernet " + node.name, command, Map.of(), work.resolve("logs/peernet-" + node.name + ".log"));
        node.daemon.awaitLine(l -> l.startsWith("Press Ctrl-C"), START);
        node.id = check(node, cli(node, "id"), "id").lastLine();
    }

    /** Stops {@code node}'s daemon (SIGTERM, as Ctrl-C). */
    void stop(Node node) {
        if (node.daemon != null) {
            node.daemon.stop(Duration.ofSeconds(20));
            node.daemon = null;
        }
    }

    /** {@code joiner} joins {@code member}'s network with an invite that names {@code member}'s address. */
    void join(Node member, Node joiner) {
        String code = check(member, cli(member, "invite", "--address", member.address()), "invite")
                .lastLine();
        check(joiner, cli(joiner, "join", code), "join");
    }

    /**
     * Shares {@code folder} from {@code node} as {@code name} and waits for its first scan.
     *
     * @return the seconds {@code share add} took, first scan included
     */
    double share(Node node, Path folder, String name) {
        return check(node, cli(node, "share", "add", folder.toString(), "--name", name), "share add")
                .seconds();
    }

    /** Runs {@code peernet get FROM:SHARE/PATH DEST} on {@code receiver}; its wall time is the figure. */
    Command.Result get(Node receiver, Node from, String sharePath, Path dest, Duration timeout) {
        return Command.run(
                List.of(
                        launcher.toString(),
                        "--state-dir",
                        receiver.state.toString(),
                        "get",
                        from.id + ":" + sharePath,
                        dest.toString()),
                timeout);
    }

    /** What {@code peernet transfers --json} prints on {@code node}, if this build has it. */
    Optional<String> transfers(Node node) {
        Command.Result r = cli(node, "transfers", "--json");
        return r.ok() ? Optional.of(r.output()) : Optional.empty();
    }

    /** Waits until {@code node} is connected to each of {@code peers}, and each is alive in its view. */
    void awaitConnected(Node node, List<Node> peers) throws IOException {
        Set<String> want = peers.stream().map(p -> p.id).collect(Collectors.toSet());
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            JsonNode list = JSON.readTree(
                    check(node, cli(node, "peers", "--json"), "peers").output());
            Set<String> connected = new HashSet<>();
            for (JsonNode p : list) {
                if ("alive".equals(p.path("state").asText())
                        && !p.path("address").isNull()
                        && !p.path("address").isMissingNode()) {
                    connected.add(p.path("id").asText());
                }
            }
            if (connected.containsAll(want)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.name + " is not connected to every one of "
                        + peers.stream().map(p -> p.name).toList() + " after " + START + ": " + list);
            }
            Sleep.of(Duration.ofMillis(200));
        }
    }

    /** The wall time of a CLI command that only asks the node something: the start-up part of every {@code get}. */
    double cliSeconds(Node node) {
        return check(node, cli(node, "id"), "id").seconds();
    }

    private Command.Result cli(Node node, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--state-dir", node.state.toString()));
        command.addAll(List.of(args));
        return Command.run(command, START);
    }

    private static Command.Result check(Node node, Command.Result r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(
                    "'peernet " + what + "' on " + node.name + " failed (exit " + r.exitCode() + "): " + r.lastLine());
        }
        return r;
    }

    @Override
    public void close() {
        nodes.values().forEach(this::stop);
    }

    /** For error messages: the end of a node's log. */
    static String tail(Node node) {
        try {
            return node.daemon == null ? "" : node.daemon.tail();
        } catch (UncheckedIOException e) {
            return "";
        }
    }
}
