package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A guild (server) on the fake Discord server: roles with real permission bits, text channels,
 * threads and members. Build it before the client connects; the gateway sends it in
 * GUILD_CREATE. Every guild starts with @everyone ({@link PermissionBits#EVERYONE_DEFAULT}),
 * an "admin" role with {@link PermissionBits#MANAGE_GUILD} and the bot as a member. Roles,
 * channels and members added after the client received the guild are not announced to it.
 */
public final class FakeGuild {

    record Role(long id, String name, long permissions, int position) {}

    record Channel(long id, int type, String name, long parentId, int position) {}

    private final long id;
    private final String name;
    private final Snowflakes ids;
    private final Map<Long, Role> roles = new LinkedHashMap<>();
    private final Map<Long, Channel> channels = new LinkedHashMap<>();
    private final Map<Long, Set<Long>> memberRoles = new LinkedHashMap<>();
    private final Map<Long, FakeUser> members = new LinkedHashMap<>();
    private final long adminRoleId;
    private long ownerId;

    FakeGuild(long id, String name, Snowflakes ids, FakeUser bot) {
        this.id = id;
        this.name = name;
        this.ids = ids;
        roles.put(id, new Role(id, "@everyone", PermissionBits.EVERYONE_DEFAULT, 0));
        this.adminRoleId = addRole("admin", PermissionBits.MANAGE_GUILD | PermissionBits.MANAGE_MESSAGES);
        addMember(bot);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The @everyone role, whose id is the guild's id. */
    public long everyoneRoleId() {
        return id;
    }

    /** The role created with the guild that holds MANAGE_GUILD and MANAGE_MESSAGES. */
    public long adminRoleId() {
        return adminRoleId;
    }

    /** Adds a role with these permission bits (see {@link PermissionBits}) and returns its id. */
    public synchronized long addRole(String roleName, long permissions) {
        long roleId = ids.next();
        roles.put(roleId, new Role(roleId, roleName, permissions, roles.size()));
        return roleId;
    }

    /** Replaces the permissions of a role, including @everyone (id == guild id). */
    public synchronized FakeGuild setRolePermissions(long roleId, long permissions) {
        Role role = requireRole(roleId);
        roles.put(roleId, new Role(roleId, role.name(), permissions, role.position()));
        return this;
    }

    /** Adds a text channel and returns its id. */
    public synchronized long addTextChannel(String channelName) {
        long channelId = ids.next();
        channels.put(channelId, new Channel(channelId, 0, channelName, 0, channels.size()));
        return channelId;
    }

    /** Adds a public thread under a text channel of this guild and returns its id. */
    public synchronized long addThread(long parentChannelId, String threadName) {
        Channel parent = channels.get(parentChannelId);
        if (parent == null || parent.type() != 0) {
            throw new IllegalArgumentException("no text channel " + parentChannelId + " in guild " + name);
        }
        long threadId = ids.next();
        channels.put(threadId, new Channel(threadId, 11, threadName, parentChannelId, 0));
        return threadId;
    }

    /** Adds a member with these roles besides @everyone, or replaces the roles of a member. */
    public synchronized FakeGuild addMember(FakeUser user, long... roleIds) {
        Set<Long> set = new LinkedHashSet<>();
        for (long roleId : roleIds) {
            requireRole(roleId);
            if (roleId != id) {
                set.add(roleId);
            }
        }
        members.put(user.id(), user);
        memberRoles.put(user.id(), set);
        return this;
    }

    /** Makes a member the owner; Discord gives the owner every permission. */
    public synchronized FakeGuild setOwner(FakeUser user) {
        if (!members.containsKey(user.id())) {
            addMember(user);
        }
        ownerId = user.id();
        return this;
    }

    /** The permissions a member holds in the guild: the union of its roles, all for owners and admins. */
    public synchronized long permissionsOf(FakeUser user) {
        Set<Long> held = memberRoles.get(user.id());
        if (held == null) {
            throw new IllegalArgumentException(user.username() + " is not a member of " + name);
        }
        if (user.id() == ownerId) {
            return PermissionBits.ALL;
        }
        long permissions = roles.get(id).permissions();
        for (long roleId : held) {
            permissions |= roles.get(roleId).permissions();
        }
        return (permissions & PermissionBits.ADMINISTRATOR) != 0 ? PermissionBits.ALL : permissions;
    }

    public synchronized boolean isMember(FakeUser user) {
        return members.containsKey(user.id());
    }

    synchronized Optional<Channel> channel(long channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    synchronized List<Long> rolesOf(long userId) {
        Set<Long> held = memberRoles.get(userId);
        return held == null ? List.of() : List.copyOf(held);
    }

    private Role requireRole(long roleId) {
        Role role = roles.get(roleId);
        if (role == null) {
            throw new IllegalArgumentException("no role " + roleId + " in guild " + name);
        }
        return role;
    }

    synchronized @Nullable Map<String, Object> memberJson(long userId) {
        FakeUser user = members.get(userId);
        if (user == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", user.toJson());
        json.put("roles", memberRoles.get(userId).stream().map(Long::toUnsignedString).toList());
        json.put("joined_at", Snowflakes.timestampOf(id));
        json.put("nick", null);
        json.put("avatar", null);
        json.put("premium_since", null);
        json.put("communication_disabled_until", null);
        json.put("deaf", false);
        json.put("mute", false);
        json.put("pending", false);
        json.put("flags", 0);
        return json;
    }

    synchronized Map<String, Object> channelJson(long channelId) {
        Channel channel = channels.get(channelId);
        if (channel == null) {
            throw new IllegalArgumentException("no channel " + channelId + " in guild " + name);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(channel.id()));
        json.put("type", channel.type());
        json.put("guild_id", Long.toUnsignedString(id));
        json.put("name", channel.name());
        json.put("last_message_id", null);
        json.put("rate_limit_per_user", 0);
        json.put("nsfw", false);
        json.put("flags", 0);
        if (channel.type() == 11) {
            json.put("parent_id", Long.toUnsignedString(channel.parentId()));
            json.put("owner_id", Long.toUnsignedString(ownerId != 0 ? ownerId : members.keySet().iterator().next()));
            json.put("message_count", 0);
            json.put("total_message_count", 0);
            json.put("member_count", members.size());
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("archived", false);
            metadata.put("auto_archive_duration", 1440);
            metadata.put("archive_timestamp", Snowflakes.timestampOf(channel.id()));
            metadata.put("create_timestamp", Snowflakes.timestampOf(channel.id()));
            metadata.put("locked", false);
            metadata.put("invitable", true);
            json.put("thread_metadata", metadata);
        } else {
            json.put("position", channel.position());
            json.put("parent_id", null);
            json.put("topic", null);
            json.put("permission_overwrites", List.of());
        }
        return json;
    }

    synchronized Map<String, Object> roleJson(long roleId) {
        return roleJson(requireRole(roleId));
    }

    synchronized Map<String, Object> roleJson(Role role) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(role.id()));
        json.put("name", role.name());
        json.put("permissions", Long.toString(role.permissions()));
        json.put("position", role.position());
        json.put("color", 0);
        json.put("colors", Map.of("primary_color", 0));
        json.put("hoist", false);
        json.put("managed", false);
        json.put("mentionable", true);
        json.put("icon", null);
        json.put("unicode_emoji", null);
        json.put("flags", 0);
        return json;
    }

    /** The GUILD_CREATE payload: every field JDA reads, or its awaitReady() never returns. */
    synchronized Map<String, Object> guildCreateJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(id));
        json.put("name", name);
        json.put("icon", null);
        json.put("description", null);
        json.put("owner_id", Long.toUnsignedString(ownerId));
        json.put("unavailable", false);
        json.put("large", false);
        json.put("joined_at", Snowflakes.timestampOf(id));
        json.put("member_count", members.size());
        json.put("afk_timeout", 300);
        json.put("afk_channel_id", null);
        json.put("system_channel_id", null);
        json.put("verification_level", 0);
        json.put("default_message_notifications", 0);
        json.put("explicit_content_filter", 0);
        json.put("mfa_level", 0);
        json.put("nsfw_level", 0);
        json.put("premium_tier", 0);
        json.put("premium_subscription_count", 0);
        json.put("premium_progress_bar_enabled", false);
        json.put("system_channel_flags", 0);
        json.put("preferred_locale", "en-US");
        json.put("max_members", 500_000);
        json.put("features", List.of());
        json.put("roles", roles.values().stream().map(this::roleJson).toList());
        List<Object> textChannels = new ArrayList<>();
        List<Object> threads = new ArrayList<>();
        for (Channel channel : channels.values()) {
            (channel.type() == 11 ? threads : textChannels).add(channelJson(channel.id()));
        }
        json.put("channels", textChannels);
        json.put("threads", threads);
        json.put("members", members.keySet().stream().map(this::memberJson).toList());
        json.put("presences", List.of());
        json.put("voice_states", List.of());
        json.put("emojis", List.of());
        json.put("stickers", List.of());
        json.put("soundboard_sounds", List.of());
        json.put("guild_scheduled_events", List.of());
        json.put("stage_instances", List.of());
        return json;
    }
}
