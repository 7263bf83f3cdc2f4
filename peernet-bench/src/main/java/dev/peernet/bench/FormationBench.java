package dev.peernet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peernet.testkit.netns.NetnsLab;
import dev.peernet.testkit.netns.NodeProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Network formation with real {@code peernet up} processes, each in its own host of a private LAN
 * of network namespaces ({@link NetnsLab}): how long a new node takes to be listed as nearby by the
 * others, and how long a member killed with SIGKILL takes to be dead at every other member. Times
 * come from each daemon's own log lines ("Nearby: ...", "Member ... is dead"), stamped as they are
 * read, so polling adds nothing. Needs root and {@code ip netns}; touches no real interface.
 */
public final class FormationBench {
    private static final String USAGE = """
            Usage: bench/network-formation.sh [--hosts N] [--kills N] [--arrivals N]
              --hosts N      lab hosts, one node each (default 5; at least 3)
              --kills N      kill -9 trials (default 20)
              --arrivals N   new-node trials (default 10)
            """;

    /** How long a JVM may take to start on a loaded two-core machine; bounds waits, not figures. */
    private static final Duration START = Duration.ofSeconds(60);

    private static final Duration EVENT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Path launcher;
    private final Path work;
    private final NetnsLab lab;
    private final Map<Integer, NodeProcess> daemons = new ConcurrentHashMap<>();
    private final Map<Integer, String> ids = new ConcurrentHashMap<>();

    private FormationBench(PrintStream out, Path launcher, Path work, NetnsLab lab) {
        this.out = out;
        this.launcher = launcher;
        this.work = work;
        this.lab = lab;
    }

    public static void main(String[] args) throws Exception {
        int hosts = 5;
        int kills = 20;
        int arrivals = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--arrivals" -> arrivals = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> BenchCommand.unknownOption(args[i], USAGE);
            }
        }
        if (hosts < 3 || kills < 1 || arrivals < 1) {
            System.err.println("Use at least 3 hosts and at least 1 trial of each kind.");
            System.exit(2);
        }
        var unavailable = NetnsLab.unavailableReason();
        if (unavailable.isPresent()) {
            System.err.println("This benchmark runs nodes in network namespaces, and " + unavailable.get() + ".");
            System.exit(2);
        }
        Path launcher =
                Path.of(System.getProperty("peernet.bench.launcher", "peernet")).toAbsolutePath();
        Path work = Files.createTempDirectory("peernet-formation-");
        try (NetnsLab lab = NetnsLab.create(hosts)) {
            var bench = new FormationBench(System.out, launcher, work, lab);
            bench.run(BenchCommand.line(FormationBench.class, args), arrivals, kills);
        } finally {
            deleteTree(work);
        }
    }

    private void run(String command, int arrivals, int kills) throws IOException {
        long start = System.nanoTime();
        int hosts = lab.hosts();
        out.println("# Network formation with real nodes on a private LAN");
        out.println("command: " + command);
        out.println("lab:     " + hosts + " hosts in network namespaces on one bridge, one `peernet up` each ("
                + launcher + "), discovery on eth0 only");
        out.println();

        // Hosts 1..n-1 run founding nodes; host n is the newcomer's.
        for (int h = 1; h < hosts; h++) {
            up(h, "node" + h, state("node" + h));
        }
        for (int h = 1; h < hosts; h++) {
            daemons.get(h).awaitLine(l -> l.startsWith("Peer ID:"), START);
        }
        arrivals(hosts, arrivals);

        up(hosts, "node" + hosts, state("node" + hosts));
        daemons.get(hosts).awaitLine(l -> l.startsWith("Peer ID:"), START);
        formNetwork();
        kills(kills);

        daemons.values().forEach(d -> d.stop(Duration.ofSeconds(10)));
        out.printf(Locale.ROOT, "%nwall time %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    // ---- a new node on the LAN

    /**
     * New nodes on host {@code host}, each with a fresh state directory (a new identity founding its
     * own network), alternately with and without the launcher's start-up cache (ADR 0008).
     */
    private void arrivals(int host, int trials) throws IOException {
        Map<Boolean, List<Double>> toAll = new java.util.HashMap<>();
        Map<Boolean, List<Double>> toBanner = new java.util.HashMap<>();
        for (int t = 1; t <= 2 * trials; t++) {
            boolean cached = t % 2 == 1;
            String name = "newcomer" + t;
            long startedAt = System.nanoTime();
            NodeProcess newcomer = up(host, name, state(name), cached);
            long banner =
                    newcomer.awaitLine(l -> l.startsWith("Peer ID:"), START).nanos();
            long seenByAll = Long.MIN_VALUE;
            for (int h = 1; h < host; h++) {
                seenByAll = Math.max(
                        seenByAll, daemons.get(h).awaitLine(nearby(name), EVENT).nanos());
            }
            toAll.computeIfAbsent(cached, k -> new ArrayList<>()).add((seenByAll - startedAt) / 1e9);
            toBanner.computeIfAbsent(cached, k -> new ArrayList<>()).add((banner - startedAt) / 1e9);
            newcomer.stop(Duration.ofSeconds(10));
            for (int h = 1; h < host; h++) {
                daemons.get(h).awaitLine(l -> l.contains("No longer nearby: " + name + " ("), EVENT);
            }
        }
        out.printf(
                Locale.ROOT,
                "## From `peernet up` on a new host to listed as nearby by all %d others, %d trials each, alternating%n",
                host - 1,
                trials);
        for (boolean cached : List.of(true, false)) {
            List<Double> all = toAll.get(cached);
            List<Double> banner = toBanner.get(cached);
            Collections.sort(all);
            Collections.sort(banner);
            out.printf(
                    Locale.ROOT,
                    "%-32s median %.2f s, worst %.2f s%s; process start to its banner: median %.2f s, worst %.2f s%n",
                    cached ? "with the start-up cache:" : "without it (PEERNET_NO_AOT=1):",
                    median(all),
                    worst(all),
                    cached ? " (target <= 1 s)" : "",
                    median(banner),
                    worst(banner));
        }
        out.println();
    }

    private static java.util.function.Predicate<String> nearby(String name) {
        return l -> l.contains("Nearby: " + name + " (");
    }

    // ---- kill -9

    private void formNetwork() throws IOException {
        int hosts = lab.hosts();
        for (int h = 1; h <= hosts; h++) {
            ids.put(h, cli(h, "id").strip());
        }
        for (int h = 2; h <= hosts; h++) {
            List<String> invite = cli(1, "invite").strip().lines().toList();
            cli(h, "join", invite.getLast().strip());
        }
        awaitAllAlive();
    }

    private void kills(int trials) throws IOException {
        int hosts = lab.hosts();
        List<Double> deadEverywhere = new ArrayList<>();
        List<Double> firstSuspect = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            int victim = 2 + t % (hosts - 1);
            String shortId = ids.get(victim).substring(0, 7);
            NodeProcess v = daemons.get(victim);
            List<Integer> others = IntStream.rangeClosed(1, hosts)
                    .filter(h -> h != victim)
                    .boxed()
                    .toList();
            Map<Integer, Integer> seen = new ConcurrentHashMap<>();
            others.forEach(h -> seen.put(h, daemons.get(h).lines().size()));

            long killedAt = System.nanoTime();
            v.kill();
            long dead = Long.MIN_VALUE;
            long suspect = Long.MAX_VALUE;
            for (int h : others) {
                NodeProcess d = daemons.get(h);
                dead = Math.max(
                        dead,
                        d.awaitLine(seen.get(h), l -> l.contains("Member " + shortId + " is dead"), EVENT)
                                .nanos());
                suspect = Math.min(suspect, firstAfter(d, seen.get(h), "Member " + shortId + " is suspect", dead));
            }
            deadEverywhere.add((dead - killedAt) / 1e9);
            firstSuspect.add((Math.min(suspect, dead) - killedAt) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "  kill %2d: node%d dead at all %d others after %.2f s%n",
                    t + 1,
                    victim,
                    others.size(),
                    deadEverywhere.getLast());

            up(victim, "node" + victim, state("node" + victim)).awaitLine(l -> l.startsWith("Peer ID:"), START);
            awaitAllAlive();
        }
        Collections.sort(deadEverywhere);
        Collections.sort(firstSuspect);
        out.printf(
                Locale.ROOT,
                "%n## From kill -9 of a member to dead at every other member, N = %d, %d trials, probe interval 1 s%n"
                        + "median %.2f s, worst %.2f s (targets <= 3 s, <= 5 s); to first suspicion: median %.2f s, worst %.2f s%n",
                hosts,
                trials,
                median(deadEverywhere),
                worst(deadEverywhere),
                median(firstSuspect),
                worst(firstSuspect));
    }

    /** The stamp of the first line from index {@code from} on containing {@code text}, or {@code otherwise}. */
    private static long firstAfter(NodeProcess d, int from, String text, long otherwise) {
        List<NodeProcess.Line> lines = d.lines();
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).text().contains(text)) {
                return lines.get(i).nanos();
            }
        }
        return otherwise;
    }

    /** Waits until every node's {@code peers --json} lists every other member alive. */
    private void awaitAllAlive() throws IOException {
        int hosts = lab.hosts();
        long deadline = System.nanoTime() + EVENT.toNanos();
        for (int h = 1; h <= hosts; h++) {
            while (true) {
                JsonNode peers = JSON.readTree(cli(h, "peers", "--json"));
                long alive = 0;
                for (JsonNode p : peers) {
                    if ("alive".equals(p.path("state").asText())) {
                        alive++;
                    }
                }
                if (alive == hosts - 1) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "node" + h + " does not see all " + (hosts - 1) + " other members alive: " + peers);
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    // ---- processes

    private NodeProcess up(int host, String name, Path state) throws IOException {
        return up(host, name, state, true);
    }

    private NodeProcess up(int host, String name, Path state, boolean cached) throws IOException {
        NodeProcess p = NodeProcess.start(
                lab,
                host,
                name,
                Stream.concat(
                                Stream.of("env", cached ? "PEERNET_BENCH=1" : "PEERNET_NO_AOT=1", launcher.toString()),
                                NodeProcess.upArguments(state, name).stream())
                        .toList());
        daemons.put(host, p);
        return p;
    }

    private String cli(int host, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--state-dir", stateOf(host)));
        command.addAll(List.of(args));
        NetnsLab.Result r = lab.run(host, command, START);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("'peernet " + String.join(" ", args) + "' on host " + host + " failed: "
                    + r.output().strip());
        }
        return r.output();
    }

    private String stateOf(int host) {
        return state("node" + host).toString();
    }

    private Path state(String name) {
        return work.resolve(name);
    }

    private static double median(List<Double> sorted) {
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static double worst(List<Double> sorted) {
        return sorted.getLast();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
