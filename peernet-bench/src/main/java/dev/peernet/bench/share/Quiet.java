package dev.peernet.bench.share;

import java.time.Duration;

/**
 * Waiting, bounded, for a shared machine to quieten before a timed run: other people's builds on
 * the same two cores slow every system, unevenly. The benchmark's own idle nodes use next to nothing.
 */
final class Quiet {
    /** Busy below this share of all CPUs over one window counts as quiet. */
    static final double QUIET = 0.15;

    private static final Duration WINDOW = Duration.ofMillis(500);

    private Quiet() {}

    /**
     * Waits until the machine was quiet over one half-second window, or {@code atMost} has passed.
     *
     * @return whether it was quiet
     */
    static boolean await(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            Proc.Machine before = Proc.machine();
            Sleep.of(WINDOW);
            Proc.Machine after = Proc.machine();
            double total = after.total() - before.total();
            if (total > 0 && (after.busy() - before.busy()) / total < QUIET) {
                return true;
            }
        }
        return atMost.isZero();
    }
}
