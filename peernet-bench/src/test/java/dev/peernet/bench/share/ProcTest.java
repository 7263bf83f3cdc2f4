package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcTest {
    @Test
    void statFieldsAreCountedFromTheLastParenthesisSoANameWithSpacesAndParenthesesParses() {
        String line =
                "4242 (my (odd) name) S 17 4242 5431 0 -1 4194304 101 0 0 0 250 75 12 3 20 0 1 0 935541 3133440 390";

        Proc.Stat stat = Proc.parseStat(line);

        assertThat(stat).isEqualTo(new Proc.Stat(4242, 17, 250, 75, 12, 3));
        assertThat(stat.ticksWithReapedChildren()).isEqualTo(340);
    }

    @Test
    void aLineWithoutACommandNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> Proc.parseStat("garbage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a /proc/PID/stat line: garbage");
    }

    @Test
    void statusSizesInKilobytesAreGivenInBytes() {
        String status = "Name:\tjava\nVmPeak:\t  900 kB\nVmHWM:\t    2020 kB\nVmRSS:\t    1500 kB\nThreads:\t7\n";

        assertThat(Proc.statusBytes(status, "VmHWM")).hasValue(2020 * 1024);
        assertThat(Proc.statusBytes(status, "VmRSS")).hasValue(1500 * 1024);
        assertThat(Proc.statusBytes(status, "Threads")).hasValue(7);
        assertThat(Proc.statusBytes(status, "VmSwap")).isEmpty();
    }

    @Test
    void theMachinesBusyTimeLeavesOutIdleAndIowait() {
        // user nice system idle iowait irq softirq steal (guest fields follow and are inside user)
        String stat = "cpu  100 20 30 4000 500 6 7 8 0 0\ncpu0 50 10 15 2000 250 3 3 4 0 0\n";

        Proc.Machine machine = Proc.parseMachine(stat);

        assertThat(machine.busy()).isEqualTo(1.71);
        assertThat(machine.total()).isEqualTo(46.71);
    }

    @Test
    void thisProcessTreesCpuTimeGrowsWhileItWorks() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        long self = ProcessHandle.current().pid();
        double before = Proc.treeCpuSeconds(self);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }

        assertThat(spins).isPositive();
        assertThat(Proc.treeCpuSeconds(self)).isGreaterThan(before);
        assertThat(Proc.peakRssBytes(self)).isGreaterThanOrEqualTo(Proc.rssBytes(self) / 2);
    }

    @Test
    void aProcessThisJvmStartedIsAmongItsChildrenUntilItEnds() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        long self = ProcessHandle.current().pid();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Proc.children(self)).contains(sleeper.pid());
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Proc.children(self)).doesNotContain(sleeper.pid());
        assertThat(Proc.stat(sleeper.pid())).isEmpty();
    }
}
