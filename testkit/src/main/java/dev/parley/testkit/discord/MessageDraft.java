package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message a test is about to dispatch as MESSAGE_CREATE: the author may be a user, another bot
 * or a webhook; it may reply to a message and carry attachments. Mentions come from the content
 * ({@code <@id>}, {@code <@&role>}, {@code @everyone}) as on Discord: use {@link FakeUser#mention()}.
 * Obtain one from {@link FakeDiscordServer#message(long, FakeUser, String)}.
 */
public final class MessageDraft {

    private final FakeDiscordServer server;
    final long channelId;
    final FakeUser author;
    final String content;
    @Nullable String webhookName;
    @Nullable Long replyTo;
    final List<Map<String, Object>> attachments = new ArrayList<>();

    MessageDraft(FakeDiscordServer server, long channelId, FakeUser author, String content) {
        this.server = server;
        this.channelId = channelId;
        this.author = author;
        this.content = content;
    }

    /** Replies to a message the server knows; JDA sees {@code message_reference} and the message. */
    public MessageDraft replyingTo(long messageId) {
        this.replyTo = messageId;
        return this;
    }

    /** Sends it through a webhook of this name instead: the author is then a webhook, not a member. */
    public MessageDraft asWebhook(String name) {
        this.webhookName = name;
        return this;
    }

    /** Attaches a file description (Discord serves the bytes from its CDN, which is not faked). */
    public MessageDraft attachment(String filename, int size, String contentType) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("filename", filename);
        attachment.put("size", size);
        attachment.put("content_type", contentType);
        attachments.add(attachment);
        return this;
    }

    /** Dispatches MESSAGE_CREATE and returns the new message's id. */
    public long post() {
        return server.postMessage(this);
    }
}
