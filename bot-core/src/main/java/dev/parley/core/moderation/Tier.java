package dev.parley.core.moderation;

import java.util.Objects;

/**
 * One tier of a {@link Moderator}: a provider and when it is asked. A tier that runs
 * {@link When#WHEN_UNSURE} is asked only when the tiers before it left the text in the grey zone:
 * some category the policy acts on (flags or blocks) scored at least {@link #unsureFrom()} but
 * below that category's threshold. A text the earlier tiers found clean, or already judged, costs
 * it nothing.
 *
 * @param provider the provider asked
 * @param when always, or only when the earlier tiers are unsure
 * @param unsureFrom in (0, 1]: the score from which a category counts as unsure; ignored by
 *     {@link When#ALWAYS}
 */
public record Tier(ModerationProvider provider, When when, double unsureFrom) {

    /** When a tier is asked. */
    public enum When {
        /** On every text that reaches the tier. */
        ALWAYS,
        /** Only when a category's combined score so far is in [unsureFrom, its threshold). */
        WHEN_UNSURE
    }

    public Tier {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(when, "when");
        if (!(unsureFrom > 0 && unsureFrom <= 1)) {
            throw new IllegalArgumentException("unsureFrom must be in (0, 1], was " + unsureFrom);
        }
    }

    /** A tier asked on every text. */
    public static Tier always(ModerationProvider provider) {
        return new Tier(provider, When.ALWAYS, 1);
    }

    /** A tier asked only when a category scored so far is in [{@code unsureFrom}, its threshold). */
    public static Tier whenUnsure(ModerationProvider provider, double unsureFrom) {
        return new Tier(provider, When.WHEN_UNSURE, unsureFrom);
    }

    /** Whether this tier is asked, given what the earlier tiers found under {@code policy}. */
    boolean runsAfter(Assessment soFar, ModerationPolicy policy) {
        if (when == When.ALWAYS) {
            return true;
        }
        for (Category category : Category.values()) {
            CategorySetting setting = policy.setting(category);
            double score = soFar.scores().score(category);
            if (setting.action() != CategoryAction.OFF && score >= unsureFrom && score < setting.threshold()) {
                return true;
            }
        }
        return false;
    }
}
