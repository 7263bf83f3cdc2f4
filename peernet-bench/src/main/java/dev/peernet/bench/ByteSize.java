package dev.peernet.bench;

import java.util.Locale;
import java.util.Map;

/** Reads and writes byte counts such as {@code 2GiB}, {@code 256MiB} or {@code 500MB}. */
public final class ByteSize {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    /** Binary units are the default in options; decimal ones are accepted and mean powers of ten. */
    private static final Map<String, Long> UNITS = Map.of(
            "", 1L,
            "b", 1L,
            "kib", KIB,
            "mib", MIB,
            "gib", GIB,
            "kb", 1_000L,
            "mb", 1_000_000L,
            "gb", 1_000_000_000L);

    private ByteSize() {}

    /**
     * Parses a non-negative count with an optional unit.
     *
     * @throws IllegalArgumentException naming the text if it is not a size
     */
    public static long parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < trimmed.length() && Character.isDigit(trimmed.charAt(unitStart))) {
            unitStart++;
        }
        Long unit = UNITS.get(trimmed.substring(unitStart).strip());
        if (unitStart == 0 || unit == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size: write a whole number with B, KiB, MiB, GiB, KB, MB or GB.");
        }
        try {
            return Math.multiplyExact(Long.parseLong(trimmed.substring(0, unitStart)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large.", e);
        }
    }

    /** The count in the largest binary unit that divides it exactly, e.g. {@code 2 GiB}. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " B";
    }
}
