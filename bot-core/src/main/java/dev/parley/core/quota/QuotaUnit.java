package dev.parley.core.quota;

import java.util.Locale;
import java.util.Optional;

/** What a budget counts: answered questions, or model tokens (prompt plus completion). */
public enum QuotaUnit {
    MESSAGES,
    TOKENS;

    /** The word admins type and read: {@code messages} or {@code tokens}. */
    public String typed() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The unit {@code word} names, if any. */
    public static Optional<QuotaUnit> fromTyped(String word) {
        for (QuotaUnit unit : values()) {
            if (unit.typed().equals(word)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
