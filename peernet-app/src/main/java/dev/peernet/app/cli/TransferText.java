package dev.peernet.app.cli;

import dev.peernet.app.api.TransferResponse;
import java.util.List;
import java.util.Locale;

/** How transfers show as text: {@code peernet transfers}, and the plain progress lines of {@code get} and {@code send}. */
final class TransferText {
    private TransferText() {}

    /** One row per transfer, then its errors indented below it. */
    static String table(List<TransferResponse> transfers) {
        if (transfers.isEmpty()) {
            return "No transfers yet; fetch with 'peernet get PEER:SHARE/PATH' or push with 'peernet send PEER PATH'."
                    + System.lineSeparator();
        }
        String format = "%-8s %-8s %-9s %-24s %12s %8s  %s%n";
        StringBuilder out = new StringBuilder(
                String.format(Locale.ROOT, format, "ID", "KIND", "STATE", "PROGRESS", "RATE", "SOURCES", "WHAT"));
        for (TransferResponse t : transfers) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    t.id().length() > 8 ? t.id().substring(0, 8) : t.id(),
                    t.direction(),
                    t.state(),
                    amount(t),
                    t.finishedOrFailed() ? "" : rate(t.bytesPerSecond()),
                    sources(t),
                    t.label() + " -> " + t.destination()));
            if (t.reason() != null && !t.reason().isEmpty()) {
                out.append("         ").append(t.reason()).append(System.lineSeparator());
            }
            for (String error : t.errors()) {
                out.append("         ! ").append(error).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** A progress line for output that is not a terminal. */
    static String progressLine(TransferResponse t) {
        StringBuilder line = new StringBuilder(t.label()).append(": ").append(amount(t));
        line.append(", ").append(rate(t.bytesPerSecond()));
        if (t.etaSeconds() != null) {
            line.append(", ETA ").append(eta(t.etaSeconds()));
        }
        line.append(", ").append(sources(t)).append(t.sources().size() == 1 ? " source" : " sources");
        if (!"running".equals(t.state())) {
            line.append(" (").append(t.state());
            if (t.reason() != null && !t.reason().isEmpty()) {
                line.append(": ").append(t.reason());
            }
            line.append(')');
        }
        return line.toString();
    }

    /** {@code 312.0 MiB of 2.0 GiB (15%)}. */
    static String amount(TransferResponse t) {
        long percent = t.bytesTotal() == 0 ? 100 : t.bytesDone() * 100 / t.bytesTotal();
        return ShareText.bytes(t.bytesDone()) + " of " + ShareText.bytes(t.bytesTotal()) + " (" + percent + "%)";
    }

    /** Active sources, or {@code active/all} when some were dropped. */
    static String sources(TransferResponse t) {
        long active =
                t.sources().stream().filter(s -> "active".equals(s.state())).count();
        return active == t.sources().size()
                ? String.valueOf(active)
                : active + "/" + t.sources().size();
    }

    static String rate(double bytesPerSecond) {
        return ShareText.bytes(Math.round(bytesPerSecond)) + "/s";
    }

    static String eta(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
    }
}
