package dev.peernet.transfer;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as the transfer's sentences say them. */
final class Sizes {
    private Sizes() {}

    /** {@code 512 B}, {@code 3.2 MiB}, {@code 1.5 GiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 500 ms}, {@code 4 s}, {@code 2 min}. */
    static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 120) {
            return d.toSeconds() + " s";
        }
        return d.toMinutes() + " min";
    }
}
