package dev.peernet.app.cli;

import dev.peernet.app.api.Json;
import dev.peernet.app.client.ControlClient;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet ls PEER[:SHARE[/PATH]]}: a member's shares, or a directory in one. */
@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description = "List a member's shares (PEER) or a directory in one (PEER:SHARE[/PATH]).")
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PEER[:SHARE[/PATH]]", description = "The member (ID, short ID or name), share and path.")
    String target;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RemoteRef ref = ref();
        Object rows;
        String text;
        try (ControlClient client = parent.client()) {
            if (ref.share().isEmpty()) {
                var shares = client.remoteShares(ref.peer());
                rows = shares;
                text = RemoteText.shares(ref.peer(), shares);
            } else {
                var entries = client.remoteEntries(ref.peer(), ref.share().get(), ref.path());
                rows = entries;
                text = RemoteText.entries(ref.toString(), entries, ZoneId.systemDefault());
            }
        }
        spec.commandLine().getOut().print(json ? Json.pretty(rows) + System.lineSeparator() : text);
        return ExitCodes.OK;
    }

    private RemoteRef ref() {
        try {
            return RemoteRef.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
