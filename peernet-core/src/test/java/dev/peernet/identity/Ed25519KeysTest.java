package dev.peernet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void thePublicKeyOfRfc8032sFirstTestVectorIsDerivedFromItsSeed() throws Exception {
        // RFC 8032 7.1, TEST 1.
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

        byte[] raw = Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyFromSeed(seed));

        assertThat(HEX.formatHex(raw)).isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void derivingLeavesTheCallersSeedAsItWas() throws Exception {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] copy = seed.clone();

        Ed25519Keys.publicKeyFromSeed(seed);

        assertThat(seed).isEqualTo(copy);
    }

    @Test
    void aSeedThatIsNot32BytesIsRefused() {
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromSeed(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes, not 31");
    }

    @Test
    void theSeedSourceRefusesASecondRequestAndOneOfAnotherLength() {
        var random = new SeedRandom(new byte[32]);

        assertThatThrownBy(() -> random.nextBytes(new byte[64]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("64 random bytes");
        random.nextBytes(new byte[32]);
        assertThat(random.consumed()).isTrue();
        assertThatThrownBy(() -> random.nextBytes(new byte[32]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a second time");
    }
}
