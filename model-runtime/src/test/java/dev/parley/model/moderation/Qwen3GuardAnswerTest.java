package dev.parley.model.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.model.moderation.Qwen3GuardAnswer.Judgement;
import dev.parley.model.moderation.Qwen3GuardAnswer.Severity;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Qwen3GuardAnswerTest {

    @ParameterizedTest
    @ValueSource(strings = {"Safety: Safe\nCategories: None", "\n\nSafety: Safe\nCategories: None\n",
        " safety:safe \n categories : none ", "Safety: Safe\nCategories: None\nRefusal: No"})
    void safeNamesNoCategory(String answer) {
        assertThat(Qwen3GuardAnswer.parse(answer)).contains(new Judgement(Severity.SAFE, Set.of()));
    }

    @Test
    void unsafeAndControversialNameTheirCategoriesOnTheSecondLine() {
        assertThat(Qwen3GuardAnswer.parse("Safety: Unsafe\nCategories: Violent"))
                .contains(new Judgement(Severity.UNSAFE, Set.of(Qwen3GuardCategory.VIOLENT)));
        assertThat(Qwen3GuardAnswer.parse("Safety: Controversial\nCategories: Sexual Content or Sexual Acts, PII"))
                .contains(new Judgement(Severity.CONTROVERSIAL,
                        Set.of(Qwen3GuardCategory.SEXUAL_CONTENT, Qwen3GuardCategory.PII)));
        assertThat(Qwen3GuardAnswer.parse("Safety: Unsafe\nCategories: suicide & self-harm.\nRefusal: Yes"))
                .contains(new Judgement(Severity.UNSAFE, Set.of(Qwen3GuardCategory.SUICIDE_AND_SELF_HARM)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " \n ", "Safety: Safe", "Safety: Unsafe", "Safety: Maybe\nCategories: None", "Safe\nCategories: None",
        "Safety: Unsafe\nCategories: Violence", "Safety: Unsafe\nCategories: Violent,", "Safety: Unsafe\nCategories: None",
        "Safety: Controversial\nCategories:", "Safety: Safe\nCategories: Violent", "Safety: Unsafe\nViolent",
        "Safety: Safe\nCategories: None\nRefusal: Maybe", "Safety: Safe\nCategories: None\nRefusal: No\nand more",
        "Categories: None\nSafety: Safe", "unsafe\nS1", "ab cd ef gh\nij kl", "Safety: Safe, probably\nCategories: None"})
    void anythingElseIsNotAnAnswer(String answer) {
        assertThat(Qwen3GuardAnswer.parse(answer)).isEmpty();
    }

    @Test
    void unsafeScoresOneInEveryMappedCategoryWithTheGuardsNamesAsReason() {
        Assessment assessment = Qwen3GuardAnswer.assessment(new Judgement(Severity.UNSAFE,
                Set.of(Qwen3GuardCategory.VIOLENT, Qwen3GuardCategory.NON_VIOLENT_ILLEGAL_ACTS,
                        Qwen3GuardCategory.COPYRIGHT_VIOLATION)));

        assertThat(assessment.scores().score(Category.VIOLENCE)).isEqualTo(1.0);
        assertThat(assessment.scores().score(Category.ILLICIT_VIOLENT)).isEqualTo(1.0);
        assertThat(assessment.scores().score(Category.ILLICIT)).isEqualTo(1.0);
        assertThat(assessment.scores().score(Category.HATE)).isZero();
        assertThat(assessment.reason(Category.VIOLENCE)).isEqualTo("guard: Qwen3Guard unsafe: violent");
        assertThat(assessment.reason(Category.ILLICIT))
                .isEqualTo("guard: Qwen3Guard unsafe: non-violent illegal acts, copyright violation");
    }

    @Test
    void controversialScoresBelowTheDefaultThresholdAndAboveTheDefaultUnsureFrom() {
        Assessment assessment = Qwen3GuardAnswer.assessment(
                new Judgement(Severity.CONTROVERSIAL, Set.of(Qwen3GuardCategory.SUICIDE_AND_SELF_HARM)));

        double score = assessment.scores().score(Category.SELF_HARM);
        assertThat(score).isEqualTo(Qwen3GuardAnswer.CONTROVERSIAL_SCORE).isLessThan(0.5).isGreaterThanOrEqualTo(0.2);
        assertThat(assessment.reason(Category.SELF_HARM)).isEqualTo("guard: Qwen3Guard controversial: suicide & self-harm");
    }

    @Test
    void eachCategoryScoresItsOpenAiCategories() {
        assertThat(scored(Qwen3GuardCategory.VIOLENT)).containsExactlyInAnyOrder(Category.VIOLENCE, Category.ILLICIT_VIOLENT);
        assertThat(scored(Qwen3GuardCategory.NON_VIOLENT_ILLEGAL_ACTS)).containsExactly(Category.ILLICIT);
        assertThat(scored(Qwen3GuardCategory.SEXUAL_CONTENT)).containsExactly(Category.SEXUAL);
        assertThat(scored(Qwen3GuardCategory.PII)).containsExactly(Category.HARASSMENT);
        assertThat(scored(Qwen3GuardCategory.SUICIDE_AND_SELF_HARM)).containsExactly(Category.SELF_HARM);
        assertThat(scored(Qwen3GuardCategory.UNETHICAL_ACTS)).containsExactly(Category.HARASSMENT);
        assertThat(scored(Qwen3GuardCategory.COPYRIGHT_VIOLATION)).containsExactly(Category.ILLICIT);
    }

    @Test
    void categoriesWithoutACounterpartScoreNothing() {
        assertThat(Qwen3GuardAnswer.assessment(new Judgement(Severity.UNSAFE,
                Set.of(Qwen3GuardCategory.POLITICALLY_SENSITIVE_TOPICS, Qwen3GuardCategory.JAILBREAK))))
                .isEqualTo(Assessment.NONE);
    }

    @Test
    void safeScoresNothing() {
        assertThat(Qwen3GuardAnswer.assessment(new Judgement(Severity.SAFE, Set.of()))).isEqualTo(Assessment.NONE);
    }

    private static Set<Category> scored(Qwen3GuardCategory category) {
        Assessment assessment = Qwen3GuardAnswer.assessment(new Judgement(Severity.UNSAFE, Set.of(category)));
        return assessment.scores().asMap().entrySet().stream()
                .filter(entry -> entry.getValue() == 1.0).map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
