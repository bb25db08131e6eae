package dev.parley.core.dataset;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One answer shown to a user, as the feedback tables keep it: the prompt, the persona's system
 * prompt, the answer and what produced it.
 *
 * @param replacesId the exchange this one regenerated, or null for a first answer
 */
public record FeedbackExchange(long id, ScopeKey scope, String authorId, String systemPrompt, String userText,
        String answerText, String modelName, String adapterName, @Nullable Long replacesId, Instant createdAt) {

    public FeedbackExchange {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(userText, "userText");
        Objects.requireNonNull(answerText, "answerText");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(adapterName, "adapterName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
