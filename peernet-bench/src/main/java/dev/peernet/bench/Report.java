package dev.peernet.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Prints the run's setup, one row per mode, the ratios between modes, and the target verdict. */
final class Report {
    /** The requirement: a Peernet stream reaches at least 80 % of plain TLS in the same run. */
    static final double TARGET_PEERNET_OVER_TLS = 0.80;
    /** Background noise on an idle machine stays well below this many busy cores. */
    private static final double DISTURBED_CORES = 0.2;

    private final PrintStream out;
    private final List<ModeRun> runs;

    Report(PrintStream out, List<ModeRun> runs) {
        this.out = out;
        this.runs = List.copyOf(runs);
    }

    void header(BenchOptions options, String command) {
        out.println("Peernet transport throughput");
        line("JVM", jvm());
        line("JVM args", jvmArguments());
        line("command", command);
        line(
                "payload",
                ByteSize.format(options.bytes()) + " (" + options.bytes() + " B) per round in "
                        + ByteSize.format(Transfer.WRITE_SIZE) + " writes; " + options.rounds()
                        + " rounds per mode, modes interleaved, after "
                        + ByteSize.format(options.warmupBytes()) + " of warm-up each");
        line("sinks", (options.virtualSinks() ? "virtual" : "platform") + " threads for raw and tls");
        out.println();
    }

    private static String jvmArguments() {
        String own = "-D" + TransportThroughput.COMMAND_PROPERTY + "=";
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith(own))
                .collect(Collectors.joining(" "));
    }

    private static String jvm() {
        Runtime runtime = Runtime.getRuntime();
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version() + ", " + runtime.availableProcessors() + " CPUs, max heap "
                + runtime.maxMemory() / (1024 * 1024) + " MiB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    void results(long wallNanos, ResourceUsage total) {
        out.println();
        for (ModeRun run : runs) {
            line(run.mode().label(), run.failure().orElse(run.description()));
        }
        out.println();
        table();
        out.println();
        ratios();
        out.println();
        verdict();
        out.printf(
                Locale.ROOT,
                "process  CPU %.1f s over %.1f s wall; GC %d ms in %d collections%n",
                total.cpuNanos() / 1e9,
                wallNanos / 1e9,
                total.gcMillis(),
                total.gcCount());
        warnIfDisturbed(wallNanos, total);
    }

    /** Other processes competing for the CPUs make every figure, and the ratios, unreliable. */
    private void warnIfDisturbed(long wallNanos, ResourceUsage total) {
        long others = total.othersNanos();
        if (others >= 0 && (double) others / wallNanos > DISTURBED_CORES) {
            out.printf(
                    Locale.ROOT,
                    "warning  other processes kept %.2f cores busy during the run; rerun on a quiet machine%n",
                    (double) others / wallNanos);
        }
    }

    private void table() {
        out.println("MB = 10^6 bytes. CPU s/GB, cores, alloc and GC: this JVM, median per round."
                + " others: cores other processes kept busy meanwhile (noise if above ~0.1).");
        out.printf(
                "%-8s %6s %12s %12s %9s %6s %7s %12s %8s%n",
                "mode", "rounds", "best MB/s", "median MB/s", "CPU s/GB", "cores", "others", "alloc B/MB", "GC ms");
        for (ModeRun run : runs) {
            run.stats()
                    .ifPresentOrElse(
                            s -> row(run.mode(), s),
                            () -> out.printf("%-8s %s%n", run.mode().label(), "-"));
        }
    }

    private void row(Mode mode, ModeStats s) {
        out.printf(
                Locale.ROOT,
                "%-8s %6d %12.1f %12.1f %9.2f %6.2f %7.2f %12.0f %8.0f%n",
                mode.label(),
                s.rounds(),
                s.bestMbps(),
                s.medianMbps(),
                s.cpuSecondsPerGigabyte(),
                s.coresBusy(),
                s.otherCoresBusy(),
                s.allocatedPerMegabyte(),
                s.gcMillis());
    }

    private void ratios() {
        out.printf("%-12s %6s %8s%n", "ratio", "best", "median");
        ratio(Mode.PEERNET, Mode.TLS);
        ratio(Mode.PEERNET, Mode.RAW);
        ratio(Mode.TLS, Mode.RAW);
    }

    private void ratio(Mode top, Mode bottom) {
        String name = top.label() + "/" + bottom.label();
        Optional<ModeStats> a = stats(top);
        Optional<ModeStats> b = stats(bottom);
        if (a.isEmpty() || b.isEmpty()) {
            out.printf("%-12s %6s %8s%n", name, "n/a", "n/a");
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-12s %6.3f %8.3f%n",
                name,
                a.get().bestMbps() / b.get().bestMbps(),
                a.get().medianMbps() / b.get().medianMbps());
    }

    private void verdict() {
        Optional<ModeStats> peernet = stats(Mode.PEERNET);
        Optional<ModeStats> tls = stats(Mode.TLS);
        String target = String.format(
                Locale.ROOT, "target   peernet >= %.0f%% of tls (medians): ", TARGET_PEERNET_OVER_TLS * 100);
        if (peernet.isEmpty() || tls.isEmpty()) {
            out.println(target + "not measured in this run");
            return;
        }
        double ratio = peernet.get().medianMbps() / tls.get().medianMbps();
        out.printf(
                Locale.ROOT,
                "%s%s (%.1f%%)%n",
                target,
                ratio >= TARGET_PEERNET_OVER_TLS ? "MET" : "MISSED",
                ratio * 100);
    }

    private Optional<ModeStats> stats(Mode mode) {
        return runs.stream().filter(r -> r.mode() == mode).findFirst().flatMap(ModeRun::stats);
    }

    private void line(String label, String value) {
        out.printf("%-9s %s%n", label, value);
    }
}
