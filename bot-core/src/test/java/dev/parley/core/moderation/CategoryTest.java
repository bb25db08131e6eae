package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryTest {

    @Test
    void apiName_usesOpenAisNamesWithSlashes() {
        assertThat(Arrays.stream(Category.values()).map(Category::apiName)).containsExactly(
                "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
                "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
                "violence/graphic");
    }

    @Test
    void fromApiName_findsEveryCategoryAndNothingElse() {
        for (Category category : Category.values()) {
            assertThat(Category.fromApiName(" " + category.apiName().toUpperCase() + " ")).contains(category);
        }
        assertThat(Category.fromApiName("custom")).isEmpty();
    }

    @Test
    void severe_coversThreatsViolentWrongdoingSelfHarmIntentAndMinors() {
        assertThat(Arrays.stream(Category.values()).filter(Category::severe)).containsExactlyInAnyOrder(
                Category.HARASSMENT_THREATENING, Category.HATE_THREATENING, Category.ILLICIT_VIOLENT,
                Category.SELF_HARM_INTENT, Category.SELF_HARM_INSTRUCTIONS, Category.SEXUAL_MINORS);
    }

    @Test
    void categoryScores_rejectScoresOutsideZeroToOne() {
        assertThatThrownBy(() -> CategoryScores.none().with(Category.HATE, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryScores.of(Map.of(Category.HATE, -0.1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryScores.none().with(Category.HATE, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void categoryScores_maxTakesTheHigherScorePerCategory() {
        CategoryScores a = CategoryScores.of(Map.of(Category.HATE, 0.2, Category.SEXUAL, 0.9));
        CategoryScores b = CategoryScores.of(Map.of(Category.HATE, 0.7));

        assertThat(a.max(b)).isEqualTo(CategoryScores.of(Map.of(Category.HATE, 0.7, Category.SEXUAL, 0.9)));
        assertThat(a.max(b).asMap()).hasSize(13).containsEntry(Category.VIOLENCE, 0.0);
    }

    @Test
    void categorySetting_rejectsAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> new CategorySetting(CategoryAction.BLOCK, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategorySetting(CategoryAction.BLOCK, 1.01))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CategorySetting(CategoryAction.OFF, 0.1).triggeredBy(1)).isFalse();
    }

    @Test
    void defaultPolicy_blocksSevereCategoriesAndFlagsTheRest() {
        for (Category category : Category.values()) {
            assertThat(ModerationPolicy.DEFAULT_CATEGORIES.get(category).action())
                    .isEqualTo(category.severe() ? CategoryAction.BLOCK : CategoryAction.FLAG);
        }
    }
}
