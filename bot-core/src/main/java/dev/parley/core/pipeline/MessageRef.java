package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;

/**
 * Which message a platform delivered: ids are unique only per platform and channel (a Telegram
 * message id is counted per chat), so all three name it.
 */
record MessageRef(Platform platform, String channelId, String messageId) {

    static MessageRef of(InboundMessage message) {
        return new MessageRef(message.location().platform(), message.location().channelId(), message.messageId());
    }
}
