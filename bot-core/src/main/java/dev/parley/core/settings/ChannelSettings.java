package dev.parley.core.settings;

import java.util.Objects;

/**
 * What the admins of a scope set for one of its channels.
 *
 * @param replyMode when the bot answers ordinary messages there
 * @param moderation the channel's own moderation on top of the scope's: its category settings and
 *     directions replace the scope's, its terms add to them; other fields are unused
 */
public record ChannelSettings(ReplyMode replyMode, ScopeSettings moderation) {

    /** A channel nobody has configured. */
    public static final ChannelSettings DEFAULTS = new ChannelSettings(ReplyMode.MENTION_ONLY, ScopeSettings.DEFAULTS);

    public ChannelSettings {
        Objects.requireNonNull(replyMode, "replyMode");
        Objects.requireNonNull(moderation, "moderation");
    }

    /** These settings answering as {@code mode} says. */
    public ChannelSettings withReplyMode(ReplyMode mode) {
        return new ChannelSettings(mode, moderation);
    }

    /** These settings with {@code moderation} as the channel's own moderation. */
    public ChannelSettings withModeration(ScopeSettings moderation) {
        return new ChannelSettings(replyMode, moderation);
    }
}
