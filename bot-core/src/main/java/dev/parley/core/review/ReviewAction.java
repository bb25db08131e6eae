package dev.parley.core.review;

import java.util.Locale;
import java.util.Optional;

/** What an admin decides about a reported block. */
public enum ReviewAction {
    /** Moderation was wrong: let this text pass here from now on (an allowed term, or a higher threshold). */
    FALSE_POSITIVE("false-positive", false),
    /** Moderation was right; nothing more is done to the author. */
    CONFIRM("confirm", true),
    /** Moderation was right, and the author is told so. */
    WARN("warn", true),
    /** Moderation was right, and the author is muted from the bot here for a time. */
    MUTE("mute", true),
    /** Moderation was right, and the author is blocked from the bot here. */
    BAN("ban", true);

    private final String typed;
    private final boolean harmful;

    ReviewAction(String typed, boolean harmful) {
        this.typed = typed;
        this.harmful = harmful;
    }

    /** The name admins type: {@code false-positive}, {@code confirm}, {@code warn}, {@code mute}, {@code ban}. */
    public String typed() {
        return typed;
    }

    /** Whether the admin's label says the text was harmful (every action but a false positive). */
    public boolean harmful() {
        return harmful;
    }

    /** The action typed as {@code word} (also {@code fp}), or empty. */
    public static Optional<ReviewAction> fromTyped(String word) {
        String wanted = word.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("fp")) {
            return Optional.of(FALSE_POSITIVE);
        }
        for (ReviewAction action : values()) {
            if (action.typed.equals(wanted)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
