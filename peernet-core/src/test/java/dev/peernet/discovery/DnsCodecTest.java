package dev.peernet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.identity.PeerId;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsCodecTest {
    static final Announcement ALPHA = new Announcement("Alice's laptop.2", key(1), "home", 1, 7707);

    static PeerId key(int first) {
        byte[] k = new byte[32];
        k[0] = (byte) first;
        return PeerId.ofKeyBytes(k);
    }

    static DnsMessage announcement() {
        return ServiceRecords.announcement(
                ALPHA, List.of(InetAddress.ofLiteral("10.231.7.1"), InetAddress.ofLiteral("fe80::1")), 120);
    }

    @Test
    void everyRecordTypeSurvivesARoundTrip() throws DnsFormatException {
        DnsMessage message = new DnsMessage(
                0x1234,
                DnsMessage.RESPONSE_FLAGS,
                List.of(new DnsMessage.Question(DnsName.parse("a.local"), 255, 1, true)),
                announcement().answers(),
                List.of(DnsRecord.in(DnsName.parse("x.local"), false, 5, new DnsRecord.Unknown(47, new byte[] {1, 2}))),
                List.of(DnsRecord.in(DnsName.parse("e.local"), false, 5, new DnsRecord.Txt(List.of()))));

        assertThat(DnsCodec.decode(DnsCodec.encode(message))).isEqualTo(message);
    }

    @Test
    void instanceNamesMayHoldDotsAndSpaces() throws DnsFormatException {
        DnsMessage decoded = DnsCodec.decode(DnsCodec.encode(announcement()));

        assertThat(decoded.answers().get(1).data()).isEqualTo(new DnsRecord.Ptr(ServiceRecords.instanceName(ALPHA)));
        assertThat(ServiceRecords.instanceName(ALPHA).first()).isEqualTo("Alice's laptop.2");
    }

    @Test
    void repeatedNamesAreCompressed() {
        byte[] wire = DnsCodec.encode(announcement());

        // "_peernet" appears in five records but is written once.
        assertThat(new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1).split("_peernet", -1))
                .hasSize(2);
    }

    @Test
    void anEmptyTxtRecordIsWrittenAsOneEmptyString() throws DnsFormatException {
        var empty = DnsMessage.response(
                List.of(DnsRecord.in(DnsName.parse("e.local"), false, 5, new DnsRecord.Txt(List.of()))), List.of());

        byte[] wire = DnsCodec.encode(empty);

        assertThat(wire[wire.length - 1]).isZero();
        assertThat(wire[wire.length - 2]).isEqualTo((byte) 1); // RDLENGTH 1
        assertThat(DnsCodec.decode(wire)).isEqualTo(empty);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header cut short                | 000000             | truncated header at byte 2
            question name runs off the end  | 0000 0000 0001 0000 0000 0000 05616263 | truncated label at byte 12
            pointer to itself               | 0000 0000 0001 0000 0000 0000 c00c 0001 0001 | does not point backwards
            pointer forwards                | 0000 0000 0001 0000 0000 0000 c00e 0001 0001 00 | does not point backwards
            two pointers in a loop          | 0000 0000 0001 0000 0000 0000 0161 c00c 0001 0001 | does not point backwards
            pointer cut in half             | 0000 0000 0001 0000 0000 0000 c0 | truncated compression pointer
            reserved label type             | 0000 0000 0001 0000 0000 0000 4000 0001 0001 | label type 0x40
            record data beyond the end      | 0000 8400 0000 0001 0000 0000 00 0001 0001 00000078 0004 0a00 | truncated record data
            A record of 3 bytes             | 0000 8400 0000 0001 0000 0000 00 0001 0001 00000078 0003 0a0000 | has 4 bytes, not 3
            TXT string overruns its record  | 0000 8400 0000 0001 0000 0000 00 0010 0001 00000078 0002 0561 | overruns its record
            PTR name longer than its record | 0000 8400 0000 0001 0000 0000 00 000c 0001 00000078 0001 016100 | reads as 3
            more records than bytes         | 0000 8400 0000 ffff 0000 0000 00 | cannot fit
            """)
    void malformedMessagesFailWithAClearError(String what, String hex, String error) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));

        assertThatThrownBy(() -> DnsCodec.decode(bytes))
                .as(what)
                .isInstanceOf(DnsFormatException.class)
                .hasMessageContaining(error);
    }

    @Test
    void aNameOfMoreThan255BytesIsRefused() {
        StringBuilder hex = new StringBuilder("000000000001000000000000");
        for (int i = 0; i < 5; i++) {
            hex.append("3f").append("61".repeat(63));
        }
        hex.append("00 0001 0001".replace(" ", ""));

        assertThatThrownBy(() -> DnsCodec.decode(HexFormat.of().parseHex(hex.toString())))
                .isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("longer than 255 bytes");
    }

    @Test
    void everyTruncationOfAValidMessageFailsCleanly() {
        byte[] wire = DnsCodec.encode(announcement());
        for (int length = 0; length < wire.length; length++) {
            int n = length;
            assertThatThrownBy(() -> DnsCodec.decode(java.util.Arrays.copyOf(wire, n)))
                    .as("cut at %d of %d bytes", n, wire.length)
                    .isInstanceOf(DnsFormatException.class);
        }
    }

    @Test
    void randomlyCorruptedMessagesEitherDecodeOrFailCleanly() {
        byte[] wire = DnsCodec.encode(announcement());
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] corrupt = wire.clone();
            for (int flips = random.nextInt(1, 6); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            try {
                DnsCodec.decode(corrupt);
            } catch (DnsFormatException expected) {
                // the only way decoding may fail
            }
        }
    }

    @Test
    void randomBytesEitherDecodeOrFailCleanly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] junk = new byte[random.nextInt(0, 200)];
            random.nextBytes(junk);
            try {
                DnsCodec.decode(junk);
            } catch (DnsFormatException expected) {
                // the only way decoding may fail
            }
        }
    }

    @Test
    void messagesOverTheMdnsMaximumAreRefused() {
        assertThatThrownBy(() -> DnsCodec.decode(new byte[9001]))
                .isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void labelsLongerThan63BytesCannotBeMade() {
        assertThatThrownBy(() -> DnsName.parse("a".repeat(64) + ".local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 63 bytes");
    }
}
