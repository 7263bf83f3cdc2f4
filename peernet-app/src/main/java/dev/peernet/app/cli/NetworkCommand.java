package dev.peernet.app.cli;

import dev.peernet.app.api.Json;
import dev.peernet.app.api.NetworkResponse;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet network}: the network's name, ID, size and this node's role, then its members. */
@Command(
        name = "network",
        mixinStandardHelpOptions = true,
        description = "Show the node's network, its role in it, and the members.")
final class NetworkCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        NetworkResponse network;
        try (ControlClient client = parent.client()) {
            network = client.network();
        }
        String text = json ? Json.pretty(network) + System.lineSeparator() : NetworkText.format(network);
        spec.commandLine().getOut().print(text);
        return ExitCodes.OK;
    }
}
