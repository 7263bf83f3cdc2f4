package dev.peernet.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {
    @Test
    void aFragmentGetsACapitalAndAFullStop() {
        assertThat(Sentences.of("port 70000 is out of range 0-65535")).isEqualTo("Port 70000 is out of range 0-65535.");
    }

    @Test
    void aFinishedSentenceIsLeftAlone() {
        assertThat(Sentences.of("Is it up?")).isEqualTo("Is it up?");
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        assertThat(Sentences.of(new IllegalStateException())).isEqualTo("Unexpected IllegalStateException.");
    }
}
