package dev.peernet.app.cli;

import dev.peernet.app.api.StatusResponse;
import java.time.Duration;
import java.util.List;

/** {@code peernet status} and the {@code up} banner as aligned label/value lines. */
final class StatusText {
    private StatusText() {}

    static String format(StatusResponse status) {
        StringBuilder out = new StringBuilder();
        line(out, "Name:", status.name());
        line(out, "Peer ID:", status.id());
        lines(out, "Addresses:", status.addresses());
        line(out, "Uptime:", Durations.human(Duration.ofSeconds(status.uptimeSeconds())));
        line(out, "Connections:", String.valueOf(status.connections()));
        line(out, "Control API:", status.apiUrl());
        return out.toString();
    }

    /** What {@code up} prints once the node runs. */
    static String banner(String name, String id, List<String> addresses, String apiUrl, List<String> notices) {
        StringBuilder out = new StringBuilder();
        out.append("Peernet node '").append(name).append("' is up.").append(System.lineSeparator());
        line(out, "Peer ID:", id);
        lines(out, "Listening on:", addresses);
        line(out, "Control API:", apiUrl);
        notices.forEach(notice -> line(out, "Note:", notice));
        out.append("Press Ctrl-C to stop.").append(System.lineSeparator());
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-14s%s%n", label, value));
    }

    /** The label on the first line only, the values aligned below each other. */
    private static void lines(StringBuilder out, String label, List<String> values) {
        if (values.isEmpty()) {
            line(out, label, "(none)");
        }
        for (int i = 0; i < values.size(); i++) {
            line(out, i == 0 ? label : "", values.get(i));
        }
    }
}
