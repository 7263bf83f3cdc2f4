package dev.peernet.app.cli;

import dev.peernet.app.api.ShareResponse;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code peernet share} shows shares as text. */
final class ShareText {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ShareText() {}

    /** One row per share: name, access, audience, files, size, state, then the folder. */
    static String table(List<ShareResponse> shares) {
        if (shares.isEmpty()) {
            return "No shares; add one with 'peernet share add PATH'." + System.lineSeparator();
        }
        String format = "%-16s %-9s %-20s %10s %10s  %-10s %s%n";
        StringBuilder out = new StringBuilder(
                String.format(Locale.ROOT, format, "NAME", "ACCESS", "TO", "FILES", "SIZE", "STATE", "PATH"));
        for (ShareResponse s : shares) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    s.name(),
                    access(s),
                    s.toAll() ? "all" : s.to().stream().map(PeersTable::shortId).collect(Collectors.joining(",")),
                    s.files(),
                    bytes(s.bytes()),
                    state(s),
                    s.path()));
        }
        return out.toString();
    }

    static String access(ShareResponse s) {
        return s.writable() ? "writable" : "read-only";
    }

    static String audience(ShareResponse s) {
        if (s.toAll()) {
            return "all members";
        }
        return s.to().stream().map(PeersTable::shortId).collect(Collectors.joining(", "));
    }

    /** Scanning, indexed, failed (with why), or waiting for its first scan. */
    static String state(ShareResponse s) {
        if (s.scanning()) {
            return "scanning";
        }
        if (s.scanError() != null) {
            return "failed: " + s.scanError();
        }
        return s.scannedAt() == null ? "waiting" : "indexed";
    }

    static String files(long n) {
        return n == 1 ? "1 file" : n + " files";
    }

    /** Binary units with one decimal above bytes: {@code 512 B}, {@code 1.5 KiB}, {@code 4.0 GiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
