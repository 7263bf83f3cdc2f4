package dev.peernet.identity;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The few ASN.1 DER encodings (ITU-T X.690) a self-signed X.509 certificate needs. Each method
 * returns one complete element: tag, definite length, contents.
 */
final class Der {
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0c;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    /** Context-specific, constructed: the tag of an EXPLICIT [n] element is this plus n. */
    private static final int CONTEXT_CONSTRUCTED = 0xa0;

    /** RFC 5280 4.1.2.5: validity dates in 1950 to 2049 are UTCTime, all others GeneralizedTime. */
    private static final int FIRST_UTC_TIME_YEAR = 1950;

    private static final int LAST_UTC_TIME_YEAR = 2049;

    private Der() {}

    static byte[] sequence(byte[]... elements) {
        return element(SEQUENCE, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return element(SET, concat(elements));
    }

    /** An EXPLICIT context-specific tag {@code [number]} around one element. */
    static byte[] explicit(int number, byte[] element) {
        if (number < 0 || number > 30) {
            throw new IllegalArgumentException("tag number " + number + " needs the long form");
        }
        return element(CONTEXT_CONSTRUCTED + number, element);
    }

    static byte[] integer(BigInteger value) {
        // Two's complement, minimal: exactly what DER asks for an INTEGER's contents.
        return element(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** A BIT STRING of whole bytes: no unused bits in the last one. */
    static byte[] bitString(byte[] bytes) {
        byte[] contents = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, contents, 1, bytes.length);
        return element(BIT_STRING, contents);
    }

    /** An OBJECT IDENTIFIER from its dotted form; every arc after the first two in base 128. */
    static byte[] objectIdentifier(String dotted) {
        String[] arcs = dotted.split("\\.", -1);
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an object identifier has at least two arcs: " + dotted);
        }
        var contents = new ByteArrayOutputStream();
        writeBase128(contents, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(contents, Long.parseLong(arcs[i]));
        }
        return element(OBJECT_IDENTIFIER, contents.toByteArray());
    }

    static byte[] utf8String(String text) {
        return element(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A certificate validity time (RFC 5280 4.1.2.5), to the second, in UTC: UTCTime from 1950 to
     * 2049, GeneralizedTime before and after. Fractions of a second are dropped, as DER requires
     * none.
     */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("a certificate time has a four-digit year, not " + year);
        }
        boolean utcTime = year >= FIRST_UTC_TIME_YEAR && year <= LAST_UTC_TIME_YEAR;
        // YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, by hand: a first DateTimeFormatter costs ~9 ms in a cold JVM.
        var text = new StringBuilder(15);
        digits(text, utcTime ? year % 100 : year, utcTime ? 2 : 4);
        for (int field :
                new int[] {utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond()}) {
            digits(text, field, 2);
        }
        text.append('Z');
        return element(utcTime ? UTC_TIME : GENERALIZED_TIME, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends {@code value} in decimal, zero-padded to {@code width} digits. */
    private static void digits(StringBuilder text, int value, int width) {
        for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
    }

    /** Tag, definite length (short form below 128 bytes, else long form) and contents. */
    static byte[] element(int tag, byte[] contents) {
        var out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        writeLength(out, contents.length);
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write(length >>> shift);
        }
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("an object identifier arc is not negative: " + value);
        }
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int group = groups - 1; group > 0; group--) {
            out.write(0x80 | ((int) (value >>> (7 * group)) & 0x7f));
        }
        out.write((int) value & 0x7f);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
