package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theLimitIsTheNumberInTheFileAndNoLimitWithoutOne() throws IOException {
        Files.writeString(dir.resolve("limit"), "8192\n");
        Files.writeString(dir.resolve("garbage"), "lots\n");

        assertThat(WatchSettings.inotifyLimit(dir.resolve("limit"))).isEqualTo(8192);
        assertThat(WatchSettings.inotifyLimit(dir.resolve("garbage"))).isEqualTo(Integer.MAX_VALUE);
        assertThat(WatchSettings.inotifyLimit(dir.resolve("missing"))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void linuxsLimitIsReadWholeFromProc() throws IOException {
        assumeTrue(Files.exists(WatchSettings.INOTIFY_LIMIT), "not Linux");
        String text;
        try (InputStream in = Files.newInputStream(WatchSettings.INOTIFY_LIMIT)) {
            text = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
        }

        assertThat(WatchSettings.inotifyLimit(WatchSettings.INOTIFY_LIMIT)).isEqualTo(Integer.parseInt(text));
    }

    @Test
    void aMaximumDelayShorterThanTheQuietIsRefused() {
        assertThatThrownBy(() -> new WatchSettings(
                        Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1), 8, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max delay PT0.01S");
    }
}
