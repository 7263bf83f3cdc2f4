package dev.peernet.app.cli;

import dev.peernet.app.client.ControlClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
        // The subcommands are added by commandLine(...), only the one a run needs (SUBCOMMANDS).
        footer = {
            "",
            "Exit codes: 0 done, 1 the operation failed, 2 usage error, 3 no node running.",
            "Run 'peernet COMMAND --help' for a command's options."
        })
final class PeernetCommand implements Callable<Integer> {
    /**
     * Every subcommand, by name, in the order help lists them. Picocli builds a command's model by
     * reflection, in a cold JVM, when it is added: the twenty a run does not need cost about 50 ms of
     * a 0.4 s {@code peernet id} (ADR 0008). So {@link #commandLine} adds only the one named on the
     * command line, and all of them only for help, a mistyped name or none.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
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
            HelpCommand.class);

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

    /**
     * The command line for one run of {@code args}: {@code top} with the subcommand {@code args}
     * names, or with all of them when it names none of them or asks for help.
     */
    static CommandLine commandLine(PeernetCommand top, String... args) {
        CommandLine commandLine = new CommandLine(top);
        Class<?> only = SUBCOMMANDS.get(commandWord(args));
        if (only != null && only != HelpCommand.class) {
            commandLine.addSubcommand(only);
        } else {
            SUBCOMMANDS.values().forEach(commandLine::addSubcommand);
        }
        return commandLine;
    }

    /** The first argument that is neither an option nor {@code --state-dir}'s value; "" if none. */
    private static String commandWord(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--state-dir")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    private static Map<String, Class<?>> subcommands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return Collections.unmodifiableMap(byName);
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
