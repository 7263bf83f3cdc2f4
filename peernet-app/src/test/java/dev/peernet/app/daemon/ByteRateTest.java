package dev.peernet.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRateTest {
    @ParameterizedTest
    @CsvSource({
        "1000000, 1000000",
        "50MB/s, 50000000",
        "50M, 50000000",
        "2.5MiB/s, 2621440",
        "800k, 800000",
        "1GiB, 1073741824",
        "10Mbps, 10000000",
        "0, 0",
        "none, 0",
        "off, 0"
    })
    void ratesAreReadInDecimalAndBinaryUnits(String text, long bytesPerSecond) {
        assertThat(ByteRate.parse(text)).isEqualTo(bytesPerSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-5MB/s", "5 XB/s", "1e9"})
    void anythingElseIsRefusedWithTheFormsThatWork(String text) {
        assertThatThrownBy(() -> ByteRate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50MB/s");
    }
}
