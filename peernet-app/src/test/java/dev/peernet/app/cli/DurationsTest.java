package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "1d, PT24H", "0s, PT0S", " 10S , PT10S"})
    void aWholeNumberAndAUnitIsADuration(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "s", "1.5s", "-1s", "10x", "ten seconds", ""})
    void anythingElseIsRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "'" + text + "' is not a duration; write a whole number and a unit, like 500ms, 10s, 2m or 1h");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT45S, 45s", "PT2M5S, 2m 5s", "PT2M, 2m 0s", "PT3H4M5S, 3h 4m", "PT76H, 3d 4h"})
    void humanFormShowsTheTwoLargestUnits(Duration duration, String expected) {
        assertThat(Durations.human(duration)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"PT24H, 1d", "PT36H, 36h", "PT10M, 10m", "PT90S, 90s", "PT0.5S, 500ms", "PT0S, 0ms", "P7D, 7d"})
    void wholeFormUsesTheLargestUnitThatDividesItAsParseReadsIt(Duration duration, String expected) {
        assertThat(Durations.whole(duration)).isEqualTo(expected);
        assertThat(Durations.parse(expected)).isEqualTo(duration);
    }
}
