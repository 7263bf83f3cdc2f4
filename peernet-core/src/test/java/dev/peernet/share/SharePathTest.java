package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SharePathTest {
    static Stream<Arguments> refusedPaths() {
        String longName = "n".repeat(256);
        String longPath = ("d".repeat(200) + "/").repeat(20) + "x".repeat(97);
        return Stream.of(
                Arguments.of("/etc/passwd", "The path '/etc/passwd' is absolute; paths in a share are relative to it."),
                Arguments.of("..", "The path '..' has a '..' name, which would leave its place in the share."),
                Arguments.of(
                        "a/../../secret",
                        "The path 'a/../../secret' has a '..' name, which would leave its place in the share."),
                Arguments.of("a/./b", "The path 'a/./b' has a '.' name, which would leave its place in the share."),
                Arguments.of("a//b", "The path 'a//b' has an empty name (two '/' in a row, or one at the end)."),
                Arguments.of("a/", "The path 'a/' has an empty name (two '/' in a row, or one at the end)."),
                Arguments.of("..\\secret", "The path '..\\secret' holds '\\', which some systems read as a separator."),
                Arguments.of("a\u0000b", "The path 'a\\u0000b' holds a control character (U+0000)."),
                Arguments.of("a\nb", "The path 'a\\u000Ab' holds a control character (U+000A)."),
                Arguments.of("a\u007Fb", "The path 'a\\u007Fb' holds a control character (U+007F)."),
                Arguments.of("a\u0085b", "The path 'a\\u0085b' holds a control character (U+0085)."),
                Arguments.of(
                        "\uFF0E\uFF0E/secret",
                        "The path '\uFF0E\uFF0E/secret' has a name that reads as '..' once Unicode-normalized (NFKC)."),
                Arguments.of(
                        "\u2024\u2024",
                        "The path '\u2024\u2024' has a name that reads as '..' once Unicode-normalized (NFKC)."),
                Arguments.of(
                        "a\uFF0Fb",
                        "The path 'a\uFF0Fb' has a name that reads as 'a/b' once Unicode-normalized (NFKC)."),
                Arguments.of(
                        "a\uFF3Cb",
                        "The path 'a\uFF3Cb' has a name that reads as 'a\\b' once Unicode-normalized (NFKC)."),
                Arguments.of("..\u2215secret", "The path '..\u2215secret' holds U+2215, which looks like a separator."),
                Arguments.of("a\u2044b", "The path 'a\u2044b' holds U+2044, which looks like a separator."),
                Arguments.of(
                        ". .",
                        "The path '. .' has a name of only dots and spaces, which Windows would read as '.' or '..'."),
                Arguments.of(
                        "a/...",
                        "The path 'a/...' has a name of only dots and spaces, which Windows would read as '.' or '..'."),
                Arguments.of("a\uD800b", "The path 'a\uD800b' is not valid Unicode (a lone surrogate)."),
                Arguments.of(
                        "d/" + longName,
                        "The path 'd/" + longName.substring(0, 98) + "…' has a name longer than 255 bytes."),
                Arguments.of(longPath, "The path '" + longPath.substring(0, 100) + "…' is longer than 4096 bytes."));
    }

    @ParameterizedTest
    @MethodSource("refusedPaths")
    void aPathThatCouldLeaveItsShareIsRefusedWithItsReason(String path, String sentence) {
        assertThat(SharePath.problem(path)).contains(sentence);
        assertThatThrownBy(() -> SharePath.require(path)).hasMessage(sentence);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "song.mp3",
                "Music/Album/01 Intro.flac",
                "%2e%2e/%2e%2e/etc", // percent escapes are names, not decoded
                "..hidden",
                "a..b",
                ".profile",
                "file.",
                "½ price.pdf", // NFKC makes "1⁄2": U+2044 counts only in the name as sent
                "Ünïcödé/日本語/😀.txt",
                "C:evil" // ':' is a name character on the systems we write to
            })
    void ordinaryNamesAreAccepted(String path) {
        assertThat(SharePath.problem(path)).isEmpty();
    }

    @Test
    void theEmptyPathIsTheRootOfAShareButNamesNoFile() {
        assertThat(SharePath.problem("")).isEmpty();
        assertThat(SharePath.names("")).isEmpty();
        assertThat(SharePath.fileProblem("")).contains("An empty path names the share itself, not a file in it.");
    }

    @Test
    void limitsCountUtf8BytesNotCharacters() {
        String name255 = "é".repeat(127) + "x"; // 127 × 2 + 1 bytes
        String name257 = "é".repeat(128) + "x";

        assertThat(SharePath.problem(name255)).isEmpty();
        assertThat(SharePath.problem(name257))
                .hasValueSatisfying(s -> assertThat(s).endsWith("longer than 255 bytes."));
        String path4096 = ("d".repeat(254) + "/").repeat(16) + "x".repeat(16);
        assertThat(path4096.length()).isEqualTo(4096);
        assertThat(SharePath.problem(path4096)).isEmpty();
        assertThat(SharePath.problem(path4096 + "y"))
                .hasValueSatisfying(s -> assertThat(s).endsWith("4096 bytes."));
    }

    @Test
    void namesAreSplitOnSlashesAndJoinedBelowADirectory() {
        assertThat(SharePath.names("a/b/c.txt")).containsExactly("a", "b", "c.txt");
        assertThat(SharePath.join("", "c.txt")).isEqualTo("c.txt");
        assertThat(SharePath.join("a/b", "c.txt")).isEqualTo("a/b/c.txt");
    }
}
