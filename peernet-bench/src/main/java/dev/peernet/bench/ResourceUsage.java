package dev.peernet.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Process-wide CPU time, heap allocation and garbage collection, and the machine's busy time, read
 * before and after a transfer. The process figures cover the whole JVM, so the sender, the sink and
 * any library threads count alike; the machine figure shows whether something else competed.
 *
 * @param cpuNanos process CPU time, user plus system, over all threads
 * @param allocatedBytes bytes allocated on the heap by all threads (approximate)
 * @param gcMillis time spent in garbage collection as the collectors report it
 * @param gcCount number of collections
 * @param machineBusyNanos CPU time all processes used (Linux {@code /proc/stat}), or -1 if unknown
 */
record ResourceUsage(long cpuNanos, long allocatedBytes, long gcMillis, long gcCount, long machineBusyNanos) {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux reports /proc/stat in USER_HZ ticks, which is 100 per second on every common build. */
    private static final long NANOS_PER_TICK = 10_000_000;

    static ResourceUsage now() {
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return new ResourceUsage(
                OS.getProcessCpuTime(), THREADS.getTotalThreadAllocatedBytes(), gcMillis, gcCount, machineBusy());
    }

    /** Busy time of all CPUs: user, nice, system, irq, softirq and steal from the "cpu" line. */
    private static long machineBusy() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] f = lines.getFirst().trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What was used between {@code earlier} and this reading. */
    ResourceUsage since(ResourceUsage earlier) {
        boolean machineKnown = machineBusyNanos >= 0 && earlier.machineBusyNanos >= 0;
        return new ResourceUsage(
                cpuNanos - earlier.cpuNanos,
                allocatedBytes - earlier.allocatedBytes,
                gcMillis - earlier.gcMillis,
                gcCount - earlier.gcCount,
                machineKnown ? machineBusyNanos - earlier.machineBusyNanos : -1);
    }

    /** CPU time used by other processes (and the hypervisor) meanwhile, or -1 if unknown. */
    long othersNanos() {
        return machineBusyNanos < 0 ? -1 : Math.max(0, machineBusyNanos - cpuNanos);
    }
}
