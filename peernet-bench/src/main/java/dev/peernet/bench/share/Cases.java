package dev.peernet.bench.share;

import dev.peernet.bench.ByteSize;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The cases, run in rounds: within a round each system runs once (nc, Peernet, Syncthing), so a
 * change in the machine's load hits them alike; the first {@code --warmup} rounds are not counted.
 * Every received copy is compared with what was sent, outside the timed part.
 */
final class Cases {
    /** Slowest transfer rate a run may have before it counts as hung, on top of a fixed minute. */
    private static final double SLOWEST_BYTES_PER_SECOND = 10e6;

    private final ShareBenchOptions options;
    private final Results results;
    private final Systems systems;
    private final PrintStream out;
    private final Path source;
    private final Path multi;
    private final Path received;
    private final Set<String> failed = new HashSet<>();

    Cases(ShareBenchOptions options, Path work, Results results, Systems systems, PrintStream out) {
        this.options = options;
        this.results = results;
        this.systems = systems;
        this.out = out;
        this.source = work.resolve("peernet-source");
        this.multi = work.resolve("multi-source");
        this.received = work.resolve("received");
    }

    /** A timed run of one series, which may throw. */
    private interface Run {
        Sample run(int round) throws IOException;
    }

    void runAll() throws IOException {
        prepare();
        if (options.runsCase(1)) {
            for (int round = 0; round < options.warmup() + options.runs(); round++) {
                once(Results.key(Results.BIG, "nc"), round, options.bigSize(), 0, this::ncBig);
                once(Results.key(Results.BIG, "peernet"), round, options.bigSize(), 0, this::peernetBig);
                once(Results.key(Results.BIG, "syncthing"), round, options.bigSize(), 0, this::syncthingBig);
            }
        }
        if (options.runsCase(2)) {
            long bytes = options.smallCount() * options.smallSize();
            for (int round = 0; round < options.warmup() + options.runs(); round++) {
                once(Results.key(Results.SMALL, "peernet"), round, bytes, options.smallCount(), this::peernetSmall);
                once(Results.key(Results.SMALL, "syncthing"), round, bytes, options.smallCount(), this::syncthingSmall);
            }
        }
        if (options.runsCase(3)) {
            sources();
        }
    }

    /** Writes the payload: the big file and the small files into A's share, the file for case 3. */
    private void prepare() throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(source);
        Files.createDirectories(received);
        long bytes = 0;
        if (options.runsCase(1)) {
            Payload.writeFile(source.resolve("big.bin"), options.bigSize(), 1);
            bytes += options.bigSize();
        }
        if (options.runsCase(2)) {
            Payload.writeFiles(source.resolve("small"), options.smallCount(), options.smallSize(), 2);
            bytes += options.smallCount() * options.smallSize();
        }
        if (options.runsCase(3)) {
            Payload.writeFile(multi.resolve("multi.bin"), options.multiSize(), 3);
        }
        out.printf(Locale.ROOT, "Payload written in %.1f s.%n", (System.nanoTime() - start) / 1e9);
        systems.start(source, bytes, multi);
    }

    /**
     * Runs one round of {@code series} unless it has failed before or its system is missing; counts
     * it after the warm-up. A failure is recorded as the series' reason, and its later rounds skipped.
     */
    private void once(String series, int round, long bytes, long files, Run run) {
        if (failed.contains(series)
                || results.why(series).filter(w -> !w.equals("not run")).isPresent()) {
            return;
        }
        boolean warmup = round < options.warmup();
        Quiet.await(options.settle());
        try {
            Sample s = run.run(round);
            if (!warmup) {
                results.add(series, s);
            }
            out.println(line(series, round, warmup, s, bytes, files));
        } catch (IOException | RuntimeException e) {
            failed.add(series);
            results.missing(series, e.getMessage());
            out.println("  " + series + " failed: " + e.getMessage());
        }
    }

    private String line(String series, int round, boolean warmup, Sample s, long bytes, long files) {
        String rate = files > 0
                ? String.format(Locale.ROOT, "%.0f files/s", files / s.seconds())
                : String.format(Locale.ROOT, "%.0f MB/s", bytes / s.seconds() / 1e6);
        return String.format(
                Locale.ROOT,
                "  %-18s round %d%s: %6.2f s (%.2f s total), %s, CPU %.2f s (%.2f total)%s, others %.2f s",
                series,
                round + 1,
                warmup ? " (warm-up)" : "",
                s.seconds(),
                s.totalSeconds(),
                rate,
                s.cpuSeconds(),
                s.cpuTotalSeconds(),
                s.receiverPeakRssBytes() > 0 ? ", receiver peak " + (s.receiverPeakRssBytes() >> 20) + " MiB" : "",
                s.othersCpuSeconds());
    }

    private static Duration timeout(long bytes) {
        return Duration.ofSeconds(60).plusMillis((long) (bytes / SLOWEST_BYTES_PER_SECOND * 1000));
    }

    // ---- case 1: one big file

    private Sample ncBig(int round) throws IOException {
        Path dest = received.resolve("nc-big.bin");
        Sample s = systems.nc.transfer(source.resolve("big.bin"), dest, timeout(options.bigSize()));
        check("nc", source.resolve("big.bin"), dest);
        Files.delete(dest);
        return s;
    }

    private Sample peernetBig(int round) throws IOException {
        Path dest = received.resolve("peernet-big.bin");
        Sample s = systems.peernet.fetchFromA("big.bin", source.resolve("big.bin"), dest, timeout(options.bigSize()));
        Payload.delete(dest);
        return s;
    }

    private Sample syncthingBig(int round) throws IOException {
        SyncthingPair pair = systems.syncthing;
        pair.clear(timeout(options.bigSize()));
        String name = "big-" + round + ".bin";
        // New bytes every round, so B can reuse nothing it received before.
        Payload.writeFile(pair.sender.folder.resolve(name), options.bigSize(), 100 + round);
        Quiet.await(options.settle());
        Sample s = pair.transfer(1, options.bigSize(), timeout(options.bigSize()));
        check("Syncthing", pair.sender.folder.resolve(name), pair.receiver.folder.resolve(name));
        // Emptied now rather than before the next run, so that its copies do not sit in memory meanwhile.
        pair.clear(timeout(options.bigSize()));
        return s;
    }

    // ---- case 2: many small files

    private Sample peernetSmall(int round) throws IOException {
        Path dest = received.resolve("peernet-small");
        long bytes = options.smallCount() * options.smallSize();
        Sample s = systems.peernet.fetchFromA("small", source.resolve("small"), dest, timeout(bytes));
        Payload.delete(dest);
        return s;
    }

    private Sample syncthingSmall(int round) throws IOException {
        SyncthingPair pair = systems.syncthing;
        long bytes = options.smallCount() * options.smallSize();
        pair.clear(timeout(bytes));
        String name = "small-" + round;
        Payload.writeFiles(pair.sender.folder.resolve(name), options.smallCount(), options.smallSize(), 200 + round);
        Quiet.await(options.settle());
        Sample s = pair.transfer(options.smallCount(), bytes, timeout(bytes));
        check("Syncthing", pair.sender.folder.resolve(name), pair.receiver.folder.resolve(name));
        pair.clear(timeout(bytes));
        return s;
    }

    // ---- case 3: one file from several capped sources

    private void sources() throws IOException {
        if (systems.peernet == null || !options.runs("peernet")) {
            return;
        }
        if (systems.peernetSourcesMissing.isPresent()) {
            options.sources().forEach(n -> results.missing(Results.sources(n), systems.peernetSourcesMissing.get()));
            return;
        }
        systems.peernet.stopA();
        Path sent = multi.resolve("multi.bin");
        Path dest = received.resolve("peernet-multi.bin");
        // Each count of sources runs as a series: its sources start once, serve the warm-up rounds
        // (not counted), then the counted ones, as members that are already online serve a file.
        // Restarting sources between rounds measured four fresh JVMs compiling their TLS code on two
        // cores, not fetching from several members.
        for (int n : options.sources()) {
            String series = Results.sources(n);
            try {
                systems.peernet.useSources(n);
            } catch (IOException | RuntimeException e) {
                failed.add(series);
                results.missing(series, "the sources did not start: " + e.getMessage());
            }
            for (int round = 0; round < options.warmup() + options.runs(); round++) {
                once(series, round, options.multiSize(), 0, r -> {
                    Sample s =
                            systems.peernet.fetchFromSources(n, "multi.bin", sent, dest, timeout(options.multiSize()));
                    Payload.delete(dest);
                    return s;
                });
            }
        }
        out.println("  (case 3: " + ByteSize.format(options.multiSize()) + " per run, R = " + options.rate() + ")");
    }

    private static void check(String system, Path sent, Path got) throws IOException {
        var wrong = Payload.difference(sent, got);
        if (wrong.isPresent()) {
            throw new IllegalStateException(system + " delivered wrong bytes: " + wrong.get());
        }
    }
}
