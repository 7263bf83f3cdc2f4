package dev.peernet.bench.share;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command to its end, bounded in time, and gives its exit code, output and wall time. */
final class Command {
    private Command() {}

    /**
     * What a command did.
     *
     * @param exitCode its exit code, or -1 if it was killed for running too long
     * @param output stdout and stderr, merged
     * @param seconds from just before it was started to just after it ended
     */
    record Result(int exitCode, String output, double seconds) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last non-blank line of the output, or "" (for error messages and invite codes). */
        String lastLine() {
            return output.lines()
                    .filter(l -> !l.isBlank())
                    .reduce((a, b) -> b)
                    .orElse("")
                    .strip();
        }
    }

    /** Runs {@code command}; kills it (and what it started) if it is still running after {@code timeout}. */
    static Result run(List<String> command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
        boolean ended;
        try {
            ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(10));
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            return new Result(ended ? process.exitValue() : -1, text, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The process was killed; what was read so far is kept.
        }
    }
}
