package dev.peernet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PeerIdTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @Test
    void aPeerIdIsEightDashSeparatedBlocksOfSevenCharacters() {
        String text = NodeIdentity.generate().peerId().toString();

        assertThat(text).matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}");
    }

    @Test
    void theShortFormIsTheFirstBlock() {
        PeerId id = NodeIdentity.generate().peerId();

        assertThat(id.shortForm()).hasSize(7).isEqualTo(id.toString().substring(0, 7));
        assertThat(id.hasPrefix(id.shortForm().toLowerCase(java.util.Locale.ROOT)))
                .isTrue();
    }

    @Test
    void theIdIsTheKeyOfTheIdentity() {
        NodeIdentity identity = NodeIdentity.generate();

        assertThat(PeerId.of(identity.certificate().getPublicKey())).isEqualTo(identity.peerId());
        assertThat(identity.peerId().keyBytes()).hasSize(32);
    }

    @Property
    void everyKeyRoundTripsThroughItsTextForm(@ForAll @Size(32) byte[] key) {
        PeerId id = PeerId.ofKeyBytes(key);

        assertThat(PeerId.parse(id.toString())).isEqualTo(id);
        assertThat(PeerId.parse(id.toString().toLowerCase(java.util.Locale.ROOT).replace("-", " ")))
                .isEqualTo(id);
    }

    @Property
    void anySingleMistypedCharacterIsCaught(@ForAll @Size(32) byte[] key, @ForAll("positions") int position) {
        String text = PeerId.normalize(PeerId.ofKeyBytes(key).toString());
        char original = text.charAt(position);
        char typo = ALPHABET.charAt((ALPHABET.indexOf(original) + 1 + position % 31) % 32);

        String mistyped = text.substring(0, position) + typo + text.substring(position + 1);

        assertThatThrownBy(() -> PeerId.parse(mistyped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mistyped");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> positions() {
        return net.jqwik.api.Arbitraries.integers().between(0, 55);
    }

    @Test
    void swappedNeighboursAreCaughtInAlmostEveryCase() {
        Random random = new Random(42);
        int caught = 0;
        int tried = 0;
        for (int i = 0; i < 500; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            String text = PeerId.normalize(PeerId.ofKeyBytes(key).toString());
            int p = random.nextInt(55);
            if (text.charAt(p) == text.charAt(p + 1)) {
                continue;
            }
            tried++;
            String swapped = text.substring(0, p) + text.charAt(p + 1) + text.charAt(p) + text.substring(p + 2);
            try {
                PeerId.parse(swapped);
            } catch (IllegalArgumentException e) {
                caught++;
            }
        }
        assertThat((double) caught / tried).isGreaterThan(0.9);
    }

    @Test
    void wrongLengthAndForeignCharactersAreRefusedWithAReason() {
        assertThatThrownBy(() -> PeerId.parse("ABCDEFG"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("56 characters");
        String id = NodeIdentity.generate().peerId().toString();
        assertThatThrownBy(() -> PeerId.parse("1" + id.substring(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1' is not a peer ID character");
    }
}
