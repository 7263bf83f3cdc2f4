package dev.peernet.bench.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.peernet.bench.BenchCommand;
import dev.peernet.bench.ByteSize;
import java.io.IOException;
import java.io.PrintStream;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sharing throughput, Peernet against raw TCP ({@code nc}) and Syncthing, all in one run on this
 * machine over 127.0.0.1 inside a network namespace that has only {@code lo}: one big file, many
 * small files, one file from several rate-capped sources, and the receiver's peak memory. Run by
 * {@code bench/share-transfer.sh}, which makes the namespace and a private tmpfs for {@code work}.
 */
public final class ShareTransferBench {
    static final String WORK_PROPERTY = "peernet.bench.work";
    static final String RESULTS_PROPERTY = "peernet.bench.results";
    static final String LAUNCHER_PROPERTY = "peernet.bench.launcher";

    private final ShareBenchOptions options;
    private final PrintStream out;
    private final Results results = new Results();
    private final Path work;

    private ShareTransferBench(ShareBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.work = options.work();
    }

    public static void main(String[] args) throws Exception {
        ShareBenchOptions options;
        try {
            options = ShareBenchOptions.parse(
                    List.of(args),
                    Path.of(System.getProperty(WORK_PROPERTY, "/tmp/peernet-share-bench")),
                    Path.of(System.getProperty(RESULTS_PROPERTY, "share-transfer-results")),
                    Path.of(System.getProperty(LAUNCHER_PROPERTY, "peernet")).toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + ".");
            System.err.print(ShareBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ShareBenchOptions.USAGE);
            return;
        }
        Optional<String> notIsolated = outsideLoopback();
        if (notIsolated.isPresent()) {
            System.err.println("This benchmark runs only in a network namespace with nothing but loopback, and here "
                    + notIsolated.get() + "; run it through bench/share-transfer.sh.");
            System.exit(2);
        }
        var bench = new ShareTransferBench(options, System.out);
        boolean finished = bench.run(BenchCommand.line(ShareTransferBench.class, args));
        System.exit(finished ? 0 : 1);
    }

    /** Why this process could reach beyond the machine, if it could: an interface other than loopback is up. */
    static Optional<String> outsideLoopback() throws SocketException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                return Optional.of("interface " + nic.getName() + " is up");
            }
        }
        return Optional.empty();
    }

    /** Runs every selected case and writes the report; false if something failed on the way. */
    private boolean run(String command) throws IOException {
        Instant started = Instant.now();
        out.println("# Sharing: Peernet, raw TCP (nc) and Syncthing on 127.0.0.1");
        out.println("command: " + command);
        facts(command, started);
        boolean finished = false;
        try (var systems = new Systems(options, work, results, out)) {
            var cases = new Cases(options, work, results, systems, out);
            cases.runAll();
            finished = true;
        } catch (IOException | RuntimeException e) {
            out.println("The benchmark stopped early: " + e.getMessage());
            results.fact("stoppedEarly", String.valueOf(e.getMessage()));
        } finally {
            results.fact("wallSeconds", Duration.between(started, Instant.now()).toMillis() / 1e3);
            report(command);
        }
        return finished;
    }

    private void facts(String command, Instant started) {
        results.fact("command", command);
        results.fact("started", started.toString());
        results.fact("cores", Runtime.getRuntime().availableProcessors());
        results.fact("kernel", System.getProperty("os.version"));
        results.fact("java", System.getProperty("java.version"));
    }

    private void report(String command) throws IOException {
        List<ShareReport.Row> rows = new ShareReport(results, options).rows();
        String table = ShareReport.markdown(rows, options.runs());
        String notes = Notes.of(results, options);
        out.println();
        out.print(table);
        out.println();
        out.print(notes);
        Files.createDirectories(options.results());
        Files.writeString(
                options.results().resolve("results.md"),
                "# Sharing benchmark\n\n```\n" + command + "\n```\n\n" + table + "\n" + notes);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("facts", results.facts());
        json.put("options", optionsJson());
        json.put("rows", rows);
        json.put("samples", results.allSamples());
        json.put("missing", results.allMissing());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(options.results().resolve("results.json").toFile(), json);
        out.println("Written to " + options.results().toAbsolutePath() + "/results.{md,json}");
    }

    private Map<String, Object> optionsJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("runs", options.runs());
        o.put("warmup", options.warmup());
        o.put("bigSize", options.bigSize());
        o.put("smallCount", options.smallCount());
        o.put("smallSize", options.smallSize());
        o.put("multiSize", options.multiSize());
        o.put("rate", options.rate());
        o.put("rateBytesPerSecond", options.rateBytesPerSecond());
        o.put("sources", options.sources());
        o.put("cases", options.cases().stream().sorted().toList());
        o.put("systems", options.systems().stream().sorted().toList());
        o.put("settleSeconds", options.settle().toMillis() / 1e3);
        o.put("bigSizeText", ByteSize.format(options.bigSize()));
        return o;
    }
}
