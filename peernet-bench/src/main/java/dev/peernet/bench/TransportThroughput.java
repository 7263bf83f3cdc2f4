package dev.peernet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Streams a large payload over raw TCP, a plain TLS 1.3 socket pair and one Peernet stream between
 * two nodes, all on 127.0.0.1 in one JVM, and prints MB/s for each and the ratios between them.
 *
 * <p>A plain main rather than JMH: each measurement is one multi-second transfer, and the ratios
 * only mean something when all three modes share one JVM, one warm-up and one machine state; JMH
 * forks a JVM per benchmark and would leave the ratios to be computed across runs.
 */
public final class TransportThroughput {
    /** Set by {@code bench/transport-throughput.sh} to the command line the user typed. */
    static final String COMMAND_PROPERTY = "peernet.bench.command";

    /** Largest single warm-up transfer. */
    static final long WARMUP_PASS = 256L * 1024 * 1024;

    private final BenchOptions options;
    private final PrintStream out;

    private TransportThroughput(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        System.exit(
                new TransportThroughput(options, System.out).run(BenchCommand.line(TransportThroughput.class, args)));
    }

    /** Runs every chosen mode and prints the report; returns 0 if every mode finished every round. */
    private int run(String command) {
        List<ModeRun> runs =
                options.modes().stream().map(mode -> new ModeRun(mode, out)).toList();
        Report report = new Report(out, runs);
        report.header(options, command);
        ResourceUsage before = ResourceUsage.now();
        long start = System.nanoTime();
        measureAll(runs);
        long wall = System.nanoTime() - start;
        report.results(wall, ResourceUsage.now().since(before));
        return runs.stream().allMatch(r -> r.failure().isEmpty()) ? 0 : 1;
    }

    private void measureAll(List<ModeRun> runs) {
        Transfer transfer = new Transfer();
        try {
            runs.forEach(run -> run.start(this::carrier));
            warmUp(runs, transfer);
            for (int round = 1; round <= options.rounds(); round++) {
                for (ModeRun run : runs) {
                    run.measure(transfer, options.bytes(), round, options.rounds());
                }
            }
        } finally {
            runs.forEach(ModeRun::stop);
        }
    }

    /**
     * Warms up in passes of at most {@link #WARMUP_PASS}, modes interleaved. On 2 cores the JIT
     * compiler competes with the transfer for CPU, so throughput keeps rising for a few seconds
     * whatever the size of a single warm-up transfer; several shorter passes get there sooner.
     */
    private void warmUp(List<ModeRun> runs, Transfer transfer) {
        long total = options.warmupBytes();
        int passes = (int) ((total + WARMUP_PASS - 1) / WARMUP_PASS);
        for (int pass = 1; pass <= passes; pass++) {
            long bytes = Math.min(WARMUP_PASS, total - (pass - 1) * WARMUP_PASS);
            for (ModeRun run : runs) {
                run.warmUp(transfer, bytes, pass, passes);
            }
        }
    }

    private Carrier carrier(Mode mode) throws IOException {
        return switch (mode) {
            case RAW -> new RawTcpCarrier(options.sinkThreads());
            case TLS -> new TlsCarrier(options.sinkThreads());
            case PEERNET -> PeernetCarrier.start(options.window());
        };
    }
}
