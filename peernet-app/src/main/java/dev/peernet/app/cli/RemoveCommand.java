package dev.peernet.app.cli;

import dev.peernet.app.api.MemberResponse;
import dev.peernet.app.api.RemoveRequest;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet remove PEER}: revokes a member; only admins may. */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove a member from the network for good (admins only).")
final class RemoveCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PEER", description = "The member's ID, short ID or name.")
    String member;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the signed removal record.")
    String reason;

    @Override
    public Integer call() throws Exception {
        MemberResponse removed;
        try (ControlClient client = parent.client()) {
            removed = client.remove(new RemoveRequest(member, reason));
        }
        spec.commandLine()
                .getOut()
                .printf("Removed %s (%s) from the network.%n", removed.name(), PeersTable.shortId(removed.id()));
        return ExitCodes.OK;
    }
}
