package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangesTest {
    @Test
    void directoriesAndTreesInsideATreeAreCoveredByIt() {
        Changes changes = new Changes(Set.of("a", "a/b", "ab", "c"), Set.of("a", "a/b/c", "ab/x"));

        assertThat(changes.trees()).containsExactlyInAnyOrder("a", "ab/x");
        assertThat(changes.directories()).containsExactlyInAnyOrder("ab", "c");
        assertThat(changes.isWhole()).isFalse();
    }

    @Test
    void theRootTreeIsTheWholeShareAndCoversEverything() {
        Changes changes = new Changes(Set.of("", "a"), Set.of("", "b"));

        assertThat(changes).isEqualTo(Changes.whole());
        assertThat(changes.isWhole()).isTrue();
    }

    @Test
    void theRootDirectoryAloneIsNotTheWholeShare() {
        Changes changes = new Changes(Set.of(""), Set.of("a"));

        assertThat(changes.directories()).containsExactly("");
        assertThat(changes.isWhole()).isFalse();
    }

    @Test
    void tooManyDirectoriesBecomeTheWholeShare() {
        Set<String> many = new HashSet<>();
        for (int i = 0; i <= Changes.MAX_DIRECTORIES; i++) {
            many.add("d" + i);
        }

        assertThat(new Changes(many, Set.of())).isEqualTo(Changes.whole());
        assertThat(new Changes(Set.of("d0"), Set.of()).and(new Changes(Set.of("d1"), Set.of("t"))))
                .isEqualTo(new Changes(Set.of("d0", "d1"), Set.of("t")));
    }
}
