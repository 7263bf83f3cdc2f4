package dev.peernet.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwimConfigTest {
    private final SwimConfig config = SwimConfig.defaults();

    @Test
    void theSuspicionTimeoutShrinksAsIndependentConfirmationsArrive() {
        long none = config.suspicionTimeoutNanos(200, 0);
        long one = config.suspicionTimeoutNanos(200, 1);
        long all = config.suspicionTimeoutNanos(200, 3);

        assertThat(none).isGreaterThan(one);
        assertThat(one).isGreaterThan(all);
        assertThat((double) none).isCloseTo(all * config.suspicionMaxMultiplier(), within(10.0));
        assertThat(config.suspicionTimeoutNanos(200, 10)).isEqualTo(all);
    }

    @Test
    void theSuspicionTimeoutGrowsWithTheLogOfTheMembership() {
        assertThat(config.suspicionTimeoutNanos(10, 3)).isEqualTo(config.suspicionTimeoutNanos(2, 3));
        assertThat((double) config.suspicionTimeoutNanos(1000, 3))
                .isCloseTo(3.0 * config.suspicionTimeoutNanos(10, 3), within(10.0));
    }

    @Test
    void updatesAreRetransmittedAMultipleOfLogNTimes() {
        assertThat(config.retransmitLimit(9)).isEqualTo(4);
        assertThat(config.retransmitLimit(200)).isEqualTo(12);
    }

    @Test
    void aProbeTimeoutAboveHalfTheIntervalIsRefused() {
        assertThatThrownBy(() -> config.withProbeTimeout(Duration.ofMillis(600)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most half the probeInterval");
    }

    @Test
    void memberStatesHaveATextForm() {
        assertThat(MemberState.SUSPECT.text()).isEqualTo("suspect");
        assertThat(MemberState.parse("Left")).isEqualTo(MemberState.LEFT);
        assertThatThrownBy(() -> MemberState.parse("gone")).hasMessageContaining("'gone' is not a member state");
    }
}
