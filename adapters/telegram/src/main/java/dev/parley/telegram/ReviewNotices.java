package dev.parley.telegram;

import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.ReviewItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Tells the author of a reviewed message an admin's warning, in the chat where they wrote it, as
 * a reply to that message (or without one if it is gone), through the paced send queue.
 */
final class ReviewNotices implements AuthorNotices {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewNotices.class);

    private final TelegramClient client;
    private final OutboundDriver driver;

    ReviewNotices(TelegramClient client, OutboundDriver driver) {
        this.client = client;
        this.driver = driver;
    }

    @Override
    public void tell(ReviewItem item, String text) {
        String chat = item.location().channelId();
        String id = item.messageId();
        SendMessage.SendMessageBuilder<?, ?> notice = SendMessage.builder().chatId(chat).text(text);
        try {
            int messageId = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            notice.replyParameters(ReplyParameters.builder().messageId(messageId).allowSendingWithoutReply(true).build());
        } catch (NumberFormatException notOurs) {
            // sent without a reply: the warning still reaches the chat
        }
        SendMessage message = notice.build();
        if (!driver.offer(OutboundTarget.telegramChat(chat, !item.location().channelId().equals(item.authorId())),
                new PacedCall(() -> client.execute(message), 1, failure -> LOG.warn("scope={} could not warn the author of review {}: {}", item.scope(), item.id(), failure)))) {
            LOG.debug("scope={} a review notice came after shutdown", item.scope());
        }
    }
}
