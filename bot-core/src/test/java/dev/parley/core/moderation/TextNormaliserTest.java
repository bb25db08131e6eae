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
    void readsLeetspeakInsideWordsButKeepsNumbers() {
        assertThat(normaliser.normalise("b0mb 42")).isEqualTo(" bomb 42 ");
        assertThat(normaliser.normalise("h0w t0 m4k3 4 b0mb")).isEqualTo(" how to make 4 bomb ");
        assertThat(normaliser.normalise("k1ll 7h3m")).isEqualTo(" kill them ");
        assertThat(normaliser.normalise("covid 2020")).isEqualTo(" covid 2020 ");
    }

    @Test
    void readsDollarAndAtSignsInsideWordsAsLetters() {
        assertThat(normaliser.normalise("$hit f@ck a$$")).isEqualTo(" shit fack ass ");
        assertThat(normaliser.normalise("pay $5 @ noon")).isEqualTo(" pay 5 noon ");
    }

    @Test
    void readsCyrillicLookAlikesAsLatinLetters() {
        // Cyrillic о (U+043E) and а (U+0430) inside Latin words
        assertThat(normaliser.normalise("b\u043Emb \u0430ss")).isEqualTo(" bomb ass ");
        assertThat(normaliser.normalise("\u0421\u0410\u0422")).as("upper-case Cyrillic folds first").isEqualTo(" cat ");
    }

    @Test
    void readsGreekLookAlikesAsLatinLetters() {
        assertThat(normaliser.normalise("b\u03BFmb \u039A\u0399LL")).isEqualTo(" bomb kill ");
    }

    @Test
    void readsSmallCapitalsAsLatinLetters() {
        assertThat(normaliser.normalise("\u0299\u1D0F\u1D0D\u0299")).isEqualTo(" bomb ");
    }

    @Test
    void readsCircledAndStyledLettersAsPlainOnes() {
        assertThat(normaliser.normalise("\u24D1\u24DE\u24DC\u24D1")).isEqualTo(" bomb ");
    }

    @Test
    void cutsRunsOfARepeatedLetterToTwo() {
        assertThat(normaliser.normalise("fuuuuuck boooomb")).isEqualTo(" fuuck boomb ");
        assertThat(normaliser.normalise("kill good")).as("doubles stay").isEqualTo(" kill good ");
        assertThat(normaliser.normalise("1000000")).as("digits are not letters").isEqualTo(" 1000000 ");
    }

    @Test
    void joinsWordsSpelledOutLetterByLetter() {
        assertThat(normaliser.normalise("b o m b a")).isEqualTo(" bomba ");
        assertThat(normaliser.normalise("b.o.m.b")).isEqualTo(" bomb ");
        assertThat(normaliser.normalise("b-o-m-b!")).isEqualTo(" bomb ");
        assertThat(normaliser.normalise("k i l l them")).isEqualTo(" kill them ");
    }

    @Test
    void keepsTheWordsOfASentenceSpelledWithDotsApart() {
        // a space parts words whose letters are parted by dots or hyphens: the sentence stays readable
        assertThat(normaliser.normalise("h.o.w m.u.c.h b.l.e.a.c.h d.o i d.r.i.n.k t.o d.i.e"))
                .isEqualTo(" how much bleach do i drink to die ");
        assertThat(normaliser.normalise("c.h.l.o.r.i.n.e g.a.s f.o.r a c.l.o.s.e.d r.o.o.m"))
                .isEqualTo(" chlorine gas for a closed room ");
        assertThat(normaliser.normalise("b-o-m-b m-a-k-i-n-g")).isEqualTo(" bomb making ");
        assertThat(normaliser.normalise("á.c.i.d.o n.a c.a.r.a")).isEqualTo(" acido na cara ");
        assertThat(normaliser.normalise("b. o. m. b. now")).isEqualTo(" bomb now ");
    }

    @Test
    void keepsALeadingArticleApartFromALongSpelledOutWord() {
        assertThat(normaliser.normalise("make a b o m b now")).isEqualTo(" make a bomb now ");
        assertThat(normaliser.normalise("uma b o m b a")).isEqualTo(" uma bomba ");
    }

    @Test
    void leavesOneOrTwoSingleLettersAsWords() {
        assertThat(normaliser.normalise("e o que")).isEqualTo(" e o que ");
        assertThat(normaliser.normalise("I am a cat")).isEqualTo(" i am a cat ");
    }

    @Test
    void keepsDoubleQuotationMarksAsWordsOfTheirOwn() {
        assertThat(normaliser.normalise("he said \"women are scum\"!")).isEqualTo(" he said \" women are scum \" ");
        assertThat(normaliser.normalise("\u201Cbomb\u201D \u00ABx\u00BB")).isEqualTo(" \" bomb \" \" x \" ");
        assertThat(normaliser.normalise("don't")).as("apostrophes are no quotes").isEqualTo(" don t ");
    }

    @Test
    void undoesSeveralTricksAtOnce() {
        assertThat(normaliser.normalise("H\u200BO\u202EW T\u00D3 M\u0430K\u0415 \uFF41 b 0 m b")).isEqualTo(" how to make a bomb ");
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
    void readsTextWhoseFoldedFormIsLongerThanItself() {
        assertThat(normaliser.normalise("\uFB03x \uFB04 \u33A7 then a long plain tail of ascii words"))
                .as("ligatures and a unit sign fold into several letters").isEqualTo(" ffix ffl m s then a long plain tail of ascii words ");
    }

    @Test
    void keepsOneOrTwoMaskedLettersInsideAWordButNotEmphasisOrArithmetic() {
        assertThat(normaliser.normalise("F*ggot f**k")).isEqualTo(" f*ggot f**k ");
        assertThat(normaliser.normalise("*so* happy")).isEqualTo(" so happy ");
        assertThat(normaliser.normalise("2*3")).isEqualTo(" 2 3 ");
        assertThat(normaliser.normalise("f***k")).as("three masks").isEqualTo(" f k ");
    }

    @Test
    void treatsEmojiAsWordSeparators() {
        assertThat(normaliser.normalise("bo\uD83D\uDE00mb")).isEqualTo(" bo mb ");
    }
}
