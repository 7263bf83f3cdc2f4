package dev.peernet.app.cli;

import dev.peernet.app.api.Json;
import dev.peernet.app.api.StatusResponse;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet status}: name, ID, addresses, uptime and connection count of the running node. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the running node's name, ID, addresses, uptime and connections.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StatusResponse status;
        try (ControlClient client = parent.client()) {
            status = client.status();
        }
        String text = json ? Json.pretty(status) + System.lineSeparator() : StatusText.format(status);
        spec.commandLine().getOut().print(text);
        return ExitCodes.OK;
    }
}
