package dev.peernet.bench.share;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds at one moment: of named processes (each with its descendants), of this benchmark's
 * own process tree, of the children this JVM has reaped (the CLI commands and {@code nc} processes it
 * ran), and of the whole machine. The difference of two readings says what each used in between,
 * and how much went to processes that are not ours (other people's builds on a shared machine).
 */
record CpuReading(Map<String, Double> processes, double ownTree, double reaped, double machineBusy) {
    private static final long SELF = ProcessHandle.current().pid();

    /** Reads every process in {@code pids} (name to process ID) now. */
    static CpuReading of(Map<String, Long> pids) {
        Proc.Machine machine = Proc.machine();
        Map<String, Double> processes = new LinkedHashMap<>();
        pids.forEach((name, pid) -> processes.put(name, Proc.treeCpuSeconds(pid)));
        Proc.Stat self = Proc.stat(SELF).orElseThrow();
        double reaped = (self.childUserTicks() + self.childSystemTicks()) / Proc.TICKS_PER_SECOND;
        return new CpuReading(Map.copyOf(processes), Proc.treeCpuSeconds(SELF), reaped, machine.busy());
    }

    /** What was used between {@code earlier} and this reading. */
    Use since(CpuReading earlier) {
        Map<String, Double> used = new LinkedHashMap<>();
        processes.forEach((name, s) -> used.put(name, s - earlier.processes.getOrDefault(name, s)));
        double ours = ownTree - earlier.ownTree;
        return new Use(
                Map.copyOf(used), reaped - earlier.reaped, Math.max(0, (machineBusy - earlier.machineBusy) - ours));
    }

    /**
     * CPU seconds used in an interval.
     *
     * @param processes by each named process and its descendants
     * @param reaped by the children this JVM started and waited for meanwhile
     * @param others by every process outside this benchmark's tree (and by the kernel for them)
     */
    record Use(Map<String, Double> processes, double reaped, double others) {
        /** The sum over the named processes. */
        double of(String... names) {
            double sum = 0;
            for (String name : names) {
                sum += processes.getOrDefault(name, 0.0);
            }
            return sum;
        }
    }
}
