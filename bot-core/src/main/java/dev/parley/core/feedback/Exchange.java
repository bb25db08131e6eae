package dev.parley.core.feedback;

import dev.parley.core.conversation.Platform;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One answer shown to a user, as feedback records it: the question, the answer, what produced it
 * and which platform message shows it (reactions on that message are votes on it).
 *
 * @param conversation the conversation the exchange continued, as the memory keys it
 * @param replyMessage the platform's id of the (first) message showing the answer
 * @param variant the A/B arm that answered, "" outside an experiment
 * @param replacesId the exchange this one's answer replaced (a regeneration), or null
 */
public record Exchange(Platform platform, String scopeId, String channelId, String conversation, String authorId,
        String replyMessage, String systemPrompt, String userText, String answerText, ModelNames producedBy,
        String variant, Instant createdAt, @Nullable Long replacesId) {

    /** An exchange that replaced none. */
    public Exchange(Platform platform, String scopeId, String channelId, String conversation, String authorId,
            String replyMessage, String systemPrompt, String userText, String answerText, ModelNames producedBy,
            String variant, Instant createdAt) {
        this(platform, scopeId, channelId, conversation, authorId, replyMessage, systemPrompt, userText, answerText,
                producedBy, variant, createdAt, null);
    }

    public Exchange {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(replyMessage, "replyMessage");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(userText, "userText");
        Objects.requireNonNull(answerText, "answerText");
        Objects.requireNonNull(producedBy, "producedBy");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
