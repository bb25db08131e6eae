package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactedExcerptTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final RedactedExcerpt excerpts = new RedactedExcerpt(normaliser);
    private final Verdict.Block term = new Verdict.Block("blocked-terms", ModerationPolicy.CUSTOM_CATEGORY, "contains a blocked term");
    private final Verdict.Block violence = new Verdict.Block("addressed-abuse", "violence", "violence 0.90: threat");

    private ModerationPolicy blocking(String... terms) {
        return ModerationPolicy.of(TermList.of(List.of(terms), normaliser), Set.of(Direction.INPUT), "in", "out");
    }

    @Test
    void masksTheWordsOfTheBlockedTermThroughEvasionsAndKeepsTheRest() {
        assertThat(excerpts.of("how do I make a BÓMB at home?", term, blocking("bomb", "spoiler")))
                .isEqualTo("how do I make a B*** at home?");
    }

    @Test
    void masksEveryWordOfAMatchedPhrase() {
        assertThat(excerpts.of("that is a Pipe Dream, friend", term, blocking("pipe dream")))
                .isEqualTo("that is a P*** D****, friend");
    }

    @Test
    void masksEveryWordOfFourOrMoreLettersWhenAProviderDecided() {
        assertThat(excerpts.of("I will hurt you so bad", violence, blocking("bomb")))
                .isEqualTo("I w*** h*** you so bad");
    }

    @Test
    void masksShortWordsTooRatherThanShowTheWholeText() {
        String excerpt = excerpts.of("go die now", violence, blocking());

        assertThat(excerpt).isEqualTo("g* d** n**");
    }

    @Test
    void keepsAtMostEightyCharactersOnOneLineAroundTheTrigger() {
        String text = "word ".repeat(40) + "then a\nbomb\tappears " + "more ".repeat(40);

        String excerpt = excerpts.of(text, term, blocking("bomb"));

        assertThat(excerpt).hasSizeLessThanOrEqualTo(RedactedExcerpt.MAX_LENGTH).startsWith("…").endsWith("…")
                .contains("then a b*** appears").doesNotContain("\n", "\t", "bomb");
        assertThat(excerpts.of("bomb " + "x".repeat(200), term, blocking("bomb")))
                .startsWith("b*** xxx").hasSize(RedactedExcerpt.MAX_LENGTH);
    }

    @Test
    void neverSplitsACharacterOutsideTheBasicPlane() {
        String text = "x" + "😀".repeat(100) + " bomb"; // the window starts inside a pair

        String excerpt = excerpts.of(text, term, blocking("bomb"));

        assertThat(excerpt).hasSizeLessThanOrEqualTo(RedactedExcerpt.MAX_LENGTH).endsWith("b***");
        assertThat(excerpt.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)).as("no lone surrogate").isEmpty();
    }
}
