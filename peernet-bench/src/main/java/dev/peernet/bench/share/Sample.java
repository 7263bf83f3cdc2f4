package dev.peernet.bench.share;

/**
 * One timed run of one system.
 *
 * @param seconds the time the figure comes from: for Syncthing from the end of the sender's scan to
 *     the receiver holding everything; for Peernet the wall time of {@code peernet get}; for nc from
 *     starting the sender to the receiver's exit
 * @param totalSeconds for Syncthing from asking for the scan; for the others the same as {@code seconds}
 * @param engineSeconds for Peernet the transfer's own duration as {@code peernet transfers --json}
 *     reports it (without the CLI's start), or -1 where unknown
 * @param cpuSeconds CPU both nodes spent over {@code seconds} (for nc: both nc processes)
 * @param cpuTotalSeconds CPU both nodes spent over {@code totalSeconds}
 * @param clientCpuSeconds CPU of the command that asked for the transfer ({@code peernet get}), 0 if none
 * @param receiverPeakRssBytes peak resident memory of the receiving node during the run, or -1
 * @param othersCpuSeconds CPU used meanwhile by processes that are not the benchmark's
 */
record Sample(
        double seconds,
        double totalSeconds,
        double engineSeconds,
        double cpuSeconds,
        double cpuTotalSeconds,
        double clientCpuSeconds,
        long receiverPeakRssBytes,
        double othersCpuSeconds) {}
