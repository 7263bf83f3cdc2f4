package dev.peernet.app.cli;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

/** Round trips counted by {@code peernet ping}, summarised the way ping(8) does. */
final class PingStats {
    private final List<Double> rtts = new ArrayList<>();
    private int sent;

    void sent() {
        sent++;
    }

    void received(double rttMs) {
        rtts.add(rttMs);
    }

    boolean anyReceived() {
        return !rtts.isEmpty();
    }

    /** Two lines: a heading naming {@code peer}, then counts, loss and min/avg/max. */
    String summary(String peer) {
        int lost = sent == 0 ? 0 : Math.round(100f * (sent - rtts.size()) / sent);
        String counts = String.format(Locale.ROOT, "%d sent, %d received, %d%% lost", sent, rtts.size(), lost);
        String line = "--- " + peer + " ping statistics ---" + System.lineSeparator() + counts;
        if (rtts.isEmpty()) {
            return line + System.lineSeparator();
        }
        DoubleSummaryStatistics stats =
                rtts.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return line
                + String.format(
                        Locale.ROOT,
                        ", rtt min/avg/max = %.3f/%.3f/%.3f ms%n",
                        stats.getMin(),
                        stats.getAverage(),
                        stats.getMax());
    }
}
