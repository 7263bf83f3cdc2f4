package dev.peernet.discovery;

import static dev.peernet.discovery.DnsCodecTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryConfigTest {
    @Test
    void aShorterTtlReannouncesAtAThirdOfIt() {
        var config = DiscoveryConfig.onInterfaces(List.of("eth0")).withTtl(Duration.ofSeconds(3));

        assertThat(config.refreshInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.interfaces()).containsExactly("eth0");
    }

    @Test
    void aTtlIsWholeSeconds() {
        assertThatThrownBy(() -> DiscoveryConfig.defaults().withTtl(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number of seconds");
    }

    @Test
    void aNodeNameMustFitOneDnsLabel() {
        assertThatThrownBy(() -> new Announcement("é".repeat(32), key(1), "", 1, 7707))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 64");
    }

    @Test
    void aPortOfZeroCannotBeAnnounced() {
        assertThatThrownBy(() -> new Announcement("a", key(1), "", 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 0");
    }
}
