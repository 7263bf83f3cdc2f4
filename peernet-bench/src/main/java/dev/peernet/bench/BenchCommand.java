package dev.peernet.bench;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What every benchmark main shares: the command line it reports, and its usage errors. */
public final class BenchCommand {
    private BenchCommand() {}

    /**
     * The command that ran the benchmark, for its report: the script's own line when a {@code
     * bench/} script passed it in {@value TransportThroughput#COMMAND_PROPERTY}, else the java one.
     */
    public static String line(Class<?> main, String[] args) {
        String fromScript = System.getProperty(TransportThroughput.COMMAND_PROPERTY);
        if (fromScript != null && !fromScript.isBlank()) {
            return fromScript.strip();
        }
        return Stream.concat(Stream.of("java", main.getName()), Stream.of(args)).collect(Collectors.joining(" "));
    }

    /** Says which option is unknown, prints the usage, and exits with 2. */
    public static void unknownOption(String option, String usage) {
        System.err.println("unknown option '" + option + "'");
        System.err.print(usage);
        System.exit(2);
    }
}
