package dev.peernet.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * One in-process run of the command line, with what it printed and its exit code.
 *
 * @param exitCode the code the process would exit with
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int exitCode, String out, String err) {
    /** Runs {@code args} with no {@code PEERNET_HOME} and {@code home} as the user's home directory. */
    static CliRun run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(Map.of(), home).run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code peernet --state-dir stateDir args...}. */
    static CliRun in(Path stateDir, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--state-dir";
        all[1] = stateDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(stateDir.resolve("home"), all);
    }
}
