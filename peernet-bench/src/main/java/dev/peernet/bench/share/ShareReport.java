package dev.peernet.bench.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.peernet.bench.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table: for each target of issue 4, the medians it compares, the bound they give, and whether
 * Peernet meets it. A target whose figures are missing is "n/a" with the reason, never a pass.
 */
final class ShareReport {
    private static final double GIB = 1L << 30;
    private static final double MIB = 1L << 20;
    private static final String RATE = "%.0f";
    private static final String CPU = "%.2f";

    /** One line of the table; cells are already formatted, "" where a system has no such figure. */
    record Row(
            @JsonProperty("case") String kase,
            String figure,
            String peernet,
            String nc,
            String syncthing,
            String target,
            String verdict) {}

    /** A target's text with its bound, and the verdict. */
    private record Judgement(String target, String verdict) {}

    private final Results results;
    private final ShareBenchOptions options;

    ShareReport(Results results, ShareBenchOptions options) {
        this.results = results;
        this.options = options;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        big(rows);
        small(rows);
        sources(rows);
        memory(rows);
        return rows;
    }

    private void big(List<Row> rows) {
        String p = Results.key(Results.BIG, "peernet");
        String n = Results.key(Results.BIG, "nc");
        String s = Results.key(Results.BIG, "syncthing");
        double bytes = options.bigSize();
        var peernet = results.median(p, x -> bytes / x.seconds() / 1e6);
        var nc = results.median(n, x -> bytes / x.seconds() / 1e6);
        var afterScan = results.median(s, x -> bytes / x.seconds() / 1e6);
        var total = results.median(s, x -> bytes / x.totalSeconds() / 1e6);
        String syncthing = cell(afterScan, RATE) + suffix(total, " (%.0f total)");
        String figure = "MB/s, one " + ByteSize.format(options.bigSize()) + " file";
        var vsSyncthing = judge(peernet, p, afterScan, s, 2, true, "2 × Syncthing after its scan", RATE);
        rows.add(row("1", figure, cell(peernet, RATE), cell(nc, RATE), syncthing, vsSyncthing));
        var vsNc = judge(peernet, p, nc, n, 0.3, true, "0.3 × nc", RATE);
        rows.add(row("1", "MB/s against raw TCP", cell(peernet, RATE), cell(nc, RATE), "", vsNc));

        double gib = bytes / GIB;
        var peernetCpu = results.median(p, x -> x.cpuSeconds() / gib);
        var client = results.median(p, x -> x.clientCpuSeconds() / gib);
        var ncCpu = results.median(n, x -> x.cpuSeconds() / gib);
        var stCpu = results.median(s, x -> x.cpuTotalSeconds() / gib);
        var stAfter = results.median(s, x -> x.cpuSeconds() / gib);
        var cpu = judge(peernetCpu, p, stCpu, s, 0.5, false, "0.5 × Syncthing", CPU);
        rows.add(row(
                "1",
                "CPU s per GiB, both nodes",
                cell(peernetCpu, CPU) + suffix(client, " (+%.2f CLI)"),
                cell(ncCpu, CPU),
                cell(stCpu, CPU) + suffix(stAfter, " (%.2f after scan)"),
                cpu));
    }

    private void small(List<Row> rows) {
        String p = Results.key(Results.SMALL, "peernet");
        String s = Results.key(Results.SMALL, "syncthing");
        double files = options.smallCount();
        var peernet = results.median(p, x -> files / x.seconds());
        var afterScan = results.median(s, x -> files / x.seconds());
        var total = results.median(s, x -> files / x.totalSeconds());
        String figure = String.format(
                Locale.ROOT, "files/s, %d × %s", options.smallCount(), ByteSize.format(options.smallSize()));
        var judgement = judge(peernet, p, afterScan, s, 3, true, "3 × Syncthing after its scan", RATE);
        rows.add(row(
                "2",
                figure,
                cell(peernet, RATE),
                "",
                cell(afterScan, RATE) + suffix(total, " (%.0f total)"),
                judgement));
    }

    private void sources(List<Row> rows) {
        double rate = options.rateBytesPerSecond() / 1e6;
        double bytes = options.multiSize();
        for (int n : options.sources()) {
            String series = Results.sources(n);
            var aggregate = results.median(series, x -> bytes / x.seconds() / 1e6);
            double bound = 0.85 * n * rate;
            String figure = String.format(
                    Locale.ROOT,
                    "MB/s, one %s file from %d source%s, each capped at R = %s",
                    ByteSize.format(options.multiSize()),
                    n,
                    n == 1 ? "" : "s",
                    options.rate());
            String target = String.format(Locale.ROOT, "≥ 0.85 × %d × R = %.1f", n, bound);
            String verdict = aggregate.map(a -> a >= bound ? "pass" : "FAIL").orElseGet(() -> na(series));
            rows.add(new Row("3", figure, cell(aggregate, "%.1f"), "", "", target, verdict));
        }
    }

    private void memory(List<Row> rows) {
        String p = Results.key(Results.BIG, "peernet");
        String s = Results.key(Results.BIG, "syncthing");
        var peernet = results.median(p, x -> x.receiverPeakRssBytes() / MIB);
        var syncthing = results.median(s, x -> x.receiverPeakRssBytes() / MIB);
        var judgement = judge(peernet, p, syncthing, s, 1.25, false, "1.25 × Syncthing", RATE);
        rows.add(row(
                "4",
                "peak RSS of the receiving node in case 1, MiB",
                cell(peernet, RATE),
                "",
                cell(syncthing, RATE),
                judgement));
    }

    /**
     * Peernet's {@code value} against {@code factor} × {@code base}: at least that much when {@code
     * atLeast}, else at most. Without either figure, "n/a" with the missing series' reason.
     */
    private Judgement judge(
            Optional<Double> value,
            String series,
            Optional<Double> base,
            String baseSeries,
            double factor,
            boolean atLeast,
            String what,
            String pattern) {
        Optional<Double> bound = base.map(b -> b * factor);
        String target = (atLeast ? "≥ " : "≤ ") + what + suffix(bound, " = " + pattern);
        if (value.isEmpty()) {
            return new Judgement(target, na(series));
        }
        if (bound.isEmpty()) {
            return new Judgement(target, na(baseSeries));
        }
        boolean met = atLeast ? value.get() >= bound.get() : value.get() <= bound.get();
        return new Judgement(target, met ? "pass" : "FAIL");
    }

    private static Row row(String kase, String figure, String peernet, String nc, String syncthing, Judgement j) {
        return new Row(kase, figure, peernet, nc, syncthing, j.target(), j.verdict());
    }

    private String na(String series) {
        return "n/a: " + results.why(series).orElse("no figure");
    }

    private static String cell(Optional<Double> value, String pattern) {
        return value.map(v -> String.format(Locale.ROOT, pattern, v)).orElse("n/a");
    }

    private static String suffix(Optional<Double> value, String pattern) {
        return value.map(v -> String.format(Locale.ROOT, pattern, v)).orElse("");
    }

    /** The table in Markdown, which reads as plain text too. */
    static String markdown(List<Row> rows, int runs) {
        StringBuilder out = new StringBuilder();
        out.append("| case | figure (median of ")
                .append(runs)
                .append(runs == 1 ? " run" : " runs")
                .append(") | Peernet | raw TCP (nc) | Syncthing | target for Peernet | verdict |\n");
        out.append("|---|---|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ", r.kase(), r.figure(), r.peernet(), r.nc(), r.syncthing(), r.target(), r.verdict()))
                    .append(" |\n");
        }
        return out.toString();
    }
}
