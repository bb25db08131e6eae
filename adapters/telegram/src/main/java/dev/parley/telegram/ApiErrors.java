package dev.parley.telegram;

import dev.parley.core.ratelimit.SendResult;
import java.time.Duration;
import java.util.Locale;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** What a failed Bot API call means for the send that made it. */
final class ApiErrors {

    /** How long to wait before trying a send again after a network failure. */
    static final Duration NETWORK_RETRY = Duration.ofSeconds(1);

    private ApiErrors() {}

    /** 429: wait {@code retry_after} (1 s when Telegram gave none). */
    static boolean tooManyRequests(TelegramApiException e) {
        return e instanceof TelegramApiRequestException request && Integer.valueOf(429).equals(request.getErrorCode());
    }

    /** The pause a 429 asks for. */
    static SendResult retryAfter(TelegramApiException e) {
        Integer seconds = e instanceof TelegramApiRequestException request && request.getParameters() != null
                ? request.getParameters().getRetryAfter() : null;
        return new SendResult.RetryAfter(Duration.ofSeconds(seconds == null ? 1 : Math.max(1, seconds)), false);
    }

    /** Telegram answered, and refused: a 4xx other than 429, which trying again will not change. */
    static boolean refused(TelegramApiException e) {
        return e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                && request.getErrorCode() >= 400 && request.getErrorCode() < 500 && request.getErrorCode() != 429;
    }

    /** An edit that changed nothing: Telegram calls it an error, for us it is done. */
    static boolean notModified(TelegramApiException e) {
        return refused(e) && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("message is not modified");
    }

    /** A short description for logs: the code and Telegram's description, never the request. */
    static String describe(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException request && request.getErrorCode() != null) {
            return request.getErrorCode() + " " + request.getApiResponse();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
    }
}
