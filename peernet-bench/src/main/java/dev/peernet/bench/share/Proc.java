package dev.peernet.bench.share;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about processes: CPU time from {@code /proc/PID/stat}, peak and
 * current resident memory from {@code /proc/PID/status}, children from {@code
 * /proc/PID/task/TID/children}, and the machine's busy time from {@code /proc/stat}.
 */
final class Proc {
    /**
     * Linux reports CPU times in USER_HZ ticks, 100 per second on every common build ({@code getconf
     * CLK_TCK}); the JDK cannot ask sysconf, so the value is fixed here.
     */
    static final double TICKS_PER_SECOND = 100;

    private static final Path ROOT = Path.of("/proc");

    private Proc() {}

    /** One process's line of {@code /proc/PID/stat}, the fields the benchmark uses. */
    record Stat(
            long pid, long parentPid, long userTicks, long systemTicks, long childUserTicks, long childSystemTicks) {
        /** CPU time of the process and of the children it has waited for, in ticks. */
        long ticksWithReapedChildren() {
            return userTicks + systemTicks + childUserTicks + childSystemTicks;
        }
    }

    /**
     * Parses a {@code /proc/PID/stat} line. The command name sits in parentheses and may itself hold
     * spaces and parentheses, so the fields are counted from the last ')'.
     *
     * @throws IllegalArgumentException naming the line if it is not one
     */
    static Stat parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        String[] f = line.substring(close + 1).trim().split("\\s+");
        if (f.length < 15) {
            throw new IllegalArgumentException("too few fields in a /proc/PID/stat line: " + line);
        }
        // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14), as in proc(5).
        return new Stat(
                Long.parseLong(line.substring(0, open).trim()),
                Long.parseLong(f[1]),
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14]));
    }

    /** The stat of a process, or empty if it has gone. */
    static Optional<Stat> stat(long pid) {
        try {
            return Optional.of(parseStat(Files.readString(ROOT.resolve(pid + "/stat"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /**
     * CPU seconds of a process and all its living descendants, each with the children it has
     * reaped. A child that exits between two readings moves from its own line into its parent's
     * child times, so a difference of two readings counts it once.
     */
    static double treeCpuSeconds(long pid) {
        Map<Long, List<Stat>> byParent = new HashMap<>();
        Map<Long, Stat> all = allStats();
        all.values()
                .forEach(s -> byParent.computeIfAbsent(s.parentPid(), k -> new ArrayList<>())
                        .add(s));
        Stat root = all.get(pid);
        if (root == null) {
            return 0;
        }
        long ticks = 0;
        List<Stat> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Stat s = todo.removeLast();
            ticks += s.ticksWithReapedChildren();
            todo.addAll(byParent.getOrDefault(s.pid(), List.of()));
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static Map<Long, Stat> allStats() {
        Map<Long, Stat> stats = new HashMap<>();
        try (DirectoryStream<Path> dirs =
                Files.newDirectoryStream(ROOT, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                stat(Long.parseLong(dir.getFileName().toString())).ifPresent(s -> stats.put(s.pid(), s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return stats;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** The value in bytes of a "kB" line such as {@code VmHWM:   2020 kB} in a status text. */
    static OptionalLong statusBytes(String status, String key) {
        for (String line : status.lines().toList()) {
            if (line.startsWith(key + ":")) {
                String[] f = line.substring(key.length() + 1).trim().split("\\s+");
                long value = Long.parseLong(f[0]);
                return OptionalLong.of(f.length > 1 && f[1].equalsIgnoreCase("kB") ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }

    /** The process's peak resident set size (VmHWM) in bytes since it started or since {@link #resetPeakRss}. */
    static long peakRssBytes(long pid) {
        return status(pid, "VmHWM");
    }

    /** The process's resident set size (VmRSS) in bytes. */
    static long rssBytes(long pid) {
        return status(pid, "VmRSS");
    }

    private static long status(long pid, String key) {
        try {
            return statusBytes(Files.readString(ROOT.resolve(pid + "/status")), key)
                    .orElseThrow(() -> new IllegalStateException("/proc/" + pid + "/status has no " + key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }

    /**
     * Resets the peak resident set size to the current one ({@code echo 5 > clear_refs}, proc(5)), so
     * that VmHWM afterwards is the peak of what follows. Needs root or the process's owner.
     */
    static void resetPeakRss(long pid) {
        try {
            Files.writeString(ROOT.resolve(pid + "/clear_refs"), "5\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak RSS of process " + pid, e);
        }
    }

    /** The process's children, from every thread's {@code children} file. */
    static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(ROOT.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                String text = Files.readString(task.resolve("children")).trim();
                if (!text.isEmpty()) {
                    for (String child : text.split("\\s+")) {
                        children.add(Long.parseLong(child));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the children of process " + pid, e);
        }
        return children.stream().distinct().sorted().toList();
    }

    /**
     * Seconds all CPUs together were busy since boot and in total.
     *
     * @param busy user, nice, system, irq, softirq and steal time
     * @param total the same plus idle and iowait
     */
    record Machine(double busy, double total) {}

    /** The machine's times from the first line of a {@code /proc/stat} text. */
    static Machine parseMachine(String procStat) {
        String[] f = procStat.lines().findFirst().orElse("").trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException(
                    "not a /proc/stat text: " + procStat.lines().findFirst().orElse(""));
        }
        long busy = 0;
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i != 4 && i != 5) {
                busy += v;
            }
        }
        return new Machine(busy / TICKS_PER_SECOND, total / TICKS_PER_SECOND);
    }

    /** This machine's times now. */
    static Machine machine() {
        try {
            return parseMachine(Files.readString(ROOT.resolve("stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }
}
