package dev.peernet.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The transport benchmark's command line.
 *
 * @param bytes payload of each measured transfer
 * @param rounds measured transfers per mode; the report gives the best and the median
 * @param warmupBytes unmeasured bytes per mode before the rounds, sent in passes; 0 skips it
 * @param modes the modes to run, in report order
 * @param virtualSinks whether the raw and TLS receivers run on virtual threads, as Peernet's do
 * @param window the Peernet per-stream receive window, if not the node default
 * @param help whether to print usage and stop
 */
record BenchOptions(
        long bytes,
        int rounds,
        long warmupBytes,
        List<Mode> modes,
        boolean virtualSinks,
        OptionalInt window,
        boolean help) {

    static final String USAGE = """
            Usage: bench/transport-throughput.sh [options]
              --bytes SIZE        payload per measured transfer (default 2GiB)
              --rounds N          measured transfers per mode; best and median are reported (default 3)
              --mode MODE         raw, tls, peernet or all (default all)
              --warmup SIZE       unmeasured bytes per mode first, in transfers of at most 256MiB,
                                  modes interleaved; 0 skips it (default 1GiB)
              --sink-threads KIND platform or virtual threads for the raw and TLS receivers (default platform)
              --window SIZE       Peernet per-stream receive window (default: the node default)
              --help              print this text
            SIZE is a whole number with an optional unit: B, KiB, MiB, GiB, or decimal KB, MB, GB.
            """;

    static final BenchOptions DEFAULTS = new BenchOptions(
            ByteSize.parse("2GiB"),
            3,
            ByteSize.parse("1GiB"),
            List.of(Mode.values()),
            false,
            OptionalInt.empty(),
            false);

    BenchOptions {
        modes = List.copyOf(modes);
        if (bytes < 1) {
            throw new IllegalArgumentException("--bytes must be at least 1 byte.");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1.");
        }
    }

    /**
     * Parses {@code args}; each option takes its value as the next argument or after {@code =}.
     *
     * @throws IllegalArgumentException with one sentence saying which argument is wrong
     */
    static BenchOptions parse(String[] args) {
        BenchOptions options = DEFAULTS;
        List<String> queue = split(args);
        for (int i = 0; i < queue.size(); i++) {
            String name = queue.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                options = options.withHelp();
                continue;
            }
            if (i + 1 >= queue.size()) {
                throw new IllegalArgumentException("Option " + name + " needs a value.");
            }
            options = options.with(name, queue.get(++i));
        }
        return options;
    }

    private static List<String> split(String[] args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                out.add(arg.substring(0, eq));
                out.add(arg.substring(eq + 1));
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    private BenchOptions with(String name, String value) {
        return switch (name) {
            case "--bytes" ->
                new BenchOptions(ByteSize.parse(value), rounds, warmupBytes, modes, virtualSinks, window, help);
            case "--rounds" -> new BenchOptions(bytes, count(value), warmupBytes, modes, virtualSinks, window, help);
            case "--warmup" ->
                new BenchOptions(bytes, rounds, ByteSize.parse(value), modes, virtualSinks, window, help);
            case "--mode" -> new BenchOptions(bytes, rounds, warmupBytes, modes(value), virtualSinks, window, help);
            case "--sink-threads" -> new BenchOptions(bytes, rounds, warmupBytes, modes, virtual(value), window, help);
            case "--window" -> new BenchOptions(bytes, rounds, warmupBytes, modes, virtualSinks, window(value), help);
            default -> throw new IllegalArgumentException("Unknown option '" + name + "'.");
        };
    }

    private BenchOptions withHelp() {
        return new BenchOptions(bytes, rounds, warmupBytes, modes, virtualSinks, window, true);
    }

    private static int count(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rounds takes a whole number, not '" + value + "'.", e);
        }
    }

    private static List<Mode> modes(String value) {
        if (value.equals("all")) {
            return List.of(Mode.values());
        }
        Set<Mode> chosen = EnumSet.noneOf(Mode.class);
        for (String part : value.split(",")) {
            chosen.add(Mode.parse(part.strip()));
        }
        return List.copyOf(chosen);
    }

    private static boolean virtual(String value) {
        return switch (value) {
            case "platform" -> false;
            case "virtual" -> true;
            default ->
                throw new IllegalArgumentException("--sink-threads is platform or virtual, not '" + value + "'.");
        };
    }

    private static OptionalInt window(String value) {
        long bytes = ByteSize.parse(value);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--window must be below 2 GiB, not " + value + ".");
        }
        return OptionalInt.of((int) bytes);
    }

    /** Starts the raw and TLS receivers on the thread kind the options ask for. */
    Thread.Builder sinkThreads() {
        return virtualSinks
                ? Thread.ofVirtual().name("sink-", 0)
                : Thread.ofPlatform().name("sink-", 0).daemon(true);
    }
}
