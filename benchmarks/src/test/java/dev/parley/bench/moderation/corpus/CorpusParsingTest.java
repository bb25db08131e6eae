package dev.parley.bench.moderation.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The corpus's parsing pieces on made-up input, so they are checked where the data is absent too. */
class CorpusParsingTest {

    @Test
    void cutKeepsShortTextsAndCutsLongOnesAtAWordBoundary() {
        assertThat(TextLimit.cut("short text", 20)).isEqualTo("short text");
        assertThat(TextLimit.cut("one two three four", 10)).isEqualTo("one two");
        assertThat(TextLimit.cut("abcdefghijkl", 5)).isEqualTo("abcde");
    }

    @Test
    void pythonListOfStringsWithEitherQuoteEscapesAndACutEnd() {
        assertThat(PythonStringList.parse("['first post', \"it's two\", 'a \\'quoted\\' word\\nnext']"))
                .containsExactly("first post", "it's two", "a 'quoted' word\nnext");
        assertThat(PythonStringList.parse("['whole', 'cut in the mid")).containsExactly("whole", "cut in the mid");
    }

    @Test
    void spansGiveTheFlaggedCharactersRunByRun() {
        assertThat(ToxicSpansSet.spannedText("you are a fool and a clown", "[10, 11, 12, 13, 21, 22, 23, 24, 25]"))
                .isEqualTo(" fool clown");
        assertThat(ToxicSpansSet.spannedText("nothing", "[]")).isEmpty();
    }

    @Test
    void labelsBringTheirParentsAndNormalisedTextIgnoresCaseAndSpacing() {
        LabelledText text = new LabelledText("test", "en", Kind.POST, "Some  Text\n here",
                Set.of(Category.SEXUAL_MINORS, Category.HARASSMENT_THREATENING), false);
        assertThat(text.labels()).containsExactlyInAnyOrder(Category.SEXUAL_MINORS, Category.SEXUAL,
                Category.HARASSMENT_THREATENING, Category.HARASSMENT);
        assertThat(text.normalisedText()).isEqualTo("some text here");
    }
}
