package dev.peernet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One mode's carrier and what it measured; a failure ends that mode but not the run. */
final class ModeRun {
    /** Makes a mode's carrier. */
    @FunctionalInterface
    interface CarrierFactory {
        Carrier open(Mode mode) throws IOException;
    }

    private final Mode mode;
    private final PrintStream out;
    private final List<Measurement> rounds = new ArrayList<>();
    private Carrier carrier;
    private String description = "";
    private String failure;

    ModeRun(Mode mode, PrintStream out) {
        this.mode = mode;
        this.out = out;
    }

    Mode mode() {
        return mode;
    }

    void start(CarrierFactory factory) {
        try {
            carrier = factory.open(mode);
        } catch (IOException | RuntimeException e) {
            fail("start", e);
        }
    }

    void warmUp(Transfer transfer, long bytes, int pass, int of) {
        if (active()) {
            run(transfer, bytes, "warm-up " + pass + "/" + of);
        }
    }

    void measure(Transfer transfer, long bytes, int round, int of) {
        if (active()) {
            run(transfer, bytes, "round " + round + "/" + of).ifPresent(rounds::add);
        }
    }

    private Optional<Measurement> run(Transfer transfer, long bytes, String what) {
        try {
            Measurement m = transfer.run(carrier, bytes);
            out.printf(
                    Locale.ROOT,
                    "  %-8s %-11s %s in %.3f s = %7.1f MB/s, %.2f cores, others %.2f cores%n",
                    mode.label(),
                    what,
                    ByteSize.format(bytes),
                    m.nanos() / 1e9,
                    m.megabytesPerSecond(),
                    m.coresBusy(),
                    m.otherCoresBusy());
            return Optional.of(m);
        } catch (IOException | RuntimeException e) {
            fail(what, e);
            return Optional.empty();
        }
    }

    private boolean active() {
        return carrier != null && failure == null;
    }

    private void fail(String during, Exception e) {
        failure = during + " failed: " + Failures.describe(e);
        out.printf("  %-8s %s%n", mode.label(), failure);
    }

    /** Closes the carrier, keeping its description for the report. */
    void stop() {
        if (carrier == null) {
            return;
        }
        description = carrier.description();
        try {
            carrier.close();
        } catch (IOException | RuntimeException e) {
            out.printf("  %-8s closing failed: %s%n", mode.label(), Failures.describe(e));
        }
        carrier = null;
    }

    String description() {
        return description;
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    Optional<ModeStats> stats() {
        return rounds.isEmpty() ? Optional.empty() : Optional.of(ModeStats.of(rounds));
    }
}
