package dev.peernet.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invite codes are short, survive retyping, and catch typos before any network traffic. */
class InviteCodeTest {
    private static final byte[] SECRET = {1, 2, 3, 4, 5, 6, 7, 8};
    private final InviteCode code = new InviteCode(SECRET, List.of(new InetSocketAddress("192.168.1.20", 7707)));

    @Test
    void aCodeWithOneIpv4AddressIs27CharactersInGroupsOfFour() {
        String text = code.toString();

        assertThat(text.replace("-", "")).hasSize(27);
        assertThat(text).matches("([A-Z2-7]{4}-){6}[A-Z2-7]{3}");
    }

    @Test
    void aCodeParsesBackWhateverTheCaseSpacesAndDashes() {
        String typed = code.toString().toLowerCase(java.util.Locale.ROOT).replace("-", " ");

        InviteCode parsed = InviteCode.parse(typed);
        assertThat(parsed).isEqualTo(code);
        assertThat(parsed.addresses()).containsExactly(new InetSocketAddress("192.168.1.20", 7707));
    }

    @Test
    void ipv6AndSeveralAddressesRoundTrip() {
        var several = new InviteCode(
                SECRET, List.of(new InetSocketAddress("10.0.0.1", 1), new InetSocketAddress("fe80::1", 65535)));

        assertThat(InviteCode.parse(several.toString())).isEqualTo(several);
    }

    @Test
    void everySingleCharacterTypoIsCaught() {
        String text = code.toString().replace("-", "");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < text.length(); i++) {
            for (int a = 0; a < alphabet.length(); a++) {
                char c = alphabet.charAt(a);
                if (c == text.charAt(i)) {
                    continue;
                }
                String typo = text.substring(0, i) + c + text.substring(i + 1);
                assertThatThrownBy(() -> InviteCode.parse(typo))
                        .as("typo at %d", i)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("typo");
            }
        }
    }

    @Test
    void textThatIsNoCodeGetsASentence() {
        assertThatThrownBy(() -> InviteCode.parse("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'hello' is too short to be an invite code.");
        assertThatThrownBy(() -> InviteCode.parse("0000-0000-0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an invite code");
    }
}
