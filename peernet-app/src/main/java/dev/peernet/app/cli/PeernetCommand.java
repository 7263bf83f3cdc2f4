package dev.peernet.app.cli;

import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code peernet}: the top-level command, holding the options every subcommand shares. */
@Command(
        name = "peernet",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Run and control a Peernet node.",
        footer = {
            "",
            "Exit codes: 0 done, 1 the operation failed, 2 usage error, 3 no node running.",
            "Run 'peernet COMMAND --help' for a command's options."
        },
        subcommands = {
            UpCommand.class,
            IdCommand.class,
            StatusCommand.class,
            ConnectCommand.class,
            PeersCommand.class,
            PingCommand.class,
            NetworkCommand.class,
            InviteCommand.class,
            JoinCommand.class,
            RemoveCommand.class,
            GrantCommand.class,
            ShareCommand.class,
            LsCommand.class,
            FindCommand.class,
            GetCommand.class,
            TransfersCommand.class,
            SendCommand.class,
            AcceptCommand.class,
            DeclineCommand.class,
            DoctorCommand.class,
            HelpCommand.class
        })
final class PeernetCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Path userHome;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "The node's state directory (default: $PEERNET_HOME, else ~/.peernet).")
    Path stateDirOption;

    PeernetCommand(Map<String, String> env, Path userHome) {
        this.env = env;
        this.userHome = userHome;
    }

    /** {@code peernet} alone: show what it can do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The state directory: {@code --state-dir}, else {@code $PEERNET_HOME}, else {@code ~/.peernet}. */
    Path stateDir() {
        return StateDirectory.resolve(stateDirOption, env, userHome);
    }

    /** A client for the node running on {@link #stateDir()}. */
    ControlClient client() throws IOException {
        return ControlClient.open(stateDir());
    }
}
