package dev.parley.app.chat;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.ModerationDefaults;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.moderation.*}: the moderation every scope starts from; admins override it per scope.
 *
 * @param categories per category, its action and threshold; keys are OpenAI's category names with
 *     "/" written as "-" (e.g. {@code self-harm-intent}); unset categories keep the built-in defaults
 *     (severe categories blocked, the others flagged)
 * @param blockedTerms words and phrases blocked everywhere, as whole words after normalisation
 * @param allowedTerms words and phrases taken out of texts before they are scored
 * @param directions which way text is moderated: input, output or both
 * @param exemptRoles roles whose prompts are not moderated
 * @param onFailure when a moderation provider fails: let text pass, or block it
 * @param selfHarmNotice what a user whose prompt was blocked for self-harm sees instead of the input
 *     notice; the default, in English and Portuguese, offers support and names the CVV (Brazil, 188)
 *     and findahelpline.com
 */
@ConfigurationProperties("parley.moderation")
public record ModerationProperties(
        @DefaultValue Map<String, CategoryProperties> categories,
        @DefaultValue List<String> blockedTerms,
        @DefaultValue List<String> allowedTerms,
        @DefaultValue({"INPUT", "OUTPUT"}) Set<Direction> directions,
        @DefaultValue Set<String> exemptRoles,
        @DefaultValue("FAIL_OPEN") FailureMode onFailure,
        @DefaultValue("Your message was blocked by this chat's moderation.") String inputNotice,
        @DefaultValue("The answer was withheld by this chat's moderation.") String outputNotice,
        @DefaultValue(ModerationDefaults.UNAVAILABLE_NOTICE) String unavailableNotice,
        @DefaultValue(ModerationDefaults.SELF_HARM_NOTICE) String selfHarmNotice) {

    /** One category's action and threshold. */
    public record CategoryProperties(CategoryAction action, @DefaultValue("0.5") double threshold) {}

    public ModerationProperties {
        for (String key : categories.keySet()) {
            category(key); // fail at start-up on a misspelt category
        }
    }

    /** The configured defaults as the core takes them. */
    public ModerationDefaults toDefaults() {
        Map<Category, CategorySetting> settings = new EnumMap<>(Category.class);
        categories.forEach((key, value) -> settings.put(category(key), new CategorySetting(value.action(), value.threshold())));
        return new ModerationDefaults(settings, blockedTerms, allowedTerms, directions, exemptRoles, onFailure,
                inputNotice, outputNotice, unavailableNotice, selfHarmNotice);
    }

    private static Category category(String key) {
        for (Category category : Category.values()) {
            if (category.apiName().equals(key) || category.apiName().replace('/', '-').equals(key)) {
                return category;
            }
        }
        throw new IllegalArgumentException("parley.moderation.categories." + key + " is not a moderation category; use one of "
                + java.util.Arrays.stream(Category.values()).map(c -> c.apiName().replace('/', '-')).toList());
    }
}
