package dev.parley.core.moderation;

import java.util.Locale;
import java.util.Optional;

/** What of a blocked text the audit log and the audit channel get besides its hash. */
public enum ExcerptMode {
    /** Only a keyed hash of the text (HMAC-SHA256 prefix): repeats can be found, nothing can be read. */
    NONE,
    /** Also a short excerpt with the words that triggered the block masked. */
    REDACTED;

    /** The mode as typed in commands: {@code none}, {@code redacted}. */
    public String typed() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode typed as {@code word}, or empty. */
    public static Optional<ExcerptMode> fromTyped(String word) {
        for (ExcerptMode mode : values()) {
            if (mode.typed().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
