package dev.peernet.bench.share;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A long-running process this benchmark started (a Peernet or Syncthing node), its output (stderr
 * merged) going to a log file, which {@link #awaitLine} reads. Every wait is bounded.
 */
final class Daemon implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int QUOTED_LINES = 20;

    private final String name;
    private final Process process;
    private final Path log;
    /** Lines the log held before this process started (a restarted node appends to its old log). */
    private final int firstLine;

    private Daemon(String name, Process process, Path log, int firstLine) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.firstLine = firstLine;
    }

    /** Starts {@code command} with {@code env} added to this JVM's environment, its output to {@code log}. */
    static Daemon start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        int before = Files.exists(log)
                ? Files.readAllLines(log, StandardCharsets.UTF_8).size()
                : 0;
        return new Daemon(name, builder.start(), log, before);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * The first line this process wrote that {@code matches}, waiting up to {@code timeout} for it.
     *
     * @throws IllegalStateException if none comes in time or the process ends first, quoting the log's end
     */
    String awaitLine(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = lines().stream().filter(matches).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped (exit " + process.exitValue()
                        + ") before printing the expected line; its log ends:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " printed no expected line within " + timeout + "; its log ends:\n" + tail());
            }
            Sleep.of(POLL);
        }
    }

    /** The lines this process has written to its log so far. */
    List<String> lines() {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.min(firstLine, all.size()), all.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The last lines of the log, indented, for error messages. */
    String tail() {
        List<String> lines = lines();
        StringBuilder out = new StringBuilder();
        lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size())
                .forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }

    /** Sends SIGTERM (and its descendants too), waits up to {@code grace}, then kills what is left. */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.toHandle().destroy();
        descendants.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : concat(process.toHandle(), descendants)) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }
}
