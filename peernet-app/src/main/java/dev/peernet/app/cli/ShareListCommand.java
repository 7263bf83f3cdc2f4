package dev.peernet.app.cli;

import dev.peernet.app.api.Json;
import dev.peernet.app.api.ShareResponse;
import dev.peernet.app.client.ControlClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet share ls}: every share with its index so far. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the folders this node shares.")
final class ShareListCommand implements Callable<Integer> {
    @ParentCommand
    ShareCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ShareResponse> shares;
        try (ControlClient client = parent.parent.client()) {
            shares = client.shares();
        }
        String text = json ? Json.pretty(shares) + System.lineSeparator() : ShareText.table(shares);
        spec.commandLine().getOut().print(text);
        return ExitCodes.OK;
    }
}
