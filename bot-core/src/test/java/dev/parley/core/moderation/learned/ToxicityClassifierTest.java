package dev.parley.core.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.TextNormaliser;
import org.junit.jupiter.api.Test;

/** The shipped model, on texts written for this test (none is from the data it was trained on). */
class ToxicityClassifierTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final ToxicityClassifier classifier = ToxicityClassifier.standard();

    private double score(String text) {
        return classifier.score(normaliser.normalise(text));
    }

    @Test
    void insultsInOrdinaryPortugueseWordsScoreAboveTheDecisionPoint() {
        assertThat(score("você é feio e chato")).isGreaterThan(0.5);
        assertThat(score("gorda nojenta")).isGreaterThan(0.5);
        assertThat(score("vc é burro demais")).isGreaterThan(0.5);
    }

    @Test
    void everydayPortugueseScoresFarBelowIt_evenWithASwearWordAboutAThing() {
        assertThat(score("bom dia, tudo bem com você?")).isLessThan(0.2);
        assertThat(score("te amo demais amiga")).isLessThan(0.2);
        assertThat(score("o filme foi uma merda")).isLessThan(0.2);
    }

    @Test
    void evasionsAreUndoneBeforeTheModelReadsTheText() {
        assertThat(score("g o r d a   n 0 j e n t a")).isGreaterThan(0.5);
        assertThat(score("GORDAAAA NOJENTAAA")).isGreaterThan(0.5);
    }

    @Test
    void englishTextIsNotScored() {
        assertThat(score("you are the worst person i know")).isEqualTo(-1);
    }

    @Test
    void theShippedModelIsTheSizeItWasTrainedAt() {
        assertThat(classifier.model().features().buckets()).isEqualTo(1 << 18);
    }
}
