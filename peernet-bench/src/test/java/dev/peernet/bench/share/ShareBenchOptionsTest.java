package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShareBenchOptionsTest {
    private static ShareBenchOptions parse(String... args) {
        return ShareBenchOptions.parse(List.of(args), Path.of("/w"), Path.of("/r"), Path.of("/p"));
    }

    @Test
    void theDefaultsAreTheIssuesFigures() {
        ShareBenchOptions o = parse();

        assertThat(o.bigSize()).isEqualTo(2L << 30);
        assertThat(o.smallCount()).isEqualTo(5000);
        assertThat(o.smallSize()).isEqualTo(64 << 10);
        assertThat(o.sources()).containsExactly(1, 2, 4);
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.warmup()).isEqualTo(1);
        assertThat(o.cases()).isEqualTo(Set.of(1, 2, 3));
        assertThat(o.systems()).isEqualTo(Set.of("peernet", "nc", "syncthing"));
        assertThat(o.rateBytesPerSecond()).isEqualTo(50_000_000);
    }

    @Test
    void quickSetsSmallerSizesWhichLaterOptionsStillOverride() {
        ShareBenchOptions o = parse("--runs", "2", "--quick", "--files", "300");

        assertThat(o.bigSize()).isEqualTo(256L << 20);
        assertThat(o.multiSize()).isEqualTo(128L << 20);
        assertThat(o.warmup()).isZero();
        assertThat(o.runs()).isEqualTo(2);
        assertThat(o.smallCount()).isEqualTo(300);
    }

    @Test
    void listsAreSortedWithoutRepeatsAndSettleTakesSecondsOrMilliseconds() {
        ShareBenchOptions o = parse("--sources", "4,1,4", "--systems", "nc, syncthing", "--settle", "250ms");

        assertThat(o.sources()).containsExactly(1, 4);
        assertThat(o.systems()).isEqualTo(Set.of("nc", "syncthing"));
        assertThat(o.runs("peernet")).isFalse();
        assertThat(o.settle()).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @CsvSource({
        "50MB/s, 50000000",
        "64MiB/s, 67108864",
        "1048576, 1048576",
        "2gb/S, 2000000000",
    })
    void aRateIsBytesPerSecondInDecimalOrBinaryUnits(String rate, long bytes) {
        assertThat(ShareBenchOptions.rateBytes(rate)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--runs|0|--runs takes a whole number of at least 1, not '0'",
                "--files|many|--files takes a whole number of at least 1, not 'many'",
                "--sources|1,8|--sources takes numbers from 1 to 4, not 8",
                "--cases|4|--cases takes numbers from 1 to 3, not 4",
                "--systems|nc,rsync|--systems takes peernet, nc and syncthing, not 'rsync'",
                "--settle|soon|--settle takes a duration such as 10s or 500ms, not 'soon'",
                "--rate|fast|--rate takes a rate such as 50MB/s, 64MiB/s or a number of bytes per second, not 'fast'",
                "--rate|0|--rate must be above 0, not '0'",
                "--size|0|--size must be above 0 bytes",
            })
    void aWrongValueIsRefusedInOneSentenceNamingTheOption(String option, String value, String message) {
        assertThatThrownBy(() -> parse(option, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefused() {
        assertThatThrownBy(() -> parse("--fast")).hasMessage("unknown option '--fast'");
        assertThatThrownBy(() -> parse("--runs")).hasMessage("--runs needs a value");
    }
}
