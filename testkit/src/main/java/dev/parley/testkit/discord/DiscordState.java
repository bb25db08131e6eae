package dev.parley.testkit.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What the fake server knows: users, guilds, DM channels, messages, interactions and commands,
 * and what the bot did through REST. Shared by the test-facing API, the REST routes and the
 * gateway; its maps and lists are safe for concurrent use.
 */
final class DiscordState {

    final Snowflakes ids;
    final Gateway gateway;
    final FakeUser bot;
    final FakeUser applicationOwner;
    final long applicationId;
    final Map<Long, FakeUser> users = new ConcurrentHashMap<>();
    final Map<Long, FakeGuild> guilds = new ConcurrentHashMap<>();
    final Map<Long, FakeUser> dmRecipients = new ConcurrentHashMap<>();
    final Map<Long, StoredMessage> messages = new ConcurrentHashMap<>();
    final Map<String, InteractionState> interactions = new ConcurrentHashMap<>();
    /** Interaction token to the id of its original response message. */
    final Map<String, Long> originals = new ConcurrentHashMap<>();
    final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    /** {@code scope/name} (scope "global" or a guild id) to the command's id. */
    final Map<String, Long> commandIds = new ConcurrentHashMap<>();
    final Map<String, List<Map<String, Object>>> commands = new ConcurrentHashMap<>();
    final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    final List<InteractionCallback> callbacks = new CopyOnWriteArrayList<>();

    /** Whether interactions expire as on Discord: 3 s to answer, 15 min for follow-ups. */
    final boolean interactionDeadlines;

    DiscordState(Snowflakes ids, Gateway gateway, String botName, boolean interactionDeadlines) {
        this.ids = ids;
        this.gateway = gateway;
        this.interactionDeadlines = interactionDeadlines;
        this.bot = createUser(botName, true);
        this.applicationOwner = createUser("app-owner", false);
        // bots created today have an application id equal to their user id
        this.applicationId = bot.id();
    }

    FakeUser createUser(String username, boolean isBot) {
        FakeUser user = new FakeUser(ids.next(), username, isBot);
        users.put(user.id(), user);
        return user;
    }

    /** The DM channel between the bot and this user, created on first use. */
    synchronized long openDm(FakeUser user) {
        for (Map.Entry<Long, FakeUser> dm : dmRecipients.entrySet()) {
            if (dm.getValue().id() == user.id()) {
                return dm.getKey();
            }
        }
        long channelId = ids.next();
        dmRecipients.put(channelId, user);
        return channelId;
    }

    Optional<String> messageContent(long messageId) {
        StoredMessage message = messages.get(messageId);
        if (message == null) {
            return Optional.empty();
        }
        synchronized (message) {
            return Optional.of(message.content);
        }
    }

    record ChannelRef(long id, @Nullable FakeGuild guild, int type, @Nullable FakeUser recipient) {}

    record InteractionState(long id, ChannelRef channel, FakeUser user, Instant createdAt) {}


    Optional<ChannelRef> channel(long channelId) {
        FakeUser recipient = dmRecipients.get(channelId);
        if (recipient != null) {
            return Optional.of(new ChannelRef(channelId, null, 1, recipient));
        }
        for (FakeGuild guild : guilds.values()) {
            Optional<FakeGuild.Channel> channel = guild.channel(channelId);
            if (channel.isPresent()) {
                return Optional.of(new ChannelRef(channelId, guild, channel.get().type(), null));
            }
        }
        return Optional.empty();
    }

    Map<String, Object> channelJson(ChannelRef channel) {
        if (channel.guild() != null) {
            return channel.guild().channelJson(channel.id());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(channel.id()));
        json.put("type", 1);
        json.put("last_message_id", null);
        json.put("flags", 0);
        json.put("recipients", channel.recipient() == null ? List.of() : List.of(channel.recipient().toJson()));
        return json;
    }

    Map<String, Object> attachment(long channelId, String filename, int size, @Nullable String contentType) {
        long attachmentId = ids.next();
        String url = "https://cdn.discordapp.com/attachments/" + Long.toUnsignedString(channelId) + "/"
                + Long.toUnsignedString(attachmentId) + "/" + filename;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(attachmentId));
        json.put("filename", filename);
        json.put("size", size);
        json.put("url", url);
        json.put("proxy_url", url.replace("cdn.discordapp.com", "media.discordapp.net"));
        if (contentType != null) {
            json.put("content_type", contentType);
        }
        return json;
    }

    Map<String, Object> messageJson(StoredMessage message) {
        return message.toJson(users, true);
    }

    void dispatchMessage(String type, StoredMessage message) {
        if ((message.flags & 64) != 0) {
            return; // ephemeral messages are never dispatched
        }
        long guildId = message.guild == null ? 0 : message.guild.id();
        gateway.dispatch(type, guildId, session -> messageJson(message));
    }

    void dispatchDelete(StoredMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(message.id));
        json.put("channel_id", Long.toUnsignedString(message.channelId));
        if (message.guild != null) {
            json.put("guild_id", Long.toUnsignedString(message.guild.id()));
        }
        gateway.dispatch("MESSAGE_DELETE", message.guild == null ? 0 : message.guild.id(), session -> json);
    }

    /** Stores a message the bot wrote through REST, with its uploaded files as attachments. */
    StoredMessage botMessage(ChannelRef channel, String content, int type, @Nullable StoredMessage referenced,
            int flags, @Nullable Long webhookId, List<String> files) {
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (String file : files) {
            attachments.add(attachment(channel.id(), file, 0, null));
        }
        StoredMessage message = new StoredMessage(ids.next(), channel.id(), channel.guild(), bot.toJson(), bot.id(),
                webhookId, webhookId == null ? null : applicationId, type, referenced, attachments, content, flags);
        messages.put(message.id, message);
        return message;
    }
}
