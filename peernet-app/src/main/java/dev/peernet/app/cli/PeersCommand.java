package dev.peernet.app.cli;

import dev.peernet.app.api.Json;
import dev.peernet.app.api.PeerResponse;
import dev.peernet.app.client.ControlClient;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet peers}: members and nearby nodes as a table, or as a JSON array with {@code --json}. */
@Command(
        name = "peers",
        mixinStandardHelpOptions = true,
        description = "List the network's members with their state (alive, suspect, dead, left) and nearby nodes.")
final class PeersCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<PeerResponse> peers;
        try (ControlClient client = parent.client()) {
            peers = client.peers();
        }
        String text =
                json ? Json.pretty(peers) + System.lineSeparator() : PeersTable.format(peers, ZoneId.systemDefault());
        spec.commandLine().getOut().print(text);
        return ExitCodes.OK;
    }
}
