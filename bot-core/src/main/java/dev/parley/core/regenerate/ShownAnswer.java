package dev.parley.core.regenerate;

import dev.parley.core.conversation.InboundMessage;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * A finished model answer as the platform shows it, kept so that it can be answered again.
 *
 * @param question the message it answers
 * @param answer the answer's text
 * @param shownBy the platform's ids of the messages showing it, first to last (never empty)
 * @param recorded completes with the id of the feedback exchange recorded for it, or empty where
 *     feedback did not record it
 */
public record ShownAnswer(InboundMessage question, String answer, List<String> shownBy,
        CompletionStage<OptionalLong> recorded) {

    public ShownAnswer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        shownBy = List.copyOf(shownBy);
        if (shownBy.isEmpty()) {
            throw new IllegalArgumentException("an answer shown by no message");
        }
        Objects.requireNonNull(recorded, "recorded");
    }

    /** The message that carries the button: the last one of the answer. */
    public String buttonMessage() {
        return shownBy.getLast();
    }
}
