package dev.parley.core.pipeline;

import dev.parley.core.command.CommandLine;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ReplyMode;
import java.util.Optional;

/**
 * Ignores a message the bot is not to answer where it was written: replies are off in the channel,
 * or it is not addressed to the bot outside an auto-reply channel. A direct message is always
 * answered, whatever the channel's mode. A command addressed to the bot passes even where replies
 * are off; a "/shrug" between people in a channel is not for the bot.
 */
final class AddressedToBot implements AdmissionCheck {

    private final ChannelSettingsStore channels;

    AddressedToBot(ChannelSettingsStore channels) {
        this.channels = channels;
    }

    @Override
    public String name() {
        return "addressed";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        boolean commandForTheBot = message.addressedToBot() && CommandLine.parse(message.text()) != null;
        if (commandForTheBot) {
            return PASS;
        }
        ReplyMode mode = message.directMessage() ? ReplyMode.MENTION_ONLY
                : channels.load(ChannelKey.of(message.location())).replyMode();
        if (mode == ReplyMode.OFF) {
            return Optional.of(new Outcome.Ignored("replies are off in this channel"));
        }
        if (!message.addressedToBot() && mode != ReplyMode.AUTO_REPLY) {
            return Optional.of(new Outcome.Ignored("not addressed to the bot"));
        }
        return PASS;
    }
}
