package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #15: the local tier sees through each evasion trick in slurs, insults and hate, in English
 * and Portuguese: leetspeak, letters spaced or dotted out, stretched letters, look-alike letters of
 * other scripts, invisible characters inside a word, and masked letters.
 */
class EvasionTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private final Moderator moderator =
            new Moderator(NORMALISER, List.of(LocalModerationProvider.standard(NORMALISER)), 0);
    private final ModerationPolicy defaults =
            ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            leet       | you are a f4gg0t
            leet       | you are a f@ggot
            leet       | g4ys 4re d1sgust1ng
            leet       | you are an 1d10t
            leet       | voc\u00EA \u00E9 um 1d10t4
            spacing    | you are a f a g g o t
            spacing    | g a y s are disgusting
            spacing    | you are an i d i o t
            spacing    | voc\u00EA \u00E9 um i.d.i.o.t.a
            stretched  | you are a faaaaggot
            stretched  | gaaays are disguuusting
            stretched  | you are an idiooooot
            stretched  | voc\u00EA \u00E9 um idiotaaaa
            homoglyph  | you are a f\u0430ggot
            homoglyph  | you are a f\u0430gg\u043Et
            homoglyph  | gays \u0430re disgusting
            homoglyph  | voc\u00EA \u00E9 um \u0456diota
            zero-width | you are a fag\u200Bgot
            zero-width | you are an id\u200Diot
            zero-width | gays are dis\u00ADgusting
            zero-width | voc\u00EA \u00E9 um idi\u200Bota
            masked     | you are a f*ggot
            """)
    void evaluate_evadedAbuse_isStillFlagged(String trick, String text) {
        assertThat(moderator.evaluate(text, Direction.INPUT, defaults).flaggedCategories()).as("%s: %s", trick, text)
                .containsAnyOf(Category.HATE, Category.HARASSMENT);
    }
}
