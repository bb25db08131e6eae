package dev.parley.core.settings;

import java.util.Locale;
import java.util.Optional;

/** When the bot answers ordinary messages in a channel; direct messages are always answered. */
public enum ReplyMode {
    /** Every message in the channel is taken as addressed to the bot. */
    AUTO_REPLY,
    /** Only messages that mention the bot or reply to it are answered: the default. */
    MENTION_ONLY,
    /** Only commands are answered; every other message is ignored. */
    OFF;

    /** The mode as typed in commands and shown to users: {@code auto-reply}, {@code mention-only}, {@code off}. */
    public String typed() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode typed as {@code word}, or empty. */
    public static Optional<ReplyMode> fromTyped(String word) {
        for (ReplyMode mode : values()) {
            if (mode.typed().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
