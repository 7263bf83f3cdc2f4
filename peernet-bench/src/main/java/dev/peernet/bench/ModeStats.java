package dev.peernet.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One mode's rounds summed up: throughput best and median, the rest as medians.
 *
 * @param rounds how many rounds finished
 * @param bestMbps highest throughput, MB/s (10^6 bytes)
 * @param medianMbps median throughput, MB/s
 * @param cpuSecondsPerGigabyte median process CPU seconds per 10^9 bytes
 * @param coresBusy median CPU time over wall time
 * @param otherCoresBusy median cores other processes kept busy meanwhile; more than a little means
 *     the figures are disturbed
 * @param allocatedPerMegabyte median heap bytes allocated per 10^6 bytes
 * @param gcMillis median garbage-collection time per round
 */
record ModeStats(
        int rounds,
        double bestMbps,
        double medianMbps,
        double cpuSecondsPerGigabyte,
        double coresBusy,
        double otherCoresBusy,
        double allocatedPerMegabyte,
        double gcMillis) {

    static ModeStats of(List<Measurement> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to sum up");
        }
        return new ModeStats(
                rounds.size(),
                rounds.stream()
                        .mapToDouble(Measurement::megabytesPerSecond)
                        .max()
                        .orElseThrow(),
                median(rounds, Measurement::megabytesPerSecond),
                median(rounds, Measurement::cpuSecondsPerGigabyte),
                median(rounds, Measurement::coresBusy),
                median(rounds, Measurement::otherCoresBusy),
                median(rounds, Measurement::allocatedPerMegabyte),
                median(rounds, m -> m.usage().gcMillis()));
    }

    static double median(List<Measurement> rounds, ToDoubleFunction<Measurement> metric) {
        double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
