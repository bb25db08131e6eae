package dev.parley.telegram;

import dev.parley.core.ratelimit.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Runs Bot API calls on the outbound thread and says how each went in the scheduler's terms: a 429
 * waits as asked, a network failure is tried again a few times in a row, a refusal is given up.
 */
final class BotApiCalls {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramReplySink.class);
    private static final int NETWORK_ATTEMPTS = 3;

    /** Network failures since the last call that got an answer; guarded by this. */
    private int networkFailures;

    /** A Bot API call that may throw. */
    @FunctionalInterface
    interface Call {
        SendResult run() throws TelegramApiException;
    }

    /** Runs {@code call}; a runtime exception is passed on (the scheduler drops that send). */
    synchronized SendResult run(Call call) {
        try {
            SendResult result = call.run();
            networkFailures = 0;
            return result;
        } catch (TelegramApiException e) {
            if (ApiErrors.tooManyRequests(e)) {
                return ApiErrors.retryAfter(e);
            }
            if (!ApiErrors.refused(e) && ++networkFailures < NETWORK_ATTEMPTS) {
                return new SendResult.RetryAfter(ApiErrors.NETWORK_RETRY, false);
            }
            networkFailures = 0;
            LOG.warn("Telegram refused a send: {}", ApiErrors.describe(e));
            return new SendResult.Failed(ApiErrors.describe(e));
        }
    }
}
