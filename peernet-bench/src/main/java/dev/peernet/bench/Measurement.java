package dev.peernet.bench;

/**
 * One measured transfer.
 *
 * @param bytes payload size
 * @param nanos from just before the first write to the sink reading the last byte
 * @param usage resources the whole process used meanwhile
 */
record Measurement(long bytes, long nanos, ResourceUsage usage) {
    /** Throughput in MB/s, where a MB is 10^6 bytes. */
    double megabytesPerSecond() {
        return bytes * 1e3 / nanos;
    }

    /** CPU seconds the process spent per 10^9 bytes carried, i.e. CPU nanoseconds per byte. */
    double cpuSecondsPerGigabyte() {
        return (double) usage.cpuNanos() / bytes;
    }

    /** How many cores were busy on average: CPU time over wall time. */
    double coresBusy() {
        return (double) usage.cpuNanos() / nanos;
    }

    /** How many cores other processes kept busy on average, or NaN where the machine cannot tell. */
    double otherCoresBusy() {
        long others = usage.othersNanos();
        return others < 0 ? Double.NaN : (double) others / nanos;
    }

    /** Heap bytes allocated per 10^6 bytes carried. */
    double allocatedPerMegabyte() {
        return usage.allocatedBytes() * 1e6 / bytes;
    }
}
