package dev.parley.telegram;

import dev.parley.core.ratelimit.OutboundSend;
import dev.parley.core.ratelimit.SendResult;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * One Bot API call as a send of the paced queue: a 429 waits the pause Telegram asks for, a
 * network failure is tried again up to a number of attempts, and a refusal is given up and
 * handed, described for logs, to the caller.
 */
final class PacedCall implements OutboundSend {

    /** The call itself. */
    @FunctionalInterface
    interface Call {
        void run() throws TelegramApiException;
    }

    private final Call call;
    private final int networkAttempts;
    private final Consumer<String> onGiveUp;
    private int networkFailures;

    /**
     * @param networkAttempts how many times a call that fails on the network is made in all (1: never again)
     * @param onGiveUp told {@link ApiErrors#describe} of the failure it gives up on
     */
    PacedCall(Call call, int networkAttempts, Consumer<String> onGiveUp) {
        this.call = call;
        this.networkAttempts = networkAttempts;
        this.onGiveUp = onGiveUp;
    }

    @Override
    public SendResult send() {
        try {
            call.run();
            return new SendResult.Sent();
        } catch (TelegramApiException e) {
            if (ApiErrors.tooManyRequests(e)) {
                return ApiErrors.retryAfter(e);
            }
            if (!ApiErrors.refused(e) && ++networkFailures < networkAttempts) {
                return new SendResult.RetryAfter(ApiErrors.NETWORK_RETRY, false);
            }
            onGiveUp.accept(ApiErrors.describe(e));
            return new SendResult.Failed(ApiErrors.describe(e));
        }
    }
}
