package dev.peernet.bench.share;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Peernet's part: node A shares the source folder as {@code bench}, node B joins A's network and
 * fetches with {@code peernet get}; for case 3, nodes S1 to S4 each share the same file as {@code
 * multi} with their upload capped, and B fetches from S1 while the engine finds the others by hash.
 */
final class PeernetSide implements AutoCloseable {
    static final String SHARE = "bench";
    static final String MULTI = "multi";

    private final PeernetNodes nodes;
    private final PeernetNodes.Node a;
    private final PeernetNodes.Node b;
    private final List<PeernetNodes.Node> sources = new ArrayList<>();

    private PeernetSide(PeernetNodes nodes) {
        this.nodes = nodes;
        this.a = nodes.define("A", 7801, List.of());
        // B redials A if the connection drops, as the sources redial B.
        this.b = nodes.define("B", 7802, List.of("--peer", a.address()));
    }

    /**
     * Starts A and B, joins B to A's network, shares {@code folder} from A and waits for its index.
     * Records the indexing time and the CLI's start-up time in {@code results}.
     */
    static PeernetSide start(Path launcher, Path work, Path folder, long folderBytes, Results results)
            throws IOException {
        var side = new PeernetSide(new PeernetNodes(launcher, work));
        try {
            side.nodes.start(side.a);
            side.nodes.start(side.b);
            side.nodes.join(side.a, side.b);
            double indexed = side.nodes.share(side.a, folder, SHARE);
            results.fact("peernetShareAddSeconds", indexed);
            if (folderBytes > 0) {
                results.fact("peernetShareAddMBps", folderBytes / indexed / 1e6);
            }
            side.nodes.awaitConnected(side.b, List.of(side.a));
            List<Double> cli = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                cli.add(side.nodes.cliSeconds(side.b));
            }
            results.fact(
                    "peernetCliSeconds",
                    Results.median(cli.stream().mapToDouble(d -> d).sorted().toArray()));
            return side;
        } catch (IOException | RuntimeException e) {
            side.close();
            throw e;
        }
    }

    /** Why this build cannot fetch, if it cannot: the CLI has no {@code get} yet. */
    Optional<String> cannotGet() {
        return nodes.hasGet() ? Optional.empty() : Optional.of("this build of Peernet has no `peernet get` yet");
    }

    /** Why case 3 cannot run, if it cannot. */
    Optional<String> cannotCap() {
        return cannotGet()
                .or(() -> nodes.hasMaxUpload()
                        ? Optional.empty()
                        : Optional.of("this build's `peernet up` has no --max-upload yet"));
    }

    /** Fetches {@code path} of share {@code bench} from A into {@code dest}, and checks it is {@code sent}. */
    Sample fetchFromA(String path, Path sent, Path dest, Duration timeout) throws IOException {
        return fetch(a, List.of(a), SHARE + "/" + path, sent, dest, timeout);
    }

    /**
     * Makes S1 to S{@code count}: each joins A's network, dials B, shares {@code folder} as {@code
     * multi} with uploads capped at {@code rate}; then stops them until {@link #useSources} runs them.
     */
    void prepareSources(int count, Path folder, String rate) throws IOException {
        for (int i = 1; i <= count; i++) {
            var s = nodes.define("S" + i, 7802 + i, List.of("--max-upload", rate, "--peer", b.address()));
            nodes.start(s);
            nodes.join(a, s);
            nodes.share(s, folder, MULTI);
            sources.add(s);
        }
        nodes.awaitConnected(b, sources);
        sources.forEach(nodes::stop);
    }

    /** Stops A, which case 3 does not need: only the sources and B run then. */
    void stopA() {
        nodes.stop(a);
    }

    /** Runs exactly the first {@code n} sources and waits until B is connected to each. */
    void useSources(int n) throws IOException {
        for (int i = 0; i < sources.size(); i++) {
            var s = sources.get(i);
            boolean wanted = i < n;
            if (!wanted && s.daemon != null) {
                nodes.stop(s);
            } else if (wanted && s.daemon == null) {
                nodes.start(s);
            }
        }
        nodes.awaitConnected(b, sources.subList(0, n));
    }

    /** Fetches {@code path} of share {@code multi} from S1 while the first {@code n} sources run. */
    Sample fetchFromSources(int n, String path, Path sent, Path dest, Duration timeout) throws IOException {
        return fetch(sources.getFirst(), sources.subList(0, n), MULTI + "/" + path, sent, dest, timeout);
    }

    private Sample fetch(
            PeernetNodes.Node from,
            List<PeernetNodes.Node> senders,
            String sharePath,
            Path sent,
            Path dest,
            Duration timeout)
            throws IOException {
        Payload.delete(dest);
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put(b.name, b.pid());
        senders.forEach(s -> pids.put(s.name, s.pid()));
        Proc.resetPeakRss(b.pid());
        CpuReading before = CpuReading.of(pids);
        Command.Result r = nodes.get(b, from, sharePath, dest, timeout);
        CpuReading.Use used = CpuReading.of(pids).since(before);
        long peak = Proc.peakRssBytes(b.pid());
        if (!r.ok()) {
            throw new IllegalStateException(
                    "`peernet get` of " + sharePath + " failed (exit " + r.exitCode() + "): " + r.lastLine());
        }
        Optional<String> wrong = Payload.difference(sent, dest);
        if (wrong.isPresent()) {
            throw new IllegalStateException("`peernet get` of " + sharePath + " delivered wrong bytes: " + wrong.get());
        }
        double cpu = used.of(pids.keySet().toArray(String[]::new));
        double engine = nodes.transfers(b)
                .flatMap(json -> TransferTimes.seconds(json, dest))
                .orElse(-1.0);
        return new Sample(r.seconds(), r.seconds(), engine, cpu, cpu, used.reaped(), peak, used.others());
    }

    @Override
    public void close() {
        nodes.close();
    }
}
