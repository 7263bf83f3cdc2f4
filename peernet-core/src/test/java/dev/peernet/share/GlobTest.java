package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource({
        "'',               anything/at/all.txt, true",
        "song,             music/My Song.mp3,   true",
        "SONG,             music/my song.mp3,   true",
        "song,             music/sonG.mp3,      true",
        "song,             music/son.mp3,       false",
        "*.mp3,            music/a/b.MP3,       true",
        "*.mp3,            music/a/b.mp3.part,  false",
        "music/*,          music/a/b.mp3,       true",
        "?.txt,            a.txt,               true",
        "?.txt,            ab.txt,              false",
        "*a*b*c*,          xxaxxbxxcxx,         true",
        "*a*b*c*,          xxaxxcxxbxx,         false",
        "*.txt,            .txt,                true",
        "Ünï*,             ünïcode.txt,         true",
        "?.txt,            😀.txt,              true",
        "file-09999*,      d/file-099990.txt,   true",
        "?.txt,            docs/a.txt,          true",
        "?.txt,            docs/ab.txt,         false",
        "d/file-9*,        e/d/file-90.txt,     false",
        "*/file-9*,        e/d/file-90.txt,     true"
    })
    void patternsAreCaseInsensitiveGlobsOnThePathOrTheNameOrSubstrings(String pattern, String path, boolean matches) {
        assertThat(Glob.of(pattern).matches(path)).isEqualTo(matches);
    }

    @Test
    void aHostilePatternTakesPatternTimesPathStepsNotExponentialTime() {
        String path = "a".repeat(4000) + "b";
        String pattern = "*a".repeat(120) + "*c";
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(Glob.of(pattern).matches(path)).isFalse();
        }
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
