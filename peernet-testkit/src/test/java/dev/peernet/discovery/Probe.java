package dev.peernet.discovery;

import static org.assertj.core.api.Assertions.fail;

import dev.peernet.testkit.netns.NetnsLab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A process in a lab host whose stdout lines a test waits for, and whose stdin it writes. */
final class Probe {
    private final String label;
    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Probe(String label, Process process) {
        this.label = label;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name("probe-" + label).start(this::readLines);
    }

    /** Starts {@link DiscoveryProbeMain} in lab host {@code host}, with this JVM's java and class path. */
    static Probe discovery(NetnsLab lab, int host, String name, String net, int ttlSeconds) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start(
                lab,
                host,
                name,
                List.of(
                        java,
                        "-cp",
                        classPath,
                        DiscoveryProbeMain.class.getName(),
                        NetnsLab.INTERFACE,
                        name,
                        "7707",
                        net,
                        Integer.toString(ttlSeconds)));
    }

    static Probe start(NetnsLab lab, int host, String label, List<String> command) throws IOException {
        return new Probe(label, lab.start(host, command));
    }

    private void readLines() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("EOF " + e);
        }
    }

    /** Waits for the first line, not yet taken, that {@code matches}; fails after {@code timeout}. */
    String await(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < 10_000; i++) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                seen.add(line);
                if (matches.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fail(label + " printed no expected line within " + timeout + "; it printed " + seen);
    }

    String awaitPrefix(String prefix, Duration timeout) {
        return await(l -> l.startsWith(prefix), timeout);
    }

    /** The field at {@code index} of a space-separated line. */
    static String field(String line, int index) {
        return line.split(" ")[index];
    }

    static long millis(String line) {
        return Long.parseLong(field(line, 1));
    }

    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    void kill() {
        process.destroyForcibly();
    }

    /** Closes stdin and waits for the process to end. */
    void stop(Duration timeout) throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }
}
