package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #15: an admin's blocked term of short words ("/moderation terms add b c") blocks the term
 * spaced, unspaced and through the usual evasions, while the normaliser still joins single letters
 * written apart to catch "b o m b"; and a term never matches inside other words.
 */
class BlockedTermsTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);

    private boolean blocked(String term, String text) {
        ModerationPolicy policy = ModerationPolicy.of(TermList.of(List.of(term), normaliser), Set.of(Direction.INPUT),
                "in", "out");
        return moderator.moderate(text, Direction.INPUT, policy).blocked();
    }

    @ParameterizedTest(name = "{0} blocks \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            b c       | x b c y
            b c       | b c
            b c       | say b c now
            b c       | x bc y
            b c       | B. C.
            b c       | x b-c y
            b c       | x b\u200Bc y
            b c       | x b \u0441 y
            b c       | a b c d e f
            a b c     | x a b c y
            a b c     | abc
            a b c     | a.b.c
            u r dumb  | x u r dumb
            u r dumb  | well u r dumb
            bomb      | b o m b
            bomb      | b0mb
            pipe bomb | a p i p e bomb
            """)
    void blocksATermOfShortWordsSpacedUnspacedAndEvaded(String term, String text) {
        assertThat(blocked(term, text)).as("%s in %s", term, text).isTrue();
    }

    @ParameterizedTest(name = "{0} lets \"{1}\" pass")
    @CsvSource(delimiter = '|', textBlock = """
            b c       | abc
            b c       | x bcy
            b c       | b cd
            b c       | bb c
            b c       | c b
            a b c     | xabc
            a b c     | a b
            u r dumb  | ur dumbbell
            bomb      | bombastic
            """)
    void doesNotMatchATermInsideOtherWords(String term, String text) {
        assertThat(blocked(term, text)).as("%s in %s", term, text).isFalse();
    }
}
