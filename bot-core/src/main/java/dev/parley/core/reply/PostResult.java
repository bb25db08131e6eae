package dev.parley.core.reply;

import dev.parley.core.ratelimit.SendResult;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of posting one message: the platform's id of the new message once it was taken,
 * otherwise why not.
 *
 * @param messageId the new message's id; null unless {@code result} is {@link SendResult.Sent}
 * @param result how the send went, in the scheduler's terms
 */
public record PostResult(@Nullable String messageId, SendResult result) {

    public PostResult {
        Objects.requireNonNull(result, "result");
        if ((messageId != null) != (result instanceof SendResult.Sent)) {
            throw new IllegalArgumentException("a posted message has an id, and only a posted one: " + result);
        }
    }

    /** The platform took the message and gave it {@code messageId}. */
    public static PostResult posted(String messageId) {
        return new PostResult(Objects.requireNonNull(messageId, "messageId"), new SendResult.Sent());
    }

    /** The message was not posted: a pause to wait out, or a refusal. */
    public static PostResult notPosted(SendResult result) {
        return new PostResult(null, result);
    }
}
