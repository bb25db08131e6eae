package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    private final TextNormaliser normaliser = new TextNormaliser();

    @Test
    void foldsFullWidthLettersToPlainOnes() {
        assertThat(normaliser.normalise("ｂｏｍｂ")).isEqualTo(" bomb ");
    }

    @Test
    void foldsStyledMathematicalLettersToPlainOnes() {
        // U+1D41B.. MATHEMATICAL BOLD SMALL B, O, M, B: supplementary code points
        assertThat(normaliser.normalise("\uD835\uDC1B\uD835\uDC28\uD835\uDC26\uD835\uDC1B")).isEqualTo(" bomb ");
    }

    @Test
    void lowerCasesEverything() {
        assertThat(normaliser.normalise("BoMB")).isEqualTo(" bomb ");
    }

    @Test
    void removesAccentsWhetherPrecomposedOrCombining() {
        assertThat(normaliser.normalise("bómb")).isEqualTo(" bomb ");
        assertThat(normaliser.normalise("bo\u0301mb")).isEqualTo(" bomb ");
        assertThat(normaliser.normalise("B\u0336O\u0336M\u0336B\u0336")).isEqualTo(" bomb "); // strikethrough overlay
        assertThat(normaliser.normalise("ação")).isEqualTo(" acao ");
    }

    @Test
    void dropsZeroWidthCharactersInsideWords() {
        assertThat(normaliser.normalise("bo\u200Bm\u200Db\u2060")).isEqualTo(" bomb ");
        assertThat(normaliser.normalise("b\u00ADomb")).isEqualTo(" bomb "); // soft hyphen
    }

    @Test
    void dropsBidiControlCharacters() {
        assertThat(normaliser.normalise("\u202Ebomb\u202C")).isEqualTo(" bomb ");
        assertThat(normaliser.normalise("bo\u2066mb\u2069")).isEqualTo(" bomb ");
    }

    @Test
    void collapsesEveryRunOfPunctuationAndSpaceIntoOneSpace() {
        assertThat(normaliser.normalise("how...to!!  make\t\n--a   bomb?!")).isEqualTo(" how to make a bomb ");
    }

    @Test
    void padsTheResultWithOneSpaceAtEachEnd() {
        assertThat(normaliser.normalise("word")).isEqualTo(" word ");
        assertThat(normaliser.normalise("  ...word...  ")).isEqualTo(" word ");
    }

    @Test
    void keepsDigitsAsPartOfWords() {
        assertThat(normaliser.normalise("b0mb 42")).isEqualTo(" b0mb 42 ");
    }

    @Test
    void turnsTextWithoutLettersIntoASingleSpace() {
        assertThat(normaliser.normalise("")).isEqualTo(" ");
        assertThat(normaliser.normalise("?!... \u200B")).isEqualTo(" ");
    }

    @Test
    void saysWhichCharactersItTurnsIntoSpacesBetweenWords() {
        assertThat(" .,!?-\t\n\u00B4".codePoints().allMatch(normaliser::separatesWords)).isTrue();
        assertThat(normaliser.separatesWords(0x1F600)).as("emoji").isTrue();
        assertThat(normaliser.separatesWords('a')).isFalse();
        assertThat(normaliser.separatesWords('7')).isFalse();
        assertThat(normaliser.separatesWords('\uFF42')).as("full-width b").isFalse();
        assertThat(normaliser.separatesWords('\u24D1')).as("circled b").isFalse();
        assertThat(normaliser.separatesWords('\u0301')).as("combining accent").isFalse();
        assertThat(normaliser.separatesWords('\u200B')).as("zero-width space").isFalse();
        assertThat(normaliser.separatesWords('\u202E')).as("bidi override").isFalse();
    }

    @Test
    void treatsEmojiAsWordSeparators() {
        assertThat(normaliser.normalise("bo\uD83D\uDE00mb")).isEqualTo(" bo mb ");
    }
}
