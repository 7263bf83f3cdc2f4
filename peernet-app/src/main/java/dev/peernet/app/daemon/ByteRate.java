package dev.peernet.app.daemon;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rates such as {@code 50MB/s}, {@code 2.5MiB/s}, {@code 800k} or {@code 1000000}, in bytes per
 * second: k/M/G are powers of 1000, Ki/Mi/Gi of 1024, the {@code B} and {@code /s} optional, as
 * {@code rsync --bwlimit} and Syncthing's rate settings take them. {@code 0}, {@code none} and
 * {@code off} mean no limit.
 */
public final class ByteRate {
    private static final Pattern RATE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?)?b?(?:/s|ps)?", Pattern.CASE_INSENSITIVE);

    private ByteRate() {}

    /**
     * Bytes per second.
     *
     * @throws IllegalArgumentException with a sentence saying what is accepted
     */
    public static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("off")) {
            return 0;
        }
        Matcher m = RATE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a rate; write it like 50MB/s, 2.5MiB/s, 800k or a number of bytes per second.");
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2))));
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large a rate.");
        }
        return value.longValue();
    }

    private static long unit(String prefix) {
        if (prefix == null) {
            return 1;
        }
        boolean binary = prefix.endsWith("i");
        int power = "kmgt".indexOf(prefix.charAt(0)) + 1;
        long base = binary ? 1024 : 1000;
        long unit = 1;
        for (int i = 0; i < power; i++) {
            unit *= base;
        }
        return unit;
    }
}
