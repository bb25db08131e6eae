package dev.parley.testkit.telegram;

import dev.parley.testkit.json.Json;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Bot API call the fake server received, with its parameters parsed (JSON, form or query).
 *
 * @param sequence the order of arrival, from 1
 * @param method the method name in lower case, as matched ({@code sendmessage})
 * @param params the parameters: JSON values, or strings for form and query parameters
 * @param status the HTTP status the fake answered (429 for an injected failure)
 * @param receivedAt when it arrived, by the fake server's clock
 */
public record RecordedRequest(long sequence, String method, Map<String, @Nullable Object> params, int status,
        Instant receivedAt) {

    /** Whether this is a call of {@code name}, compared case-insensitively. */
    public boolean is(String name) {
        return method.equals(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the fake answered it successfully. */
    public boolean ok() {
        return status == 200;
    }

    /** A parameter as text, or null when absent. */
    public @Nullable String string(String name) {
        Object value = params.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** A numeric parameter (JSON number or numeric text), or null when absent. */
    public @Nullable Long number(String name) {
        Object value = params.get(name);
        return value == null ? null : Json.asLong(value);
    }

    /** {@code chat_id} as a number, or null when absent. */
    public @Nullable Long chatId() {
        return number("chat_id");
    }

    /** {@code text}, or null when absent. */
    public @Nullable String text() {
        return string("text");
    }

    /** The message this send replies to ({@code reply_parameters} or {@code reply_to_message_id}), or null. */
    public @Nullable Long replyTo() {
        if (params.get("reply_parameters") instanceof Map<?, ?> reply && reply.get("message_id") != null) {
            return Json.asLong(reply.get("message_id"));
        }
        if (params.get("reply_parameters") instanceof String json
                && Json.parse(json) instanceof Map<?, ?> reply && reply.get("message_id") != null) {
            return Json.asLong(reply.get("message_id"));
        }
        return number("reply_to_message_id");
    }
}
