package dev.peernet.bench.share;

import dev.peernet.bench.ByteSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sharing benchmark's command line.
 *
 * @param work scratch folder for every file and node state (the script mounts a private tmpfs)
 * @param results where the report goes (results.md, results.json)
 * @param launcher the {@code peernet} launcher
 * @param runs timed runs per system and case; the report gives medians
 * @param warmup untimed runs first, per system and case
 * @param bigSize case 1: the one file
 * @param smallCount case 2: how many files
 * @param smallSize case 2: the size of each
 * @param multiSize case 3: the one file fetched from several sources
 * @param rate case 3: each source's upload cap R, as given (passed to {@code --max-upload})
 * @param sources case 3: the source counts
 * @param cases which of the cases 1 (one big file), 2 (small files), 3 (several sources) run; 4
 *     comes from 1
 * @param systems which of peernet, nc and syncthing run
 * @param settle at most this long before each timed run waiting for the machine to quieten
 * @param help whether to print usage and stop
 */
record ShareBenchOptions(
        Path work,
        Path results,
        Path launcher,
        int runs,
        int warmup,
        long bigSize,
        int smallCount,
        long smallSize,
        long multiSize,
        String rate,
        List<Integer> sources,
        Set<Integer> cases,
        Set<String> systems,
        Duration settle,
        boolean help) {

    static final String USAGE = """
            Usage: bench/share-transfer.sh [options]      (as root; installs syncthing and nc)
              --quick              a short look: 256MiB, 1000 files, 128MiB from sources, 1 run, no warm-up
              --runs N             timed runs per system and case; medians are reported (default 3)
              --warmup N           untimed runs first (default 1)
              --size SIZE          case 1, one file (default 2GiB)
              --files N            case 2, this many files (default 5000)
              --file-size SIZE     case 2, each this big (default 64KiB)
              --multi-size SIZE    case 3, one file from several sources (default 512MiB)
              --rate RATE          case 3, each source's upload cap R, e.g. 50MB/s or bytes (default 50MB/s)
              --sources LIST       case 3, source counts (default 1,2,4)
              --cases LIST         which of 1 (one file), 2 (small files), 3 (sources) run (default 1,2,3);
                                   4 (peak memory) comes from 1
              --systems LIST       which of peernet, nc, syncthing run (default all three)
              --settle DURATION    before each timed run, wait at most this long for the machine to be
                                   quiet (default 5s; 0s does not wait)
              --results DIR        where results.md and results.json go
              --help               print this text
            SIZE is a whole number with an optional unit: B, KiB, MiB, GiB, or decimal KB, MB, GB.
            """;

    static final Set<String> SYSTEMS = Set.of("peernet", "nc", "syncthing");

    /**
     * Parses the arguments; {@code --quick} first sets its values, which later options override.
     *
     * @throws IllegalArgumentException with one sentence naming what is wrong
     */
    static ShareBenchOptions parse(List<String> args, Path work, Path results, Path launcher) {
        boolean quick = args.contains("--quick");
        int runs = quick ? 1 : 3;
        int warmup = quick ? 0 : 1;
        long bigSize = ByteSize.parse(quick ? "256MiB" : "2GiB");
        int smallCount = quick ? 1000 : 5000;
        long smallSize = ByteSize.parse("64KiB");
        long multiSize = ByteSize.parse(quick ? "128MiB" : "512MiB");
        String rate = "50MB/s";
        List<Integer> sources = List.of(1, 2, 4);
        Set<Integer> cases = Set.of(1, 2, 3);
        Set<String> systems = SYSTEMS;
        Duration settle = Duration.ofSeconds(5);
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--quick" -> {}
                case "--help", "-h" -> help = true;
                case "--runs" -> runs = positive(option, value(args, ++i, option), 1);
                case "--warmup" -> warmup = positive(option, value(args, ++i, option), 0);
                case "--size" -> bigSize = size(option, value(args, ++i, option));
                case "--files" -> smallCount = positive(option, value(args, ++i, option), 1);
                case "--file-size" -> smallSize = size(option, value(args, ++i, option));
                case "--multi-size" -> multiSize = size(option, value(args, ++i, option));
                case "--rate" -> {
                    rate = value(args, ++i, option);
                    rateBytes(rate);
                }
                case "--sources" -> sources = numbers(option, value(args, ++i, option), 1, 4);
                case "--cases" -> cases = Set.copyOf(numbers(option, value(args, ++i, option), 1, 3));
                case "--systems" -> systems = systems(value(args, ++i, option));
                case "--settle" -> settle = duration(option, value(args, ++i, option));
                case "--results" -> results = Path.of(value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new ShareBenchOptions(
                work,
                results,
                launcher,
                runs,
                warmup,
                bigSize,
                smallCount,
                smallSize,
                multiSize,
                rate,
                sources,
                cases,
                systems,
                settle,
                help);
    }

    /** R in bytes per second. */
    long rateBytesPerSecond() {
        return rateBytes(rate);
    }

    /** A rate such as {@code 50MB/s}, {@code 64MiB/s} or a number of bytes per second. */
    static long rateBytes(String rate) {
        String bytes = rate.strip().toLowerCase(Locale.ROOT);
        bytes = bytes.endsWith("/s") ? bytes.substring(0, bytes.length() - 2) : bytes;
        long value;
        try {
            value = ByteSize.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--rate takes a rate such as 50MB/s, 64MiB/s or a number of bytes per second, not '" + rate + "'",
                    e);
        }
        if (value <= 0) {
            throw new IllegalArgumentException("--rate must be above 0, not '" + rate + "'");
        }
        return value;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String option, String text, int least) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                option + " takes a whole number of at least " + least + ", not '" + text + "'");
    }

    private static long size(String option, String text) {
        long size = ByteSize.parse(text);
        if (size <= 0) {
            throw new IllegalArgumentException(option + " must be above 0 bytes");
        }
        return size;
    }

    private static List<Integer> numbers(String option, String text, int least, int most) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : text.split(",")) {
            int n = positive(option, part, least);
            if (n > most) {
                throw new IllegalArgumentException(
                        option + " takes numbers from " + least + " to " + most + ", not " + n);
            }
            if (!numbers.contains(n)) {
                numbers.add(n);
            }
        }
        return numbers.stream().sorted().toList();
    }

    private static Set<String> systems(String text) {
        List<String> names = List.of(text.toLowerCase(Locale.ROOT).split(","));
        for (String name : names) {
            if (!SYSTEMS.contains(name.strip())) {
                throw new IllegalArgumentException("--systems takes peernet, nc and syncthing, not '" + name + "'");
            }
        }
        return Set.copyOf(names.stream().map(String::strip).toList());
    }

    private static Duration duration(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a duration such as 10s or 500ms, not '" + text + "'");
    }

    boolean runs(String system) {
        return systems.contains(system);
    }

    boolean runsCase(int n) {
        return cases.contains(n);
    }
}
