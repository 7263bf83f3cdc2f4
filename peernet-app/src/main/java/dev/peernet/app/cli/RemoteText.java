package dev.peernet.app.cli;

import dev.peernet.app.api.EntryResponse;
import dev.peernet.app.api.RemoteShareResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How {@code peernet ls} shows a member's shares and directories. */
final class RemoteText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private RemoteText() {}

    static String shares(String peer, List<RemoteShareResponse> shares) {
        if (shares.isEmpty()) {
            return peer + " shares nothing with this node." + System.lineSeparator();
        }
        String format = "%-24s %-9s %10s %10s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "SHARE", "ACCESS", "FILES", "SIZE"));
        for (RemoteShareResponse s : shares) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    s.name(),
                    s.writable() ? "writable" : "read-only",
                    s.files(),
                    ShareText.bytes(s.bytes())));
        }
        return out.toString();
    }

    /** Like {@code ls -l}: type, size, mtime, name; directories end with {@code /}. */
    static String entries(String where, List<EntryResponse> entries, ZoneId zone) {
        if (entries.isEmpty()) {
            return where + " is empty." + System.lineSeparator();
        }
        String format = "%-4s %10s  %-16s  %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "TYPE", "SIZE", "MODIFIED", "NAME"));
        for (EntryResponse e : entries) {
            boolean dir = "dir".equals(e.type());
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    e.type(),
                    ShareText.bytes(e.size()),
                    e.mtime() == null
                            ? ""
                            : WHEN.format(Instant.parse(e.mtime()).atZone(zone)),
                    e.path() + (dir ? "/" : "")));
        }
        return out.toString();
    }
}
