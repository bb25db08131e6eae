package dev.parley.core.quota;

import java.util.Locale;
import java.util.Optional;

/**
 * What an admin's override applies to. {@link #USER} and {@link #ROLE} set the budget of each
 * user they name (a role: of each member); {@link #CHANNEL} and {@link #SERVER} set the budget of
 * the channel's, or the whole server's, use together.
 */
public enum OverrideTarget {
    USER(QuotaLevel.USER),
    ROLE(QuotaLevel.USER),
    CHANNEL(QuotaLevel.CHANNEL),
    SERVER(QuotaLevel.SERVER);

    /** The user id that stands for every user of the scope without an override of their own or of a role. */
    public static final String EVERYONE = "everyone";

    private final QuotaLevel level;

    OverrideTarget(QuotaLevel level) {
        this.level = level;
    }

    /** Whose use an override of this target limits. */
    public QuotaLevel level() {
        return level;
    }

    /** The word admins type: {@code user}, {@code role}, {@code channel} or {@code server}. */
    public String typed() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The target {@code word} names, if any. */
    public static Optional<OverrideTarget> fromTyped(String word) {
        for (OverrideTarget target : values()) {
            if (target.typed().equals(word)) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }
}
