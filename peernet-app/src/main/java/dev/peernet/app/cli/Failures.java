package dev.peernet.app.cli;

import dev.peernet.app.api.Sentences;
import dev.peernet.app.client.NoNodeRunningException;
import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one sentence on stderr and an exit code; users never see a stack trace. */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        log.debug("{} failed", command.getCommandName(), e);
        print(command.getErr(), sentence(e));
        return exitCode(e);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String help = "see '" + command.getCommandSpec().qualifiedName() + " --help'";
        print(command.getErr(), Sentences.of(strip(e.getMessage()) + "; " + help));
        return ExitCodes.USAGE;
    }

    static int exitCode(Exception e) {
        return switch (e) {
            case NoNodeRunningException n -> ExitCodes.NO_NODE;
            case IllegalArgumentException i -> ExitCodes.USAGE;
            default -> ExitCodes.FAILED;
        };
    }

    static String sentence(Exception e) {
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            return Sentences.of(e);
        }
        return "Peernet failed unexpectedly: " + Sentences.of(e);
    }

    private static String strip(String message) {
        String s = message.strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static void print(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
