package dev.parley.testkit.discord;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An answer of the fake REST API: status, JSON body (null for none) and what to dispatch once it is written. */
record RestReply(int status, @Nullable Object body, @Nullable Runnable after) {

    static RestReply json(Object body) {
        return new RestReply(200, body, null);
    }

    static RestReply noContent() {
        return new RestReply(204, null, null);
    }

    /** A Discord error body, {@code {message, code}}. */
    static RestReply error(int status, int code, String message) {
        return new RestReply(status, Map.of("message", message, "code", code), null);
    }

    RestReply then(Runnable action) {
        return new RestReply(status, body, action);
    }
}
