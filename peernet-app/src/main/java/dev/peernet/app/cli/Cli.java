package dev.peernet.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** The {@code peernet} command line, runnable in-process with its own output streams and environment. */
public final class Cli {
    private final Map<String, String> env;
    private final Path userHome;

    /**
     * @param env environment variables, read for {@code PEERNET_HOME}
     * @param userHome the home directory holding the default state dir {@code .peernet}
     */
    public Cli(Map<String, String> env, Path userHome) {
        this.env = Map.copyOf(env);
        this.userHome = userHome;
    }

    /** Runs one command and returns its exit code; see {@link ExitCodes}. */
    public int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = PeernetCommand.commandLine(new PeernetCommand(env, userHome), args);
        Failures failures = new Failures();
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
