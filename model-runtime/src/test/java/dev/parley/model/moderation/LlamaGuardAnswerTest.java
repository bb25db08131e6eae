package dev.parley.model.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LlamaGuardAnswerTest {

    @ParameterizedTest
    @ValueSource(strings = {"safe", "\n\nsafe", " safe \n", "Safe"})
    void safeNamesNoCode(String answer) {
        assertThat(LlamaGuardAnswer.parse(answer)).contains(Set.of());
    }

    @Test
    void unsafeNamesTheCodesOnItsSecondLine() {
        assertThat(LlamaGuardAnswer.parse("unsafe\nS1")).contains(Set.of(GuardCategory.S1));
        assertThat(LlamaGuardAnswer.parse("\n\nunsafe\nS1,S10")).contains(Set.of(GuardCategory.S1, GuardCategory.S10));
        assertThat(LlamaGuardAnswer.parse(" unsafe \n S4 , s12 \n")).contains(Set.of(GuardCategory.S4, GuardCategory.S12));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "  \n ", "maybe", "unsafe", "unsafe\n", "unsafe\nS15", "unsafe\nS0", "unsafe\nS1,", "unsafe\nviolence",
        "unsafe\nS1\nand more", "safe\nS1", "safe, probably", "ab cd ef gh", "unsafe S1"})
    void anythingElseIsNotAnAnswer(String answer) {
        assertThat(LlamaGuardAnswer.parse(answer)).isEmpty();
    }

    @Test
    void violentCrimesAreViolenceAndViolentWrongdoing() {
        Assessment assessment = LlamaGuardAnswer.assessment(Set.of(GuardCategory.S1));

        assertThat(assessment.scores().score(Category.VIOLENCE)).isEqualTo(1.0);
        assertThat(assessment.scores().score(Category.ILLICIT_VIOLENT)).isEqualTo(1.0);
        assertThat(assessment.scores().score(Category.HATE)).isZero();
        assertThat(assessment.reason(Category.VIOLENCE)).isEqualTo("guard: Llama Guard S1 violent crimes");
    }

    @Test
    void eachCodeScoresItsOpenAiCategories() {
        assertThat(scored(GuardCategory.S2)).containsExactly(Category.ILLICIT);
        assertThat(scored(GuardCategory.S3)).containsExactlyInAnyOrder(Category.SEXUAL, Category.ILLICIT_VIOLENT);
        assertThat(scored(GuardCategory.S4)).containsExactly(Category.SEXUAL_MINORS);
        assertThat(scored(GuardCategory.S5)).containsExactly(Category.HARASSMENT);
        assertThat(scored(GuardCategory.S7)).containsExactly(Category.HARASSMENT);
        assertThat(scored(GuardCategory.S8)).containsExactly(Category.ILLICIT);
        assertThat(scored(GuardCategory.S9)).containsExactly(Category.ILLICIT_VIOLENT);
        assertThat(scored(GuardCategory.S10)).containsExactly(Category.HATE);
        assertThat(scored(GuardCategory.S11)).containsExactly(Category.SELF_HARM);
        assertThat(scored(GuardCategory.S12)).containsExactly(Category.SEXUAL);
        assertThat(scored(GuardCategory.S14)).containsExactly(Category.ILLICIT);
    }

    @Test
    void codesWithoutACounterpartScoreNothing() {
        assertThat(LlamaGuardAnswer.assessment(Set.of(GuardCategory.S6, GuardCategory.S13))).isEqualTo(Assessment.NONE);
    }

    @Test
    void codesSharingACategoryAreAllNamedInItsReason() {
        Assessment assessment = LlamaGuardAnswer.assessment(Set.of(GuardCategory.S9, GuardCategory.S1));

        assertThat(assessment.reason(Category.ILLICIT_VIOLENT))
                .isEqualTo("guard: Llama Guard S1 violent crimes, S9 indiscriminate weapons");
    }

    private static Set<Category> scored(GuardCategory code) {
        Assessment assessment = LlamaGuardAnswer.assessment(Set.of(code));
        return assessment.scores().asMap().entrySet().stream()
                .filter(entry -> entry.getValue() == 1.0).map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }
}
