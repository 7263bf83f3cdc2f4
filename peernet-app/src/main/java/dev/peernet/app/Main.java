package dev.peernet.app;

import dev.peernet.app.cli.Cli;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The {@code peernet} program: runs one command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, System.out.charset());
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        Cli cli = new Cli(System.getenv(), Path.of(System.getProperty("user.home")));
        System.exit(cli.run(out, err, args));
    }
}
