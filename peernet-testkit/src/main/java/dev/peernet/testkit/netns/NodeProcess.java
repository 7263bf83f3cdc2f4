package dev.peernet.testkit.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One long-running process in a lab host, such as a node's daemon: its output (stderr merged into
 * stdout) as lines stamped with {@link System#nanoTime()} when they arrive, which a test waits for.
 * Each line is echoed to this JVM's stdout behind the process's name.
 *
 * <p>{@code ip netns exec} replaces itself with the command (it forks only in batch mode), so the
 * {@link Process} here is the command itself and {@link #kill()} is a real {@code kill -9} of it.
 * Signals go through its {@link ProcessHandle}: {@link Process#destroy()} would also close the pipe,
 * losing what the process prints while it stops (and killing a shell with SIGPIPE).
 */
public final class NodeProcess implements AutoCloseable {
    /** How long {@link #kill()} waits for the kernel to reap the process. */
    private static final Duration REAPED_WITHIN = Duration.ofSeconds(10);

    /** How many of the last lines a failed wait quotes. */
    private static final int QUOTED_LINES = 30;

    /** A line of output and the {@link System#nanoTime()} at which it was read. */
    public record Line(long nanos, String text) {}

    private final String name;
    private final Process process;
    private final List<Line> lines = new ArrayList<>(); // guarded by this
    private boolean ended; // guarded by this

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().name("node-process-" + name).start(this::readLines);
    }

    /**
     * The arguments that follow {@code peernet} to run a node in a lab host: {@code up} with its state
     * in {@code stateDir}, named {@code name}, listening on port 7707 of the host, its control API on
     * the host's own loopback, discovery on the lab's interface only.
     */
    public static List<String> upArguments(Path stateDir, String name) {
        return List.of(
                "up",
                "--state-dir",
                stateDir.toString(),
                "--name",
                name,
                "--listen",
                "0.0.0.0:7707",
                "--api",
                "127.0.0.1:7708",
                "--interface",
                NetnsLab.INTERFACE);
    }

    /** Starts {@code command} in lab host {@code host}; {@code name} prefixes its echoed output. */
    public static NodeProcess start(NetnsLab lab, int host, String name, List<String> command) throws IOException {
        return new NodeProcess(name, lab.startMerged(host, command));
    }

    private void readLines() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                Line line = new Line(System.nanoTime(), text);
                System.out.println("[" + name + "] " + text);
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            System.out.println("[" + name + "] (output lost: " + e.getMessage() + ")");
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    public String name() {
        return name;
    }

    /** The process ID of the command itself (not of an {@code ip} wrapper: there is none). */
    public long pid() {
        return process.pid();
    }

    /**
     * The first line, printed before or within {@code timeout}, that {@code matches}.
     *
     * @throws AssertionError if none does within {@code timeout}, or the output ends first; the
     *     message quotes the last lines
     */
    public Line awaitLine(Predicate<String> matches, Duration timeout) {
        return awaitLine(0, matches, timeout);
    }

    /**
     * {@link #awaitLine(Predicate, Duration)} among the lines from index {@code from} on (a count of
     * {@link #lines()} taken earlier): for an event that may have happened before, as when a
     * benchmark repeats a trial.
     */
    public Line awaitLine(int from, Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = from;
        synchronized (this) {
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (matches.test(lines.get(checked).text())) {
                        return lines.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError(name + " printed no expected line within " + timeout
                            + (ended ? " (its output ended)" : "") + "; its last lines:\n" + tail());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(name + ": interrupted while waiting for a line", e);
                }
            }
        }
    }

    private String tail() {
        List<Line> last = lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size());
        StringBuilder out = new StringBuilder();
        last.forEach(l -> out.append("  ").append(l.text()).append('\n'));
        return out.toString();
    }

    /** Every line read so far. */
    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; the JVM reports death by signal N as 128 + N (SIGKILL: 137, SIGTERM: 143). */
    public int exitValue() {
        return process.exitValue();
    }

    /** Sends SIGKILL, as {@code kill -9} does, and waits until the process is gone. */
    public void kill() {
        process.toHandle().destroyForcibly();
        awaitExit(REAPED_WITHIN);
    }

    /**
     * Sends SIGTERM and waits up to {@code timeout} for the process to end, then kills it; returns
     * its exit code (137 if it had to be killed).
     */
    public int stop(Duration timeout) {
        process.toHandle().destroy();
        if (!awaitExit(timeout)) {
            kill();
        }
        return process.exitValue();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
