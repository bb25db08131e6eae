package dev.parley.telegram;

import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReportText;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Posts moderation blocks in a Telegram group to the chat its admins named for them: who, where,
 * which way, the category, rule and scores, a hash, and the redacted excerpt when the group's
 * policy asks for one; never the text. Plain text, so nothing in an excerpt is formatted or
 * links anyone. The chat was checked when it was named ({@link AuditChatCheck}).
 */
final class AuditChatPoster implements BlockReports {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChatPoster.class);
    private static final int NETWORK_ATTEMPTS = 3;
    private static final BlockReportText TEXT = new BlockReportText(
            report -> "user " + report.authorId() + " in chat " + report.location().channelId()
                    + (report.location().threadId() != null ? " (topic " + report.location().threadId() + ")" : ""),
            // a full-width @ so that a username in the excerpt mentions nobody
            excerpt -> "\"" + excerpt.replace('@', '\uFF20') + "\"");

    private final TelegramClient client;
    private final OutboundDriver driver;

    AuditChatPoster(TelegramClient client, OutboundDriver driver) {
        this.client = client;
        this.driver = driver;
    }

    @Override
    public void report(BlockReport report) {
        String chat = report.auditChannelId();
        SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder().chatId(chat).text(text(report))
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (report.reviewId() != null) {
            builder.replyMarkup(ReviewButtons.keyboard(report.reviewId())); // the review actions, as buttons
        }
        SendMessage post = builder.build();
        // waits out 429s, retries a network failure twice, and logs a refusal
        if (!driver.offer(OutboundTarget.telegramChat(chat, true), new PacedCall(() -> client.execute(post),
                NETWORK_ATTEMPTS, failure -> LOG.warn("scope={} could not post a block report to chat {}: {}", report.scope(),
                        report.auditChannelId(), failure)))) {
            LOG.debug("scope={} a block report came after shutdown", report.scope());
        }
    }

    static String text(BlockReport report) {
        return TEXT.of(report);
    }
}
