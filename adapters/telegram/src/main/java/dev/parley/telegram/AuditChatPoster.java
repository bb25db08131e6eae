package dev.parley.telegram;

import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.moderation.Category;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundSend;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.ratelimit.SendResult;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
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
        try {
            driver.enqueue(OutboundTarget.telegramChat(chat, true), new Post(client, post, report));
        } catch (IllegalStateException closed) {
            LOG.debug("scope={} a block report came after shutdown", report.scope());
        }
    }

    static String text(BlockReport report) {
        String scores = report.scores().asMap().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Category, Double>comparingByValue().reversed())
                .limit(4)
                .map(e -> e.getKey().apiName() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(", "));
        String direction = report.direction().name();
        StringBuilder text = new StringBuilder()
                .append(direction.charAt(0)).append(direction.substring(1).toLowerCase(Locale.ROOT))
                .append(" blocked: user ").append(report.authorId())
                .append(" in chat ").append(report.location().channelId());
        if (report.location().threadId() != null) {
            text.append(" (topic ").append(report.location().threadId()).append(')');
        }
        text.append(", ").append(report.category()).append(" (").append(report.rule()).append(')');
        if (!scores.isEmpty()) {
            text.append(", scores ").append(scores);
        }
        text.append(", sha256 ").append(report.sha256());
        if (report.reviewId() != null) {
            text.append(", review ").append(report.reviewId());
        }
        if (report.excerpt() != null) {
            // a full-width @ so that a username in the excerpt mentions nobody
            text.append("\nExcerpt: \"").append(report.excerpt().replace('@', '\uFF20')).append('"');
        }
        return text.toString();
    }

    /** One report's send: waits out 429s, retries a network failure twice, and logs a refusal. */
    private static final class Post implements OutboundSend {

        private final TelegramClient client;
        private final SendMessage message;
        private final BlockReport report;
        private int networkFailures;

        Post(TelegramClient client, SendMessage message, BlockReport report) {
            this.client = client;
            this.message = message;
            this.report = report;
        }

        @Override
        public SendResult send() {
            try {
                client.execute(message);
                return new SendResult.Sent();
            } catch (TelegramApiException e) {
                if (ApiErrors.tooManyRequests(e)) {
                    return ApiErrors.retryAfter(e);
                }
                if (!ApiErrors.refused(e) && ++networkFailures < NETWORK_ATTEMPTS) {
                    return new SendResult.RetryAfter(ApiErrors.NETWORK_RETRY, false);
                }
                LOG.warn("scope={} could not post a block report to chat {}: {}", report.scope(),
                        report.auditChannelId(), ApiErrors.describe(e));
                return new SendResult.Failed(ApiErrors.describe(e));
            }
        }
    }
}
