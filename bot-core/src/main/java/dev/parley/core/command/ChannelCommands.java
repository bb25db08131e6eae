package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ReplyMode;

/** {@code /bot channel}: when the bot answers in a channel (every message, when addressed, or only commands). */
final class ChannelCommands {

    private final ChannelSettingsStore channels;
    private final AdminChanges changes;

    ChannelCommands(ChannelSettingsStore channels, AdminChanges changes) {
        this.channels = channels;
        this.changes = changes;
    }

    /** {@code /bot channel [mode]}: shows when the bot answers in this channel, or (admins) changes it. */
    String handle(CommandLine command, InboundMessage message) {
        ChannelKey channel = ChannelKey.of(message.location());
        ReplyMode current = channels.load(channel).replyMode();
        if (command.word(1).isEmpty()) {
            return "Reply mode here: " + current.typed() + " (" + explain(current) + ")."
                    + (message.directMessage() ? " In direct messages I always answer." : "");
        }
        if (!message.author().admin()) {
            return "Only admins of this " + CommandService.scopeNoun(message) + " can change when I reply in a channel.";
        }
        ReplyMode wanted = ReplyMode.fromTyped(command.word(1)).orElse(null);
        if (wanted == null) {
            return "Usage: /bot channel [auto-reply|mention-only|off]";
        }
        if (wanted == current) {
            return "Reply mode here was already " + wanted.typed() + ".";
        }
        channels.save(channel, channels.load(channel).withReplyMode(wanted));
        changes.record(message, "bot.channel", channel.channelId() + " " + wanted.typed());
        return "Reply mode here is now " + wanted.typed() + ": " + explain(wanted) + ".";
    }

    private static String explain(ReplyMode mode) {
        return switch (mode) {
            case AUTO_REPLY -> "I answer every message in this channel";
            case MENTION_ONLY -> "I answer when mentioned or replied to";
            case OFF -> "I answer only commands in this channel";
        };
    }
}
