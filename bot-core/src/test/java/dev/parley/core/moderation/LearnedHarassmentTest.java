package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local tier with its Portuguese classifier, against the same tier without it. */
class LearnedHarassmentTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final Lexicon LEXICON = Lexicon.standard(NORMALISER);

    private final Moderator withClassifier =
            new Moderator(NORMALISER, List.of(LocalModerationProvider.standard(NORMALISER)), 0);
    private final Moderator lexiconOnly = new Moderator(NORMALISER,
            List.of(new LocalModerationProvider(LEXICON, LocalModerationProvider.standardRules())), 0);
    private final ModerationPolicy policy =
            ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");

    private ModerationResult judge(Moderator moderator, String text) {
        return moderator.evaluate(text, Direction.INPUT, policy);
    }

    @Test
    void anInsultInOrdinaryWordsThatTheWordListsMissIsFlaggedAsHarassment() {
        for (String text : List.of("gorda nojenta", "você é feio e chato")) {
            assertThat(judge(lexiconOnly, text).flaggedCategories()).as(text).doesNotContain(Category.HARASSMENT);
            assertThat(judge(withClassifier, text).flaggedCategories()).as(text).contains(Category.HARASSMENT);
            Assessment assessment = LocalModerationProvider.standard(NORMALISER)
                    .assess(new ModerationRequest(text, NORMALISER.normalise(text), Direction.INPUT, null));
            assertThat(assessment.reason(Category.HARASSMENT)).as(text).isEqualTo("learned Portuguese classifier");
        }
    }

    @Test
    void byDefaultHarassmentIsFlaggedNotBlocked_soTheClassifierAloneDoesNotSilenceAnyone() {
        ModerationResult result = judge(withClassifier, "gorda nojenta");
        assertThat(result.flagged()).isTrue();
        assertThat(result.verdict().blocked()).isFalse();
    }

    @Test
    void reportingTheInsultIsCountered_andItsScoreDampedBelowTheThreshold() {
        ModerationResult result = judge(withClassifier, "ele disse que ela era uma gorda nojenta, que absurdo");
        assertThat(result.flaggedCategories()).doesNotContain(Category.HARASSMENT);
    }

    @Test
    void everydayPortugueseAndEnglishGetNoScoreFromIt() {
        for (String text : List.of("bom dia, tudo bem com você?", "o filme foi uma merda", "you are so kind")) {
            assertThat(judge(withClassifier, text).scores().score(Category.HARASSMENT)).as(text).isLessThan(0.2);
        }
    }
}
