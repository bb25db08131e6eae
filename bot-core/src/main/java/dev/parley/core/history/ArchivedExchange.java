package dev.parley.core.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished exchange of a conversation as it is archived: when it ended, the user's text and the
 * reply shown in full (never a blocked or withdrawn one).
 */
public record ArchivedExchange(Instant at, String userText, String reply) {

    public ArchivedExchange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(userText, "userText");
        Objects.requireNonNull(reply, "reply");
    }
}
