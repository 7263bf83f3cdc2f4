package dev.peernet.membership;

import dev.peernet.identity.Base32;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a joiner needs: where to reach the inviting member, and the invite's secret. Text form:
 * base32 of {@code version(1) secret(8) address*}, where each address is a type byte (4 or 6),
 * the IP address and a 2-byte port; then one Luhn mod 32 check character; shown in groups of four
 * separated by dashes. One IPv4 address gives 27 characters, short enough to read out.
 *
 * <p>The secret is 64 random bits. A guesser must ask the inviter online, which limits the rate of
 * failed attempts, and the code expires; so 64 bits are plenty.
 */
public final class InviteCode {
    static final int VERSION = 1;
    static final int SECRET_BYTES = 8;
    static final int MAX_ADDRESSES = 4;

    private final byte[] secret;
    private final List<InetSocketAddress> addresses;

    InviteCode(byte[] secret, List<InetSocketAddress> addresses) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("an invite secret has " + SECRET_BYTES + " bytes");
        }
        if (addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("an invite code carries 1 to " + MAX_ADDRESSES + " addresses");
        }
        this.secret = secret.clone();
        this.addresses = List.copyOf(addresses);
    }

    byte[] secret() {
        return secret.clone();
    }

    /** Where the inviting member listens, in the order to try. */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    /**
     * Parses a code as printed, ignoring case, spaces and dashes.
     *
     * @throws IllegalArgumentException with a sentence a user can act on
     */
    public static InviteCode parse(String text) {
        String compact = text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 10) {
            throw new IllegalArgumentException("'" + text + "' is too short to be an invite code.");
        }
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '2' && c <= '7')) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not an invite code: '" + c + "' never appears in one.");
            }
        }
        String data = compact.substring(0, compact.length() - 1);
        if (Base32.luhnCheck(data) != compact.charAt(compact.length() - 1)) {
            throw new IllegalArgumentException(
                    "The invite code has a typo: its check character does not match. Copy it again.");
        }
        byte[] bytes;
        try {
            bytes = Base32.decode(data, data.length() * 5 / 8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an invite code: " + e.getMessage() + ".", e);
        }
        return decode(bytes);
    }

    private static InviteCode decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "This invite code is of version " + version + "; this node reads version " + VERSION + ".");
            }
            byte[] secret = new byte[SECRET_BYTES];
            in.get(secret);
            List<InetSocketAddress> addresses = new ArrayList<>();
            while (in.hasRemaining()) {
                int type = in.get() & 0xff;
                if (type != 4 && type != 6) {
                    throw new IllegalArgumentException(
                            "The invite code is damaged: unknown address type " + type + ".");
                }
                byte[] ip = new byte[type == 4 ? 4 : 16];
                in.get(ip);
                int port = in.getShort() & 0xffff;
                addresses.add(new InetSocketAddress(InetAddress.getByAddress(ip), port));
            }
            return new InviteCode(secret, addresses);
        } catch (java.nio.BufferUnderflowException | UnknownHostException e) {
            throw new IllegalArgumentException("The invite code is damaged or cut short.", e);
        }
    }

    /** The text form: groups of four characters separated by dashes. */
    @Override
    public String toString() {
        var out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.writeBytes(secret);
        for (InetSocketAddress a : addresses) {
            byte[] ip = a.getAddress().getAddress();
            out.write(ip.length == 4 ? 4 : 6);
            out.writeBytes(ip);
            out.write(a.getPort() >>> 8);
            out.write(a.getPort() & 0xff);
        }
        String data = Base32.encode(out.toByteArray());
        String full = data + Base32.luhnCheck(data);
        var grouped = new StringBuilder();
        for (int i = 0; i < full.length(); i += 4) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(full, i, Math.min(full.length(), i + 4));
        }
        return grouped.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InviteCode c && Arrays.equals(secret, c.secret) && addresses.equals(c.addresses);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(secret) + addresses.hashCode();
    }
}
