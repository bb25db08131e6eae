package dev.parley.core.settings;

import java.util.Objects;

/**
 * What the admins of a scope set for one of its channels.
 *
 * @param replyMode when the bot answers ordinary messages there
 */
public record ChannelSettings(ReplyMode replyMode) {

    /** A channel nobody has configured. */
    public static final ChannelSettings DEFAULTS = new ChannelSettings(ReplyMode.MENTION_ONLY);

    public ChannelSettings {
        Objects.requireNonNull(replyMode, "replyMode");
    }

    /** These settings answering as {@code mode} says. */
    public ChannelSettings withReplyMode(ReplyMode mode) {
        return new ChannelSettings(mode);
    }
}
