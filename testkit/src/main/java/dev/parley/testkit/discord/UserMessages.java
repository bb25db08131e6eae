package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a user's message does on the fake server: it is stored, and MESSAGE_CREATE, _UPDATE or
 * _DELETE is dispatched to the bot, as Discord does when someone posts, edits or deletes one.
 */
final class UserMessages {

    private final Snowflakes ids;
    private final DiscordState state;

    UserMessages(Snowflakes ids, DiscordState state) {
        this.ids = ids;
        this.state = state;
    }

    long post(MessageDraft draft) {
        DiscordState.ChannelRef channel = state.channel(draft.channelId)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + draft.channelId));
        long messageId = ids.next();
        Map<String, Object> author;
        long authorId;
        Long webhookId = null;
        if (draft.webhookName != null) {
            webhookId = ids.next();
            authorId = webhookId;
            author = new FakeUser(webhookId, draft.webhookName, true).toJson();
            author.put("discriminator", "0000");
        } else {
            authorId = draft.author.id();
            author = draft.author.toJson();
            if (channel.guild() != null && !channel.guild().isMember(draft.author)) {
                throw new IllegalArgumentException(draft.author.username() + " is not a member of the guild");
            }
        }
        StoredMessage referenced = null;
        if (draft.replyTo != null) {
            referenced = state.messages.get(draft.replyTo);
            if (referenced == null) {
                throw new IllegalArgumentException("unknown message " + draft.replyTo);
            }
        }
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (Map<String, Object> described : draft.attachments) {
            attachments.add(state.attachment(channel.id(), (String) described.get("filename"),
                    ((Number) described.get("size")).intValue(), (String) described.get("content_type")));
        }
        StoredMessage message = new StoredMessage(messageId, channel.id(), channel.guild(), author, authorId,
                webhookId, null, referenced == null ? 0 : 19, referenced, attachments, draft.content, 0);
        state.messages.put(messageId, message);
        state.dispatchMessage("MESSAGE_CREATE", message);
        return messageId;
    }

    /** Changes a message's content and dispatches MESSAGE_UPDATE, as when its author edits it. */
    void edit(long channelId, long messageId, String newContent) {
        StoredMessage message = known(channelId, messageId);
        synchronized (message) {
            message.content = newContent;
            message.editedAt = ids.now();
        }
        state.dispatchMessage("MESSAGE_UPDATE", message);
    }

    /** Removes a message and dispatches MESSAGE_DELETE. */
    void delete(long channelId, long messageId) {
        StoredMessage message = known(channelId, messageId);
        state.messages.remove(messageId);
        state.dispatchDelete(message);
    }

    StoredMessage known(long channelId, long messageId) {
        StoredMessage message = state.messages.get(messageId);
        if (message == null || message.channelId != channelId) {
            throw new IllegalArgumentException("unknown message " + messageId + " in channel " + channelId);
        }
        return message;
    }
}
