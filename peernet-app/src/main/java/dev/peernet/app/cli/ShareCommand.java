package dev.peernet.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet share}: the folders this node shares; its subcommands add, list and remove them. */
@Command(
        name = "share",
        mixinStandardHelpOptions = true,
        description = "Share folders with the network's members: add, ls, rm.",
        subcommands = {ShareAddCommand.class, ShareListCommand.class, ShareRemoveCommand.class})
final class ShareCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    /** {@code peernet share} alone: show the subcommands. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
