package dev.peernet.app.cli;

import dev.peernet.app.api.OfferResponse;
import dev.peernet.app.api.SendRequest;
import dev.peernet.app.api.TransferResponse;
import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peernet send PEER[:SHARE[/PATH]] PATH...}: offers files or folders to a member, which
 * fetches them with the same verified, resumable engine as {@code get}: into its inbox, or into a
 * writable share.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Push files or folders to a member: into its inbox (PEER), or into one of its writable shares"
                    + " (PEER:SHARE[/PATH]). It accepts them by itself, asks its user, or refuses, as it is set up."
        })
final class SendCommand implements Callable<Integer> {
    /** How often the offer is polled while the receiver decides. */
    private static final Duration POLL = Duration.ofMillis(250);

    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PEER[:SHARE[/PATH]]", description = "The member, and where to put them.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Files or folders to send.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--no-wait", description = "Offer them and return; follow with 'peernet transfers'.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        RemoteRef ref = ref();
        List<String> absolute = absolute();
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient client = parent.client()) {
            OfferResponse offer = client.sendFiles(
                    new SendRequest(ref.peer(), absolute, ref.share().orElse(null), ref.path()));
            offer = awaitDecision(client, offer, out);
            if (!"accepted".equals(offer.state()) || noWait) {
                return decided(offer, out);
            }
            TransferResponse first = client.transfer(offer.transfer());
            TransferResponse last = TransferProgress.follow(client, first, out, TransferProgress.onTerminal());
            return GetCommand.Outcome.report(last, out);
        }
    }

    private OfferResponse awaitDecision(ControlClient client, OfferResponse first, PrintWriter out)
            throws IOException, InterruptedException {
        OfferResponse now = first;
        while ("preparing".equals(now.state())) { // hashing the files, then offering them
            Thread.sleep(POLL.toMillis());
            now = current(client, now.id());
        }
        if ("pending".equals(now.state())) {
            out.printf(
                    "Waiting for %s to accept (there: 'peernet accept %s')...%n",
                    name(now), now.id().substring(0, 8));
            out.flush();
        }
        while ("pending".equals(now.state()) && !noWait) {
            Thread.sleep(POLL.toMillis());
            now = current(client, now.id());
        }
        return now;
    }

    private static OfferResponse current(ControlClient client, String id) throws IOException {
        return client.offers().stream()
                .filter(o -> o.id().equals(id) && "outgoing".equals(o.direction()))
                .findFirst()
                .orElseThrow(() -> new IOException("The node no longer knows offer " + id + "."));
    }

    private static int decided(OfferResponse offer, PrintWriter out) throws IOException {
        switch (offer.state()) {
            case "refused", "declined" ->
                throw new IOException(name(offer) + " " + offer.state() + " the files: " + offer.message());
            case "failed" -> throw new IOException("The send to " + name(offer) + " failed: " + offer.message());
            default -> {
                out.printf("Offer %s to %s is %s.%n", offer.id().substring(0, 8), name(offer), offer.state());
                return ExitCodes.OK;
            }
        }
    }

    private static String name(OfferResponse offer) {
        return offer.peerName() == null || offer.peerName().isEmpty()
                ? PeersTable.shortId(offer.peer())
                : offer.peerName();
    }

    private RemoteRef ref() {
        try {
            return RemoteRef.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Checked here so that a slip is a usage error; the node checks again. */
    private List<String> absolute() {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new ParameterException(spec.commandLine(), "There is nothing at " + abs + " to send");
            }
            out.add(abs.toString());
        }
        return out;
    }
}
