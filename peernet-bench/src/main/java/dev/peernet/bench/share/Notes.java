package dev.peernet.bench.share;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The lines under the table: what else was measured, how busy the machine was, and with what. */
final class Notes {
    /** Others keeping more than this many cores busy during a series' runs makes its figures doubtful. */
    static final double BUSY_CORES = 0.25;

    private Notes() {}

    static String of(Results results, ShareBenchOptions options) {
        StringBuilder out = new StringBuilder();
        syncthing(out, results, Results.key(Results.BIG, "syncthing"), "case 1");
        syncthing(out, results, Results.key(Results.SMALL, "syncthing"), "case 2");
        results.number("peernetShareAddSeconds")
                .ifPresent(indexed -> line(
                        out,
                        String.format(
                                Locale.ROOT,
                                "Peernet `share add` of A's folder, first scan included: %.2f s%s; a CLI command that only asks the"
                                        + " node (`peernet id`) takes %.2f s here, which every `get` time includes.",
                                indexed,
                                results.number("peernetShareAddMBps")
                                        .map(r -> String.format(Locale.ROOT, " (%.0f MB/s)", r))
                                        .orElse(""),
                                results.number("peernetCliSeconds").orElse(0.0))));
        engine(out, results, Results.key(Results.BIG, "peernet"), options.bigSize() / 1e6, "MB/s");
        engine(out, results, Results.key(Results.SMALL, "peernet"), options.smallCount(), "files/s");
        for (String series : results.allSamples().keySet()) {
            Optional<Double> busy = results.median(series, s -> s.othersCpuSeconds() / s.totalSeconds());
            if (busy.isPresent() && busy.get() > BUSY_CORES) {
                line(
                        out,
                        String.format(
                                Locale.ROOT,
                                "Warning: other processes kept %.2f cores busy during %s (median), so its figures are low.",
                                busy.get(),
                                series));
            }
        }
        if (results.facts().get("stoppedEarly") instanceof String why) {
            line(out, "The run stopped early, so later cases have no figures: " + why);
        }
        results.allMissing().forEach((series, why) -> line(out, "No figure for " + series + ": " + why));
        line(
                out,
                String.format(
                        Locale.ROOT,
                        "Runs: %d timed per series after %d warm-up; the table gives medians.",
                        options.runs(),
                        options.warmup()));
        Map<String, Object> f = results.facts();
        line(
                out,
                "Machine: " + f.get("cores") + " cores, Linux " + f.get("kernel") + ", Java " + f.get("java") + "; "
                        + f.getOrDefault("syncthing", "no Syncthing") + "; " + f.getOrDefault("nc", "no nc") + ".");
        results.number("wallSeconds")
                .ifPresent(s -> line(out, String.format(Locale.ROOT, "Wall time of the whole run: %.0f s.", s)));
        return out.toString();
    }

    private static void syncthing(StringBuilder out, Results results, String series, String kase) {
        var total = results.median(series, Sample::totalSeconds);
        var after = results.median(series, Sample::seconds);
        var scan = results.median(series, s -> s.totalSeconds() - s.seconds());
        if (total.isPresent() && after.isPresent() && scan.isPresent()) {
            line(
                    out,
                    String.format(
                            Locale.ROOT,
                            "Syncthing, %s: %.2f s from the scan request to B complete, of which A's scan took %.2f s;"
                                    + " %.2f s from the end of the scan.",
                            kase,
                            total.get(),
                            scan.get(),
                            after.get()));
        }
    }

    /** Peernet's engine time from `transfers --json`, when every run of the series had one. */
    private static void engine(StringBuilder out, Results results, String series, double amount, String unit) {
        if (results.samples(series).isEmpty() || results.why(series).isPresent()) {
            return;
        }
        if (results.samples(series).stream().anyMatch(s -> s.engineSeconds() <= 0)) {
            line(
                    out,
                    "Peernet, " + series + ": `peernet transfers --json` gave no start and end, so only the"
                            + " `get` wall time is known.");
            return;
        }
        double seconds = results.median(series, Sample::engineSeconds).orElseThrow();
        line(
                out,
                String.format(
                        Locale.ROOT,
                        "Peernet, %s: the engine's own time (`transfers --json`, without the CLI's start) %.2f s, %.0f %s.",
                        series,
                        seconds,
                        amount / seconds,
                        unit));
    }

    private static void line(StringBuilder out, String text) {
        out.append("- ").append(text).append('\n');
    }
}
