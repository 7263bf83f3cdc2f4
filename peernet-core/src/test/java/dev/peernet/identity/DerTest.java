package dev.peernet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "1.3.101.112,    06032b6570", // id-Ed25519, RFC 8410
        "2.5.4.3,        0603550403", // id-at-commonName
        "1.2.840.113549, 06062a864886f70d", // rsadsi: arcs of two and three base-128 digits
        "2.999.3,        0603883703", // a first pair above 127 (X.690 8.19.5 example)
    })
    void objectIdentifiersAreEncodedAsX690Says(String dotted, String hex) {
        assertThat(HEX.formatHex(Der.objectIdentifier(dotted))).isEqualTo(hex);
    }

    @ParameterizedTest
    @CsvSource({
        "0,                    020100",
        "127,                  02017f",
        "128,                  02020080", // a leading zero keeps it positive
        "256,                  02020100",
        "18446744073709551616, 0209010000000000000000", // 2^64, the largest serial we make
    })
    void integersAreMinimalTwosComplement(String value, String hex) {
        assertThat(HEX.formatHex(Der.integer(new BigInteger(value)))).isEqualTo(hex);
    }

    @Test
    void lengthsBelow128TakeOneByteAndLongerOnesTheLongForm() {
        assertThat(Der.element(0x04, new byte[127])).startsWith(0x04, 0x7f).hasSize(129);
        assertThat(Der.element(0x04, new byte[128]))
                .startsWith(0x04, 0x81, 0x80)
                .hasSize(131);
        assertThat(Der.element(0x04, new byte[256]))
                .startsWith(0x04, 0x82, 0x01, 0x00)
                .hasSize(260);
    }

    @Test
    void aBitStringOfWholeBytesSaysNoBitsAreUnused() {
        assertThat(HEX.formatHex(Der.bitString(new byte[] {(byte) 0xab, (byte) 0xcd})))
                .isEqualTo("030300abcd");
    }

    @Test
    void anExplicitTagWrapsTheWholeElement() {
        assertThat(HEX.formatHex(Der.explicit(0, Der.integer(2)))).isEqualTo("a003020102");
    }

    @ParameterizedTest
    @CsvSource({
        "1950-01-01T00:00:00Z,     17, 500101000000Z",
        "2026-12-01T09:05:07.999Z, 17, 261201090507Z", // fractions of a second are dropped
        "2049-12-31T23:59:59Z,     17, 491231235959Z",
        "2050-01-01T00:00:00Z,     18, 20500101000000Z",
        "2136-11-28T09:34:40Z,     18, 21361128093440Z",
        "1949-12-31T23:59:59Z,     18, 19491231235959Z", // UTCTime would read 49 as 2049
    })
    void aDateAfter2049GetsGeneralizedTimeAndOneFrom1950To2049UtcTime(String instant, String tag, String text) {
        byte[] der = Der.time(Instant.parse(instant));

        assertThat(HEX.formatHex(der, 0, 1)).isEqualTo(tag);
        assertThat(der[1]).isEqualTo((byte) text.length());
        assertThat(new String(der, 2, der.length - 2, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(text);
    }

    @Test
    void aTimeBeyondYear9999IsRefused() {
        assertThatThrownBy(() -> Der.time(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("four-digit year");
    }

    @Test
    void utf8StringsAreEncodedAsUtf8() {
        assertThat(HEX.formatHex(Der.utf8String("é"))).isEqualTo("0c02c3a9");
    }
}
