package dev.peernet.app.cli;

import dev.peernet.app.api.PeerResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code peernet peers}: one aligned row per member and per nearby node. */
final class PeersTable {
    private static final List<String> HEADER = List.of("PEER", "NAME", "STATE", "ADDRESS", "RTT", "CONNECTED SINCE");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private PeersTable() {}

    /** The table, with times shown in {@code zone}; a sentence instead if there is nobody to list. */
    static String format(List<PeerResponse> peers, ZoneId zone) {
        if (peers.isEmpty()) {
            return "No other members and no nearby nodes." + System.lineSeparator();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        peers.forEach(peer -> rows.add(row(peer, zone)));
        return align(rows);
    }

    private static List<String> row(PeerResponse peer, ZoneId zone) {
        String address = peer.address() != null
                ? peer.address()
                : peer.addresses().isEmpty() ? "-" : peer.addresses().getFirst();
        String since = peer.connectedSince() == null
                ? "-"
                : SINCE.format(Instant.parse(peer.connectedSince()).atZone(zone)) + " (" + peer.direction() + ")";
        return List.of(shortId(peer.id()), peer.name(), peer.state(), address, rtt(peer.rttMs()), since);
    }

    /** The first dash-separated block of a peer ID, as {@code PeerId.shortForm()} shows it. */
    static String shortId(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    /** Milliseconds with a precision that suits the size: {@code 0.412 ms}, {@code 12.4 ms}, {@code 230 ms}. */
    static String rtt(Double millis) {
        if (millis == null) {
            return "-";
        }
        String pattern = millis < 10 ? "%.3f ms" : millis < 100 ? "%.1f ms" : "%.0f ms";
        return String.format(Locale.ROOT, pattern, millis);
    }

    private static String align(List<List<String>> rows) {
        int columns = HEADER.size();
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row.get(c) : String.format("%-" + (widths[c] + 2) + "s", row.get(c)));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }
}
