package dev.parley.core.queue;

import dev.parley.core.conversation.InboundMessage;
import java.util.Objects;

/**
 * Whose request a queued one is: the queue takes turns between {@code scope}s (servers, chats)
 * and, within a scope, between {@code user}s; {@code conversation} and {@code messageId} let a
 * user stop their request ({@code /stop}) and an adapter withdraw the request of a deleted message.
 *
 * @param scope a server or chat, as the queue rotates over them
 * @param user the author, unique within the scope
 * @param conversation the conversation the request answers in
 * @param messageId the platform's id of the message being answered
 */
public record RequestKey(String scope, String user, String conversation, String messageId) {

    public RequestKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** The key of the request that answers {@code message}. */
    public static RequestKey of(InboundMessage message) {
        var where = message.location();
        var conversation = message.conversationKey();
        return new RequestKey(where.platform() + ":" + where.scopeId(), message.author().id(),
                where.channelId() + "/" + (conversation.chainRoot() == null ? "" : conversation.chainRoot()),
                message.messageId());
    }

    /**
     * Whether this request was made by the same author in the conversation {@code asker} names; an
     * asker outside any reply chain (a {@code /stop} typed in the channel) names every conversation
     * of that channel, so it reaches the author's questions in reply chains there too.
     */
    boolean sameAskerAndConversation(RequestKey asker) {
        boolean sameConversation = conversation.equals(asker.conversation)
                || (asker.conversation.endsWith("/") && conversation.startsWith(asker.conversation));
        return scope.equals(asker.scope) && user.equals(asker.user) && sameConversation;
    }
}
