package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second pass over the local tier's rules and lexicons: more ways hate and insults are phrased
 * (singular groups, contempt, dehumanising words, insults said of a group, denied worth, threats
 * with wishes and calls to act, pointed Portuguese insults) and the near misses that must still
 * pass (negation, counter-speech, reclaimed slurs, homonyms, exclamations). Sentences written for
 * this test.
 */
class HatePhrasingTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final LocalModerationProvider LOCAL = LocalModerationProvider.standard(NORMALISER);

    private final Moderator moderator = new Moderator(NORMALISER, List.of(LOCAL), 0);
    private final ModerationPolicy policy =
            ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");

    private Set<Category> flagged(String text) {
        return moderator.evaluate(text, Direction.INPUT, policy).flaggedCategories();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hate             | I have nothing but contempt for immigrants
            hate             | refugees are leeches on this nation
            hate             | a muslim can never be trusted
            hate             | jews make me sick
            hate             | those trans people are all complete assholes
            hate             | gay people do not matter
            hate             | no refugee is welcome here
            hate             | i haet jews
            hate/threatening | we should just round up every immigrant
            hate/threatening | i am going to hunt down a gay person tonight
            hate/threatening | gays deserve todie
            """)
    void findsHatePhrasedInMoreWays(String category, String text) {
        assertThat(flagged(text)).as(text).contains(Category.fromApiName(category).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I don't hate immigrants at all", "I do not know many trans people", "we must not let refugees suffer",
            "your contempt for immigrants is shameful", "saying refugees are leeches is hateful",
            "I will end up living near the refugee centre", "we need to cut taxes for women",
            "the button is disabled and useless", "I went out for a fag break", "I'm a proud dyke",
            "us fags are marching at pride today"})
    void letsNegationCounterSpeechReclaimedUseAndOrdinaryTalkPass(String text) {
        assertThat(flagged(text)).as(text).doesNotContain(Category.HATE, Category.HATE_THREATENING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"you dyke", "that fucking faggot"})
    void stillFlagsASlurAimedAtSomeoneElse(String text) {
        assertThat(flagged(text)).as(text).containsAnyOf(Category.HATE, Category.HARASSMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "esse fdp", "esse babaca de novo", "burro do caralho", "vai tomar no cu, seu otário", "seu viado", "ele é burro demais", "você é ridículo",
            "what an idiot", "such a loser"})
    void flagsAnInsultPointedAtSomeone(String text) {
        assertThat(flagged(text)).as(text).contains(Category.HARASSMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "vsf que calor hoje", "puta que pariu que jogo", "eu sou viado e daí", "idiota fui eu de acreditar",
            "onde estão os teus pais", "an idiot proof design", "o filme é um lixo", "esse jogo tá ridículo de difícil",
            "that was a total bastard of an exam"})
    void letsExclamationsSelfReferenceLoneInsultsAndInsultsOfThingsPass(String text) {
        assertThat(flagged(text)).as(text).doesNotContain(Category.HARASSMENT, Category.HATE);
    }
}
