package dev.parley.core.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageCuesTest {

    private final LanguageCues cues = new LanguageCues();

    @Test
    void englishSentencesReadAsEnglish() {
        assertThat(cues.readsAsEnglish("i think all of them should just leave")).isTrue();
        assertThat(cues.readsAsEnglish("you are the worst")).isTrue();
    }

    @Test
    void portugueseSentencesDoNot() {
        assertThat(cues.readsAsEnglish("voce nao sabe nada")).isFalse();
        assertThat(cues.readsAsEnglish("que dia lindo pra ir na praia")).isFalse();
    }

    @Test
    void wordsBothLanguagesWriteAlikeCountForNeither_soATextOfOnlySuchWordsIsNotCalledEnglish() {
        assertThat(cues.readsAsEnglish("a e o me no")).isFalse();
        assertThat(cues.readsAsEnglish("")).isFalse();
    }

    @Test
    void aMixedTextGoesWithTheLanguageOfMostOfItsFunctionWords() {
        assertThat(cues.readsAsEnglish("eu acho que the game is over")).isFalse();
        assertThat(cues.readsAsEnglish("the game is over and that was it cara")).isTrue();
    }

    @Test
    void readsAsPortuguese_onlyWhenPortugueseFunctionWordsLead_soATextOfNeitherReadsAsNeither() {
        assertThat(cues.readsAsPortuguese("voce nao sabe nada")).isTrue();
        assertThat(cues.readsAsPortuguese("eu acho que o jogo is over")).isTrue();
        assertThat(cues.readsAsPortuguese("you are the worst")).isFalse();
        assertThat(cues.readsAsPortuguese("kill yourself")).isFalse();
        assertThat(cues.readsAsEnglish("kill yourself")).isFalse();
        assertThat(cues.readsAsPortuguese("a e o me no")).isFalse();
        assertThat(cues.readsAsPortuguese("")).isFalse();
    }
}
