package dev.parley.core.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished exchange of a conversation as it is archived: when it ended, who asked, the user's
 * text and the reply shown in full (never a blocked or withdrawn one).
 *
 * @param authorId the asking user's id, so that {@code /export} and {@code /forget me} find their
 *     turns; {@link #UNKNOWN_AUTHOR} for exchanges archived before authors were recorded
 */
public record ArchivedExchange(Instant at, String authorId, String userText, String reply) {

    /** The author of an exchange archived before authors were recorded. */
    public static final String UNKNOWN_AUTHOR = "";

    public ArchivedExchange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(userText, "userText");
        Objects.requireNonNull(reply, "reply");
    }

    /** An exchange whose author is not known. */
    public ArchivedExchange(Instant at, String userText, String reply) {
        this(at, UNKNOWN_AUTHOR, userText, reply);
    }
}
