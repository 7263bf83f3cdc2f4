package dev.peernet.app.cli;

import dev.peernet.app.api.Json;
import dev.peernet.app.api.TransferResponse;
import dev.peernet.app.client.ControlClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet transfers}: active and recent transfers with progress, rate, sources and errors. */
@Command(
        name = "transfers",
        mixinStandardHelpOptions = true,
        description = "List active and recent transfers: progress, rate, sources and errors.")
final class TransfersCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<TransferResponse> transfers;
        try (ControlClient client = parent.client()) {
            transfers = client.transfers();
        }
        spec.commandLine()
                .getOut()
                .print(json ? Json.pretty(transfers) + System.lineSeparator() : TransferText.table(transfers));
        return ExitCodes.OK;
    }
}
