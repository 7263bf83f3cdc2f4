package dev.peernet.app.cli;

import dev.peernet.app.api.InviteRequest;
import dev.peernet.app.api.InviteResponse;
import dev.peernet.app.client.ControlClient;
import dev.peernet.node.HostPort;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet invite}: issues an invite code and prints it alone on the last line. */
@Command(
        name = "invite",
        mixinStandardHelpOptions = true,
        description = "Print an invite code another node can join this node's network with.",
        footer = "The code is alone on the last line, for scripts: peernet invite | tail -n 1")
final class InviteCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--expires",
            paramLabel = "DURATION",
            defaultValue = "24h",
            converter = DurationConverter.class,
            description = "How long the code stays valid, like 30s, 10m, 24h or 7d (default: ${DEFAULT-VALUE}).")
    Duration expires;

    @Option(
            names = "--uses",
            paramLabel = "N",
            defaultValue = "1",
            description = "How many nodes may join with the code (default: ${DEFAULT-VALUE}).")
    int uses;

    @Option(
            names = "--address",
            paramLabel = "HOST:PORT",
            converter = HostPortConverter.class,
            description = "Where the new node should reach this one; repeatable (default: this node's addresses).")
    List<HostPort> addresses = List.of();

    @Override
    public Integer call() throws Exception {
        validate();
        InviteResponse invite;
        try (ControlClient client = parent.client()) {
            invite = client.invite(new InviteRequest(
                    expires.toSeconds(),
                    uses,
                    addresses.stream().map(HostPort::toString).toList()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Invite to network %s, valid for %s (until %s), for %s.%n",
                invite.network(), Durations.whole(expires), until(invite.expiresAt()), usesText(invite.uses()));
        out.printf("It reaches this node at %s.%n", String.join(", ", invite.addresses()));
        out.println("On the new node, run: peernet join CODE");
        out.println(invite.code());
        return ExitCodes.OK;
    }

    /** Checked here, so a slip is a usage error that never reaches the node. */
    private void validate() {
        if (expires.toSeconds() < 1) {
            throw new ParameterException(spec.commandLine(), "--expires must be at least 1s");
        }
        if (uses < 1) {
            throw new ParameterException(spec.commandLine(), "--uses must be at least 1");
        }
    }

    /** The expiry to the second; the milliseconds would only be noise. */
    private static String until(String expiresAt) {
        return Instant.parse(expiresAt).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String usesText(int uses) {
        return uses == 1 ? "1 use" : uses + " uses";
    }
}
