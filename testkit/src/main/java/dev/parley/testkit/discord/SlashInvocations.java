package dev.parley.testkit.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A slash command as Discord delivers it: the INTERACTION_CREATE (type 2) payload with its
 * options, the {@code resolved} users, members, channels and roles, and the invoking member's
 * permissions, dispatched on the gateway and remembered so that the bot's callback can be checked.
 */
final class SlashInvocations {

    private final Snowflakes ids;
    private final DiscordState state;
    private final Gateway gateway;

    SlashInvocations(Snowflakes ids, DiscordState state, Gateway gateway) {
        this.ids = ids;
        this.state = state;
        this.gateway = gateway;
    }

    FakeInteraction invoke(SlashCommandDraft draft) {
        DiscordState.ChannelRef channel = state.channel(draft.channelId)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + draft.channelId));
        FakeGuild guild = channel.guild();
        long interactionId = ids.next();
        String interactionToken = "interaction-" + UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        String scope = guild == null ? "global" : Long.toUnsignedString(guild.id());
        Long commandId = state.commandIds.get(scope + "/" + draft.name);
        if (commandId == null) {
            commandId = state.commandIds.get("global/" + draft.name);
        }
        data.put("id", Long.toUnsignedString(commandId != null ? commandId : ids.next()));
        data.put("name", draft.name);
        data.put("type", 1);
        if (guild != null) {
            data.put("guild_id", Long.toUnsignedString(guild.id()));
        }
        data.put("resolved", resolved(draft, guild));
        if (draft.group != null && draft.subcommand == null) {
            throw new IllegalArgumentException("a subcommand group needs a subcommand");
        }
        if (draft.subcommand != null) {
            List<Map<String, Object>> sub = List.of(Map.of("name", draft.subcommand, "type", 1, "options", draft.options));
            data.put("options", draft.group == null ? sub : List.of(Map.of("name", draft.group, "type", 2, "options", sub)));
        } else {
            data.put("options", draft.options);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(interactionId));
        json.put("application_id", Long.toUnsignedString(state.applicationId));
        json.put("type", 2);
        json.put("token", interactionToken);
        json.put("version", 1);
        json.put("data", data);
        json.put("channel_id", Long.toUnsignedString(channel.id()));
        json.put("channel", state.channelJson(channel));
        json.put("locale", "en-US");
        json.put("entitlements", List.of());
        json.put("attachment_size_limit", 10_485_760);
        json.put("app_permissions", Long.toString(guild == null ? PermissionBits.EVERYONE_DEFAULT : guild.permissionsOf(state.bot)));
        if (guild != null) {
            if (!guild.isMember(draft.user)) {
                throw new IllegalArgumentException(draft.user.username() + " is not a member of " + guild.name());
            }
            Map<String, Object> member = guild.memberJson(draft.user.id());
            member.put("permissions", Long.toString(guild.permissionsOf(draft.user)));
            json.put("guild_id", Long.toUnsignedString(guild.id()));
            json.put("guild", Map.of("id", Long.toUnsignedString(guild.id()), "locale", "en-US", "features", List.of()));
            json.put("guild_locale", "en-US");
            json.put("member", member);
            json.put("context", 0);
            json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(guild.id())));
        } else {
            json.put("user", draft.user.toJson());
            json.put("context", 1);
            json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(draft.user.id())));
        }
        state.interactions.put(interactionToken, new DiscordState.InteractionState(interactionId, channel, draft.user, ids.now()));
        gateway.dispatch("INTERACTION_CREATE", guild == null ? 0 : guild.id(), session -> json);
        return new FakeInteraction(interactionId, interactionToken, channel.id(), guild == null ? null : guild.id());
    }

    /** The {@code resolved} object: what Discord includes for user, channel and role options. */
    private Map<String, Object> resolved(SlashCommandDraft draft, @Nullable FakeGuild guild) {
        Map<String, Object> users = new LinkedHashMap<>();
        Map<String, Object> members = new LinkedHashMap<>();
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> roles = new LinkedHashMap<>();
        for (FakeUser user : draft.resolvedUsers) {
            String id = Long.toUnsignedString(user.id());
            users.put(id, user.toJson());
            if (guild != null && guild.isMember(user)) {
                Map<String, Object> member = guild.memberJson(user.id());
                member.remove("user");
                member.put("permissions", Long.toString(guild.permissionsOf(user)));
                members.put(id, member);
            }
        }
        for (long channelId : draft.resolvedChannels) {
            DiscordState.ChannelRef channel = state.channel(channelId)
                    .orElseThrow(() -> new IllegalArgumentException("unknown channel " + channelId));
            channels.put(Long.toUnsignedString(channelId), state.channelJson(channel));
        }
        for (long roleId : draft.resolvedRoles) {
            if (guild == null) {
                throw new IllegalArgumentException("role options need a guild channel");
            }
            roles.put(Long.toUnsignedString(roleId), guild.roleJson(roleId));
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        if (!users.isEmpty()) {
            resolved.put("users", users);
        }
        if (!members.isEmpty()) {
            resolved.put("members", members);
        }
        if (!channels.isEmpty()) {
            resolved.put("channels", channels);
        }
        if (!roles.isEmpty()) {
            resolved.put("roles", roles);
        }
        return resolved;
    }
}
