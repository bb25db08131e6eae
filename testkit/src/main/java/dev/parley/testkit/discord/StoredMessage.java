package dev.parley.testkit.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A message the fake server knows, whoever wrote it; edits change it in place. */
final class StoredMessage {

    final long id;
    final long channelId;
    final @Nullable FakeGuild guild;
    final Map<String, Object> author;
    final long authorId;
    final @Nullable Long webhookId;
    final @Nullable Long applicationId;
    final int type;
    final @Nullable StoredMessage referenced;
    final List<Map<String, Object>> attachments;
    String content;
    int flags;
    @Nullable Instant editedAt;
    List<Map<String, Object>> embeds = List.of();
    /** The message's components (action rows of buttons) as the bot sent them. */
    List<Map<String, Object>> components = List.of();

    StoredMessage(
            long id,
            long channelId,
            @Nullable FakeGuild guild,
            Map<String, Object> author,
            long authorId,
            @Nullable Long webhookId,
            @Nullable Long applicationId,
            int type,
            @Nullable StoredMessage referenced,
            List<Map<String, Object>> attachments,
            String content,
            int flags) {
        this.id = id;
        this.channelId = channelId;
        this.guild = guild;
        this.author = author;
        this.authorId = authorId;
        this.webhookId = webhookId;
        this.applicationId = applicationId;
        this.type = type;
        this.referenced = referenced;
        this.attachments = attachments;
        this.content = content;
        this.flags = flags;
    }

    /** The message object as REST returns it and MESSAGE_CREATE/UPDATE carry it. */
    synchronized Map<String, Object> toJson(Map<Long, FakeUser> users, boolean withReferenced) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(id));
        json.put("type", type);
        json.put("channel_id", Long.toUnsignedString(channelId));
        if (guild != null) {
            json.put("guild_id", Long.toUnsignedString(guild.id()));
        }
        json.put("author", author);
        if (guild != null && webhookId == null) {
            Map<String, Object> member = guild.memberJson(authorId);
            if (member != null) {
                member.remove("user");
                json.put("member", member);
            }
        }
        json.put("content", content);
        json.put("timestamp", Snowflakes.timestampOf(id));
        json.put("edited_timestamp", editedAt == null ? null : Snowflakes.timestamp(editedAt));
        json.put("tts", false);
        List<Object> mentions = new ArrayList<>();
        List<Object> mentionRoles = new ArrayList<>();
        for (long mentioned : Mentions.users(content)) {
            FakeUser user = users.get(mentioned);
            if (user != null) {
                mentions.add(user.toJson());
            }
        }
        for (long role : Mentions.roles(content)) {
            mentionRoles.add(Long.toUnsignedString(role));
        }
        json.put("mention_everyone", guild != null && Mentions.everyone(content) && mayMentionEveryone(users));
        json.put("mentions", mentions);
        json.put("mention_roles", mentionRoles);
        json.put("attachments", attachments);
        json.put("embeds", embeds);
        json.put("components", components);
        json.put("pinned", false);
        json.put("flags", flags);
        if (webhookId != null) {
            json.put("webhook_id", Long.toUnsignedString(webhookId));
        }
        if (applicationId != null) {
            json.put("application_id", Long.toUnsignedString(applicationId));
        }
        if (referenced != null) {
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put("type", 0);
            reference.put("message_id", Long.toUnsignedString(referenced.id));
            reference.put("channel_id", Long.toUnsignedString(referenced.channelId));
            if (referenced.guild != null) {
                reference.put("guild_id", Long.toUnsignedString(referenced.guild.id()));
            }
            json.put("message_reference", reference);
            if (withReferenced) {
                json.put("referenced_message", referenced.toJson(users, false));
            }
        }
        return json;
    }

    private boolean mayMentionEveryone(Map<Long, FakeUser> users) {
        FakeUser user = users.get(authorId);
        return guild != null
                && user != null
                && guild.isMember(user)
                && (guild.permissionsOf(user) & PermissionBits.MENTION_EVERYONE) != 0;
    }
}
