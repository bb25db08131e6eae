package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * A question the pipeline accepted into the queue and has not finished yet, as it is kept until
 * then: the whole message (text included, so it can be answered after a restart) and when it was
 * accepted.
 *
 * @param id unique per acceptance: an edited message is accepted again under a new id
 */
public record AcceptedQuestion(String id, InboundMessage message, Instant acceptedAt) {

    public AcceptedQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
