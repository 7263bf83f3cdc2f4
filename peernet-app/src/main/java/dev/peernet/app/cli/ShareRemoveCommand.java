package dev.peernet.app.cli;

import dev.peernet.app.api.ShareRemoveRequest;
import dev.peernet.app.api.ShareResponse;
import dev.peernet.app.client.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet share rm NAME}: stops sharing a folder; the folder itself is left alone. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Stop sharing a folder (its files stay).")
final class ShareRemoveCommand implements Callable<Integer> {
    @ParentCommand
    ShareCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The share's name, as 'peernet share ls' shows it.")
    String name;

    @Override
    public Integer call() throws Exception {
        ShareResponse removed;
        try (ControlClient client = parent.parent.client()) {
            removed = client.removeShare(new ShareRemoveRequest(name));
        }
        spec.commandLine()
                .getOut()
                .printf("Stopped sharing '%s' (%s); its files are untouched.%n", removed.name(), removed.path());
        return ExitCodes.OK;
    }
}
