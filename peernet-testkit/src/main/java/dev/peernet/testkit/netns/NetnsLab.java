package dev.peernet.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A private LAN of Linux network namespaces: one switch namespace holding a bridge, and N host
 * namespaces each with {@code eth0} (address {@code 10.231.X.i/24}, X per lab) plugged into it.
 * Multicast works between hosts; nothing touches the machine's real interfaces. Needs root and
 * {@code ip netns}; {@link #unavailableReason()} says why a test should skip.
 *
 * <p>{@link #close()} kills every process the lab started and any left in its namespaces, then
 * deletes the namespaces (which deletes their links); a JVM shutdown hook does the same if a test
 * run dies first. Recipe: {@code /work/shared/reference/netns-lab.md}.
 */
public final class NetnsLab implements AutoCloseable {
    /** The interface name every host has. */
    public static final String INTERFACE = "eth0";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String suffix;
    private final int subnet;
    private final int hosts;
    private final List<String> namespaces = new CopyOnWriteArrayList<>();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private NetnsLab(int hosts) {
        this.hosts = hosts;
        this.suffix = Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
        this.subnet = 1 + RANDOM.nextInt(254);
        this.shutdownHook = new Thread(this::tearDown, "netns-lab-teardown-" + suffix);
    }

    /** Why a lab cannot be made here ("not root", "no ip netns"), or empty when it can. */
    public static Optional<String> unavailableReason() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return Optional.of("network namespace tests need root, and this runs as uid " + uid);
            }
            Process p = new ProcessBuilder("ip", "netns", "list")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.of("'ip netns list' fails here");
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.of("'ip netns' is unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking for 'ip netns'");
        }
    }

    /** Creates a switch and {@code hosts} hosts on it (1 to 200). */
    public static NetnsLab create(int hosts) throws IOException {
        if (hosts < 1 || hosts > 200) {
            throw new IllegalArgumentException("a lab has 1 to 200 hosts, not " + hosts);
        }
        NetnsLab lab = new NetnsLab(hosts);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.build();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws IOException {
        String sw = "pnsw" + suffix;
        addNamespace(sw);
        ip("-n", sw, "link", "add", "br0", "type", "bridge");
        ip("-n", sw, "link", "set", "br0", "up");
        for (int i = 1; i <= hosts; i++) {
            String h = namespace(i);
            String a = "pa" + suffix + "x" + i; // at most 2 + 4 + 1 + 3 = 10 characters, under 15
            String b = "pb" + suffix + "x" + i;
            addNamespace(h);
            ip("link", "add", a, "type", "veth", "peer", "name", b);
            ip("link", "set", a, "netns", sw);
            ip("link", "set", b, "netns", h);
            ip("-n", sw, "link", "set", a, "master", "br0", "up");
            ip("-n", h, "link", "set", b, "name", INTERFACE);
            ip("-n", h, "addr", "add", address(i) + "/24", "dev", INTERFACE);
            ip("-n", h, "link", "set", INTERFACE, "up", "multicast", "on");
            ip("-n", h, "link", "set", "lo", "up");
            ip("-n", h, "route", "add", "224.0.0.0/4", "dev", INTERFACE); // so multicast has a route
        }
    }

    private void addNamespace(String name) throws IOException {
        ip("netns", "add", name);
        namespaces.add(name);
    }

    /** How many hosts the lab has; they are numbered from 1. */
    public int hosts() {
        return hosts;
    }

    /** The namespace name of host {@code i}. */
    public String namespace(int i) {
        checkHost(i);
        return "pnh" + suffix + "x" + i;
    }

    /** The IPv4 address of host {@code i}'s {@code eth0}. */
    public String address(int i) {
        checkHost(i);
        return "10.231." + subnet + "." + i;
    }

    /** Runs a command in host {@code i} and waits for it; stdout and stderr together. */
    public Result run(int i, List<String> command, Duration timeout) throws IOException {
        return exec(inHost(i, command), timeout);
    }

    /**
     * Starts a process in host {@code i}; the lab kills it on close. Its stdout is piped, stderr
     * goes to the test's stderr.
     */
    public Process start(int i, List<String> command) throws IOException {
        return start(new ProcessBuilder(inHost(i, command)).redirectError(ProcessBuilder.Redirect.INHERIT));
    }

    /** Starts a process in host {@code i} with its stderr merged into its stdout; the lab kills it on close. */
    Process startMerged(int i, List<String> command) throws IOException {
        return start(new ProcessBuilder(inHost(i, command)).redirectErrorStream(true));
    }

    private Process start(ProcessBuilder builder) throws IOException {
        if (closed) {
            throw new IllegalStateException("the lab is closed");
        }
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    /** Takes host {@code i}'s link down: it is cut off the LAN. */
    public void linkDown(int i) throws IOException {
        ip("-n", namespace(i), "link", "set", INTERFACE, "down");
    }

    /** Brings host {@code i}'s link back up, with its multicast route. */
    public void linkUp(int i) throws IOException {
        ip("-n", namespace(i), "link", "set", INTERFACE, "up");
        exec(List.of("ip", "-n", namespace(i), "route", "replace", "224.0.0.0/4", "dev", INTERFACE), COMMAND_TIMEOUT);
    }

    private List<String> inHost(int i, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
        full.addAll(command);
        return full;
    }

    private void checkHost(int i) {
        if (i < 1 || i > hosts) {
            throw new IllegalArgumentException("host " + i + " is not in this lab of " + hosts);
        }
    }

    private void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Result r = exec(command, COMMAND_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exitCode() + "): "
                    + r.output().strip());
        }
    }

    /** A finished command: its exit code and its output (stdout and stderr). */
    public record Result(int exitCode, String output) {}

    private static Result exec(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // Output is read on a virtual thread, so a chatty command cannot block on a full pipe.
            var output = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    output.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.complete("");
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "");
        }
    }

    /** Kills the lab's processes and deletes its namespaces; safe to call more than once. */
    @Override
    public void close() {
        tearDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook is doing this
        }
    }

    private synchronized void tearDown() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String ns : namespaces.reversed()) {
            killAllIn(ns);
            try {
                exec(List.of("ip", "netns", "del", ns), COMMAND_TIMEOUT);
            } catch (IOException e) {
                System.err.println("netns lab: could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
        namespaces.clear();
    }

    /** Kills whatever still runs in a namespace, by the pids {@code ip netns pids} gives. */
    private static void killAllIn(String ns) {
        try {
            for (String pid : exec(List.of("ip", "netns", "pids", ns), COMMAND_TIMEOUT)
                    .output()
                    .strip()
                    .split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("netns lab: could not list processes of " + ns + ": " + e.getMessage());
        }
    }
}
