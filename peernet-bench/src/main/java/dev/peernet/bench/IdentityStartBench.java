package dev.peernet.bench;

import dev.peernet.identity.NodeIdentity;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The first node identity a JVM makes, timed in fresh JVMs: the JDK-only code of ADR 0009 against
 * the BouncyCastle code it replaced, alternating, in the same run. Each child ({@link
 * FirstIdentity}) times its own first {@code NodeIdentity.generate()} (or {@code load}); this
 * parent also times each child's whole life, from launch to exit. The JDK-only children run
 * without BouncyCastle on their class path.
 */
public final class IdentityStartBench {
    private static final String USAGE = """
            Usage: bench/identity-start.sh [--runs N] [--load] [--aot]
              --runs N   fresh JVMs per way and operation, alternating (default 10)
              --load     also time loading an existing key file, as every start after the first does
              --aot      run the children from an ahead-of-time cache trained once per way, as
                         `peernet up` runs (ADR 0008)
            """;

    /** Both ways, in the order a round starts with; the next round starts with the other. */
    private enum Way {
        JDK("jdk", "JDK only (ADR 0009)"),
        BOUNCY_CASTLE("bouncycastle", "BouncyCastle 1.87 (before)");

        final String argument;
        final String label;

        Way(String argument, String label) {
            this.argument = argument;
            this.label = label;
        }
    }

    /** One child's figures, in milliseconds. */
    private record Sample(double first, double process) {}

    /** A finished child: what it printed, and how long it lived. */
    private record Exited(String output, double millis) {}

    private final PrintStream out;
    private final Path work;
    private final Path keyFile;
    private final boolean aot;

    private IdentityStartBench(PrintStream out, Path work, boolean aot) {
        this.out = out;
        this.work = work;
        this.keyFile = work.resolve(NodeIdentity.KEY_FILE);
        this.aot = aot;
    }

    public static void main(String[] args) throws Exception {
        int runs = 10;
        boolean load = false;
        boolean aot = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--load" -> load = true;
                case "--aot" -> aot = true;
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> BenchCommand.unknownOption(args[i], USAGE);
            }
        }
        if (runs < 1) {
            System.err.println("Use at least 1 run.");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("peernet-identity-start-");
        try {
            new IdentityStartBench(System.out, work, aot)
                    .run(BenchCommand.line(IdentityStartBench.class, args), runs, load);
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(work);
        }
    }

    private void run(String command, int runs, boolean load) throws IOException, InterruptedException {
        out.println("# The first node identity in a fresh JVM");
        out.println("command: " + command);
        out.println("java:    " + javaCommand() + " " + Runtime.version()
                + (aot ? ", children from an AOT cache per way" : ", default CDS archive"));
        out.printf(Locale.ROOT, "load:    %.2f (1-minute load average at start, %d cores)%n%n", loadAverage(), cores());
        NodeIdentity.loadOrCreate(work);
        for (String operation : load ? List.of("generate", "load") : List.of("generate")) {
            measure(operation, runs);
        }
        out.printf(Locale.ROOT, "load:    %.2f (1-minute load average at the end)%n", loadAverage());
    }

    private void measure(String operation, int runs) throws IOException, InterruptedException {
        Map<Way, List<Sample>> samples = new EnumMap<>(Way.class);
        if (aot) {
            for (Way way : Way.values()) {
                train(way, operation);
            }
        }
        for (int run = 0; run < runs; run++) {
            List<Way> order = new ArrayList<>(List.of(Way.values()));
            if (run % 2 == 1) {
                Collections.reverse(order);
            }
            for (Way way : order) {
                samples.computeIfAbsent(way, w -> new ArrayList<>()).add(child(way, operation));
            }
        }
        report(operation, runs, samples);
    }

    private void report(String operation, int runs, Map<Way, List<Sample>> samples) {
        out.printf(
                Locale.ROOT,
                "## First NodeIdentity.%s, %d fresh JVMs per way, alternating%n",
                operation.equals("load") ? "load(keyFile)" : "generate()",
                runs);
        out.println("| way | first call: median | worst | whole JVM, launch to exit: median | worst |");
        out.println("|---|---:|---:|---:|---:|");
        for (Way way : Way.values()) {
            double[] first = samples.get(way).stream()
                    .mapToDouble(Sample::first)
                    .sorted()
                    .toArray();
            double[] process = samples.get(way).stream()
                    .mapToDouble(Sample::process)
                    .sorted()
                    .toArray();
            out.printf(
                    Locale.ROOT,
                    "| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                    way.label,
                    median(first),
                    first[first.length - 1],
                    median(process),
                    process[process.length - 1]);
        }
        out.println("all first-call times, ms:");
        for (Way way : Way.values()) {
            out.println("  " + way.argument + ": "
                    + samples.get(way).stream()
                            .map(s -> String.format(Locale.ROOT, "%.0f", s.first()))
                            .collect(Collectors.joining(" ")));
        }
        out.println();
    }

    /** Records an AOT configuration with one child of this way and operation, then makes the cache. */
    private void train(Way way, String operation) throws IOException, InterruptedException {
        Path conf = work.resolve(way.argument + "-" + operation + ".aotconf");
        String output = launch(way, operation, List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf))
                .output();
        long skipped = output.lines().filter(l -> l.contains("Signed JAR")).count();
        out.printf(
                Locale.ROOT,
                "AOT cache for %s %s: %d classes left out as coming from a signed JAR%n",
                way.argument,
                operation,
                skipped);
        List<String> create = new ArrayList<>(List.of(
                javaCommand(),
                "-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + conf,
                "-XX:AOTCache=" + cache(way, operation),
                "-cp",
                classPath(way)));
        Process process = new ProcessBuilder(create)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(way.argument + "-" + operation + ".aot.log")
                        .toFile())
                .start();
        if (process.waitFor() != 0) {
            throw new IOException("making the AOT cache for " + way.argument + " failed: see the log in " + work);
        }
    }

    private Path cache(Way way, String operation) {
        return work.resolve(way.argument + "-" + operation + ".aot");
    }

    private Sample child(Way way, String operation) throws IOException, InterruptedException {
        List<String> options =
                aot ? List.of("-XX:AOTCache=" + cache(way, operation), "-Xlog:aot=off", "-Xlog:cds=off") : List.of();
        Exited exited = launch(way, operation, options);
        String nanos = exited.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        return new Sample(Long.parseLong(nanos.strip()) / 1e6, exited.millis());
    }

    private Exited launch(Way way, String operation, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx256m", "-cp", classPath(way), FirstIdentity.class.getName(), way.argument));
        command.add(operation);
        if (operation.equals("load")) {
            command.add(keyFile.toString());
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(
                    "the " + way.argument + " child failed: " + String.join(" ", command) + "\n" + output);
        }
        return new Exited(output, (System.nanoTime() - start) / 1e6);
    }

    /** This JVM's class path; the JDK-only children get it without BouncyCastle's jars. */
    private static String classPath(Way way) {
        String all = System.getProperty("java.class.path");
        if (way == Way.BOUNCY_CASTLE) {
            return all;
        }
        return Arrays.stream(all.split(File.pathSeparator))
                .filter(entry -> !entry.contains("bouncycastle"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
