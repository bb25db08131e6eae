package dev.parley.discord;

import dev.parley.core.ratelimit.SendResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * Runs one REST call on the outbound driver's thread and says how it went in the scheduler's
 * terms: a 429 becomes a pause of Discord's {@code retry_after}, a refusal (unknown channel, no
 * permission) a failure that is not retried, a timeout a short pause so the send is tried again.
 */
final class RestCalls {

    /** How long one call may take before it is given up and tried again. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration AFTER_TIMEOUT = Duration.ofSeconds(2);

    private RestCalls() {}

    static <T> SendResult run(RestAction<T> action, Consumer<T> onSuccess) {
        try {
            T result = action.timeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete(false);
            onSuccess.accept(result);
            return new SendResult.Sent();
        } catch (RateLimitedException e) {
            return new SendResult.RetryAfter(Duration.ofMillis(Math.max(0, e.getRetryAfter())), false);
        } catch (ErrorResponseException e) {
            return new SendResult.Failed("discord refused: " + e.getErrorCode() + " " + e.getMeaning());
        } catch (RuntimeException e) {
            if (causedByTimeout(e)) {
                return new SendResult.RetryAfter(AFTER_TIMEOUT, false);
            }
            return new SendResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
