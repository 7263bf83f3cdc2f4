package dev.peernet.identity;

/** RFC 4648 base32 without padding, upper case, and a Luhn mod 32 check character. */
public final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    /** Encodes {@code data}, without padding. */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /**
     * Decodes exactly {@code expectedBytes} bytes from upper-case base32.
     *
     * @throws IllegalArgumentException naming the first bad character, or saying the length is wrong
     */
    public static byte[] decode(String text, int expectedBytes) {
        byte[] out = new byte[expectedBytes];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = ALPHABET.indexOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' is not a base32 character");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                if (index == expectedBytes) {
                    throw new IllegalArgumentException("too many base32 characters");
                }
                out[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if (index != expectedBytes) {
            throw new IllegalArgumentException("too few base32 characters");
        }
        return out;
    }

    /** Luhn mod N over the base32 alphabet (the algorithm Syncthing uses for device IDs). */
    public static char luhnCheck(String text) {
        int factor = 1;
        int sum = 0;
        int n = ALPHABET.length();
        for (int i = 0; i < text.length(); i++) {
            int codepoint = ALPHABET.indexOf(text.charAt(i));
            int addend = factor * codepoint;
            factor = factor == 2 ? 1 : 2;
            addend = (addend / n) + (addend % n);
            sum += addend;
        }
        int remainder = sum % n;
        int check = (n - remainder) % n;
        return ALPHABET.charAt(check);
    }
}
