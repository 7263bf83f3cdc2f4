package dev.peernet.bench.share;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Raw TCP: the same file piped through OpenBSD {@code nc} from one process to another over
 * 127.0.0.1, read from and written to the same file system as the other systems use. No
 * encryption, no hashing: the ceiling for moving these bytes through a socket on this machine.
 */
final class Netcat {
    private static final Duration LISTENING = Duration.ofSeconds(10);

    private final String program;
    private final int port;

    /** Runs {@code program} (OpenBSD's nc, whose {@code -N} the sender needs) on {@code port}. */
    Netcat(String program, int port) {
        this.program = program;
        this.port = port;
    }

    /** The version line of the program, for the report. */
    String version() {
        Command.Result r = Command.run(List.of(program, "-h"), Duration.ofSeconds(10));
        return r.output().lines().findFirst().orElse(program).strip();
    }

    /** Sends {@code source} to {@code dest} once, timed from starting the sender to the receiver's exit. */
    Sample transfer(Path source, Path dest, Duration timeout) throws IOException {
        Files.deleteIfExists(dest);
        Process receiver = new ProcessBuilder(program, "-l", "127.0.0.1", Integer.toString(port))
                .redirectOutput(dest.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            awaitListening();
            CpuReading before = CpuReading.of(Map.of());
            long start = System.nanoTime();
            // -N: shut the socket down for writing at the end of the input, so the receiver sees EOF.
            Process sender = new ProcessBuilder(program, "-N", "127.0.0.1", Integer.toString(port))
                    .redirectInput(source.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean received = receiver.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean sent = sender.waitFor(10, TimeUnit.SECONDS);
            if (!received || !sent || receiver.exitValue() != 0 || sender.exitValue() != 0) {
                sender.destroyForcibly();
                throw new IllegalStateException("nc did not carry the file within " + timeout + " (receiver "
                        + (received ? "exit " + receiver.exitValue() : "still running") + ", sender "
                        + (sent ? "exit " + sender.exitValue() : "still running") + ")");
            }
            CpuReading.Use used = CpuReading.of(Map.of()).since(before);
            return new Sample(seconds, seconds, -1, used.reaped(), used.reaped(), 0, -1, used.others());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            receiver.destroyForcibly();
        }
    }

    /** Waits until something listens on the port, from the kernel's table ({@code /proc/net/tcp}). */
    private void awaitListening() {
        String local = String.format("0100007F:%04X", port);
        long deadline = System.nanoTime() + LISTENING.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                // Column 2 is the local address, column 4 the state; 0A is LISTEN.
                boolean listening = Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                        .map(l -> l.trim().split("\\s+"))
                        .anyMatch(f -> f.length > 3 && f[1].equals(local) && f[3].equals("0A"));
                if (listening) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /proc/net/tcp", e);
            }
            Sleep.of(Duration.ofMillis(20));
        }
        throw new IllegalStateException("nc did not listen on 127.0.0.1:" + port + " within " + LISTENING);
    }
}
