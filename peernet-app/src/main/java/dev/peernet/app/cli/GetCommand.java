package dev.peernet.app.cli;

import dev.peernet.app.api.GetRequest;
import dev.peernet.app.api.TransferResponse;
import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peernet get PEER:SHARE/PATH [DEST]}: the node fetches a file or directory from every
 * member that has the same content; this command shows its progress until it is done. Ctrl-C
 * stops the transfer and keeps its verified chunks, so the same command resumes it.
 */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch a file or directory from a member's share, verified chunk by chunk, from every member"
                    + " that has the same content. DEST is an existing directory to put it in, or a new path"
                    + " (default: the current directory). Ctrl-C stops it; the same command resumes it."
        })
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PEER:SHARE/PATH", description = "What to fetch.")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST", description = "Where to put it.")
    Path dest;

    @Option(names = "--no-wait", description = "Start it and return; follow it with 'peernet transfers'.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        RemoteRef ref = ref();
        Path where = (dest == null ? Path.of("") : dest).toAbsolutePath().normalize();
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient client = parent.client()) {
            TransferResponse started =
                    client.get(new GetRequest(ref.peer(), ref.share().orElseThrow(), ref.path(), where.toString()));
            if (noWait) {
                out.printf("Started transfer %s: %s -> %s.%n", started.id(), started.label(), started.destination());
                return ExitCodes.OK;
            }
            Thread stopper = stopOnInterrupt(parent, started.id());
            TransferResponse last;
            try {
                last = TransferProgress.follow(client, started, out, TransferProgress.onTerminal());
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
            return Outcome.report(last, out);
        }
    }

    private RemoteRef ref() {
        RemoteRef ref;
        try {
            ref = RemoteRef.parse(source);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (ref.share().isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "'" + source + "' names no share; write PEER:SHARE/PATH ('peernet ls " + ref.peer()
                            + "' lists its shares)");
        }
        return ref;
    }

    /** Ctrl-C (SIGINT) runs shutdown hooks: stop the transfer so the node does not go on alone. */
    static Thread stopOnInterrupt(PeernetCommand parent, String id) {
        Thread hook = new Thread(() -> {
            try (ControlClient client = parent.client()) {
                client.cancel(id);
                System.err.println(System.lineSeparator()
                        + "Stopped; its verified chunks are kept, so the same command resumes it.");
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not stop the transfer: " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The closing lines of a transfer, and the exit code they make. */
    static final class Outcome {
        private Outcome() {}

        static int report(TransferResponse t, PrintWriter out) throws IOException {
            for (String error : t.errors()) {
                out.println("Note: " + error);
            }
            switch (t.state()) {
                case "complete" -> {
                    double seconds = seconds(t);
                    out.printf(
                            java.util.Locale.ROOT,
                            "Done: %s (%s, %s) to %s in %.1f s, %s.%n",
                            t.label(),
                            ShareText.files(t.filesTotal()),
                            ShareText.bytes(t.bytesTotal()),
                            t.destination(),
                            seconds,
                            TransferText.rate(seconds > 0 ? t.bytesTotal() / seconds : 0));
                    out.flush();
                    return ExitCodes.OK;
                }
                case "cancelled" -> {
                    out.println("Stopped; the same command resumes it.");
                    out.flush();
                    return ExitCodes.FAILED;
                }
                default -> throw new IOException("The transfer of " + t.label() + " failed: " + t.reason());
            }
        }

        private static double seconds(TransferResponse t) {
            if (t.finished() == null) {
                return 0;
            }
            var took = java.time.Duration.between(
                    java.time.Instant.parse(t.started()), java.time.Instant.parse(t.finished()));
            return took.toNanos() / 1e9;
        }
    }
}
