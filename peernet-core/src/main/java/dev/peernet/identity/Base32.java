package dev.peernet.identity;

/** RFC 4648 base32 without padding, upper case. */
final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    static String encode(byte[] data) {
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

    static byte[] decode(String text, int expectedBytes) {
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
}
