package dev.peernet.app.cli;

import dev.peernet.app.api.TransferResponse;
import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training run of the CLI's ahead-of-time cache (ADR 0008): one JVM that runs the common
 * commands, in process, against two throwaway nodes the {@code ./peernet} launcher has started on
 * loopback, so that picocli, Jackson, the HTTP client and the progress code are recorded. Not a
 * command: the launcher starts it as a main class, with {@code -XX:AOTMode=record}.
 *
 * <p>Arguments: the state directories of the two nodes, and a scratch folder. It joins the second
 * node to the first one's network; each node shares a folder holding one small file, and fetches
 * the other's; on each node it runs {@code status}, {@code id}, {@code peers}, {@code network},
 * {@code share ls}, {@code ls}, {@code find}, {@code get} and {@code transfers} as a user would, so
 * that the node the launcher records for {@code up}'s own cache also serves, fetches and answers
 * those requests. Exit 0 if every step worked, 1 otherwise (the launcher then keeps the CLI on its
 * class-data archive).
 */
public final class CliTraining {
    private static final String SHARE = "training";
    private static final String FILE = "tiny.bin";
    /**
     * A file large enough that fetching it runs the transfer's hot paths (TLS, SHA-256, the chunk
     * writes) long enough for their profiles to go into up's cache (JEP 515): the node's first real
     * transfer then starts with them compiled sooner instead of in the interpreter and C1.
     */
    private static final String BULK = "bulk.bin";

    private static final int BULK_BYTES = 96 << 20;

    private final PrintWriter out;
    private final PrintWriter err;
    private final List<String> failed = new ArrayList<>();

    private CliTraining(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CliTraining FIRST_STATE_DIR SECOND_STATE_DIR WORK_DIR");
            System.exit(ExitCodes.USAGE);
        }
        PrintWriter out = new PrintWriter(System.out, true, System.out.charset());
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        int code = new CliTraining(out, err).run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        System.exit(code);
    }

    private int run(Path first, Path second, Path work) throws IOException, InterruptedException {
        // What a user meets first, and what a command says without a node.
        step(null, "--help");
        expect(ExitCodes.NO_NODE, work.resolve("no-node"), "status");

        String invite = capture(first, "invite", "--expires", "10m").strip();
        step(second, "join", invite.substring(invite.lastIndexOf('\n') + 1).strip());
        String firstId = capture(first, "id").strip();
        String secondId = capture(second, "id").strip();
        share(first, work.resolve("first"));
        share(second, work.resolve("second"));

        commands(second, firstId, work.resolve("second-got"));
        commands(first, secondId, work.resolve("first-got"));
        progressBar(second);

        out.flush();
        if (failed.isEmpty()) {
            return ExitCodes.OK;
        }
        err.println("Training steps that failed: " + String.join("; ", failed));
        return ExitCodes.FAILED;
    }

    /** Shares a new folder {@code dir} holding one small file, named after it, and {@link #BULK}. */
    private void share(Path node, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(FILE), "Peernet trains its start-up cache on " + dir + "\n", StandardCharsets.UTF_8);
        writeBulk(dir.resolve(BULK), dir.toString().hashCode());
        step(node, "share", "add", dir.toString(), "--name", SHARE);
    }

    /** {@link #BULK_BYTES} of pseudo-random bytes, so that nothing about them is special. */
    private static void writeBulk(Path file, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream o = Files.newOutputStream(file)) {
            for (int written = 0; written < BULK_BYTES; written += block.length) {
                random.nextBytes(block);
                o.write(block);
            }
        }
    }

    /** The commands a user runs most, on {@code node}, ending with a fetch from {@code other}. */
    private void commands(Path node, String other, Path dest) throws IOException {
        step(node, "status");
        step(node, "status", "--json");
        step(node, "id");
        step(node, "peers");
        step(node, "peers", "--json");
        step(node, "network");
        step(node, "share", "ls");
        step(node, "share", "ls", "--json");
        step(node, "ls", other);
        step(node, "ls", other + ":" + SHARE);
        step(node, "find", "tiny");
        Files.createDirectories(dest);
        step(node, "get", other + ":" + SHARE + "/" + FILE, dest.toString());
        if (!Files.isRegularFile(dest.resolve(FILE))) {
            failed.add("get: no " + dest.resolve(FILE));
        }
        step(node, "get", other + ":" + SHARE + "/" + BULK, dest.toString());
        if (!Files.isRegularFile(dest.resolve(BULK))) {
            failed.add("get: no " + dest.resolve(BULK));
        }
        step(node, "transfers");
        step(node, "transfers", "--json");
    }

    /** The bar a terminal shows during {@code get}: drawn once, for a finished transfer. */
    private void progressBar(Path node) throws IOException, InterruptedException {
        try (ControlClient api = ControlClient.open(node)) {
            List<TransferResponse> transfers = api.transfers();
            if (transfers.isEmpty()) {
                failed.add("progress bar: no transfer");
                return;
            }
            TransferProgress.follow(api, transfers.getFirst(), out, true);
        }
    }

    /** Runs one command that should work; {@code stateDir} null runs it without {@code --state-dir}. */
    private void step(Path stateDir, String... args) {
        expect(ExitCodes.OK, stateDir, args);
    }

    private void expect(int expected, Path stateDir, String... args) {
        int code = cli().run(out, err, withStateDir(stateDir, args));
        if (code != expected) {
            failed.add(String.join(" ", args) + ": exit " + code);
        }
    }

    /** Runs one command and returns what it printed on stdout. */
    private String capture(Path stateDir, String... args) {
        StringWriter text = new StringWriter();
        int code = cli().run(new PrintWriter(text, true), err, withStateDir(stateDir, args));
        if (code != ExitCodes.OK) {
            failed.add(String.join(" ", args) + ": exit " + code);
        }
        out.print(text);
        return text.toString();
    }

    private static String[] withStateDir(Path stateDir, String... args) {
        if (stateDir == null) {
            return args;
        }
        List<String> all = new ArrayList<>(List.of("--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** A CLI as {@code Main} makes it, minus the environment: every step names its state dir. */
    private static Cli cli() {
        return new Cli(Map.of(), Path.of(System.getProperty("user.home")));
    }
}
