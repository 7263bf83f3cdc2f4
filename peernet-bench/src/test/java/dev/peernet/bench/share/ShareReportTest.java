package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareReportTest {
    private final ShareBenchOptions options = ShareBenchOptions.parse(
            List.of("--size", "1GiB", "--files", "1000", "--multi-size", "100MB", "--rate", "10MB/s"),
            Path.of("/w"),
            Path.of("/r"),
            Path.of("/p"));
    private final Results results = new Results();

    /** A run taking {@code seconds} (after a scan of {@code scan} s), with CPU and peak memory. */
    private static Sample run(double seconds, double scan, double cpu, double cpuTotal, long rss) {
        return new Sample(seconds, seconds + scan, -1, cpu, cpuTotal, 0, rss, 0);
    }

    private ShareReport.Row row(String kase, String figureStart) {
        return new ShareReport(results, options)
                .rows().stream()
                        .filter(r -> r.kase().equals(kase) && r.figure().startsWith(figureStart))
                        .findFirst()
                        .orElseThrow();
    }

    @Test
    void peernetPassesWhenItReachesTwiceSyncthingsRateAfterItsScan() {
        // 1 GiB: Syncthing 2 s after a 1 s scan (537 MB/s), Peernet 1 s (1074 MB/s).
        results.add("big/syncthing", run(2, 1, 4, 6, 100 << 20));
        results.add("big/peernet", run(1, 0, 2, 2, 110 << 20));

        ShareReport.Row row = row("1", "MB/s, one 1 GiB file");

        assertThat(row.peernet()).isEqualTo("1074");
        assertThat(row.syncthing()).isEqualTo("537 (358 total)");
        assertThat(row.target()).isEqualTo("≥ 2 × Syncthing after its scan = 1074");
        assertThat(row.verdict()).isEqualTo("pass");
    }

    @Test
    void peernetFailsJustBelowTheBound() {
        results.add("big/syncthing", run(2, 1, 4, 6, 100 << 20));
        results.add("big/peernet", run(1.01, 0, 2, 2, 110 << 20));

        assertThat(row("1", "MB/s, one").verdict()).isEqualTo("FAIL");
    }

    @Test
    void theCpuTargetTakesSyncthingsWholeRunScanIncludedAndShowsTheCliApart() {
        results.add("big/syncthing", run(2, 1, 4, 6, 100 << 20));
        results.add("big/peernet", new Sample(1, 1, -1, 3, 3, 0.5, 110 << 20, 0));

        ShareReport.Row row = row("1", "CPU");

        assertThat(row.peernet()).isEqualTo("3.00 (+0.50 CLI)");
        assertThat(row.syncthing()).isEqualTo("6.00 (4.00 after scan)");
        assertThat(row.target()).isEqualTo("≤ 0.5 × Syncthing = 3.00");
        assertThat(row.verdict()).isEqualTo("pass");
    }

    @Test
    void aMissingPeernetFigureIsNotApplicableWithItsReasonNeverAPass() {
        results.add("big/syncthing", run(2, 1, 4, 6, 100 << 20));
        results.add("big/nc", run(0.5, 0, 0.4, 0.4, -1));
        results.missing("big/peernet", "this build of Peernet has no `peernet get` yet");

        ShareReport.Row row = row("1", "MB/s against raw TCP");

        assertThat(row.nc()).isEqualTo("2147");
        assertThat(row.target()).isEqualTo("≥ 0.3 × nc = 644");
        assertThat(row.verdict()).isEqualTo("n/a: this build of Peernet has no `peernet get` yet");
    }

    @Test
    void aSeriesThatFailedAfterSomeRunsHasNoFigure() {
        results.add("big/peernet", run(1, 0, 2, 2, 1));
        results.missing("big/peernet", "`peernet get` of bench/big.bin failed (exit 1): The source went away.");
        results.add("big/syncthing", run(2, 1, 4, 6, 100 << 20));

        ShareReport.Row row = row("1", "MB/s, one");

        assertThat(row.peernet()).isEqualTo("n/a");
        assertThat(row.verdict()).startsWith("n/a: `peernet get` of bench/big.bin failed");
    }

    @Test
    void theSourcesTargetGrowsWithTheNumberOfSources() {
        // 100 MB at R = 10 MB/s: 2 sources need 17 MB/s, which 5.5 s (18.2 MB/s) gives and 6 s (16.7) does not.
        results.add(Results.sources(1), run(11, 0, 1, 1, 1));
        results.add(Results.sources(2), run(5.5, 0, 1, 1, 1));
        results.add(Results.sources(4), run(3, 0, 1, 1, 1));

        assertThat(row("3", "MB/s, one 100000000 B file from 1 source").verdict())
                .isEqualTo("pass");
        ShareReport.Row two = row("3", "MB/s, one 100000000 B file from 2 sources");
        assertThat(two.target()).isEqualTo("≥ 0.85 × 2 × R = 17.0");
        assertThat(two.peernet()).isEqualTo("18.2");
        assertThat(two.verdict()).isEqualTo("pass");
        assertThat(row("3", "MB/s, one 100000000 B file from 4 sources").verdict())
                .isEqualTo("FAIL");
    }

    @Test
    void filesPerSecondAndPeakMemoryAreComparedWithSyncthing() {
        results.add("small/syncthing", run(2, 0.5, 1, 1, 1));
        results.add("small/peernet", run(0.6, 0, 1, 1, 1));
        results.add("big/syncthing", run(2, 1, 4, 6, 100L << 20));
        results.add("big/peernet", run(1, 0, 2, 2, 126L << 20));

        ShareReport.Row small = row("2", "files/s");
        assertThat(small.peernet()).isEqualTo("1667");
        assertThat(small.target()).isEqualTo("≥ 3 × Syncthing after its scan = 1500");
        assertThat(small.verdict()).isEqualTo("pass");
        ShareReport.Row memory = row("4", "peak RSS");
        assertThat(memory.peernet()).isEqualTo("126");
        assertThat(memory.target()).isEqualTo("≤ 1.25 × Syncthing = 125");
        assertThat(memory.verdict()).isEqualTo("FAIL");
    }

    @Test
    void theMedianOfAnEvenCountAveragesTheMiddleTwo() {
        for (double s : new double[] {4, 1, 2, 3}) {
            results.add("big/nc", run(s, 0, 1, 1, -1));
        }

        assertThat(results.median("big/nc", Sample::seconds)).hasValue(2.5);
        assertThat(Results.median(new double[] {1, 2, 9})).isEqualTo(2);
    }

    @Test
    void theMarkdownTableHasOneLinePerRowUnderItsHeader() {
        String table = ShareReport.markdown(new ShareReport(results, options).rows(), 3);

        assertThat(table.lines().toList())
                .hasSize(2 + 8)
                .first()
                .isEqualTo(
                        "| case | figure (median of 3 runs) | Peernet | raw TCP (nc) | Syncthing | target for Peernet | verdict |");
        assertThat(table).contains("| n/a: not run |");
    }
}
