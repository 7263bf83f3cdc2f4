package dev.peernet.app.cli;

import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet id}: the running node's full peer ID, alone on one line, for scripts. */
@Command(name = "id", mixinStandardHelpOptions = true, description = "Print the running node's peer ID.")
final class IdCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ControlClient client = parent.client()) {
            spec.commandLine().getOut().println(client.status().id());
        }
        return ExitCodes.OK;
    }
}
