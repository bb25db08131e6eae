package dev.parley.testkit.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A slash command as Discord delivers it: the INTERACTION_CREATE (type 2) payload with its
 * options, the {@code resolved} users, members, channels and roles, and the invoking member's
 * permissions, dispatched on the gateway and remembered so that the bot's callback can be checked.
 */
final class SlashInvocations {

    private final Snowflakes ids;
    private final DiscordState state;
    private final InteractionDispatch interactions;

    SlashInvocations(Snowflakes ids, DiscordState state, Gateway gateway) {
        this.ids = ids;
        this.state = state;
        this.interactions = new InteractionDispatch(ids, state, gateway);
    }

    FakeInteraction invoke(SlashCommandDraft draft) {
        DiscordState.ChannelRef channel = state.channel(draft.channelId)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + draft.channelId));
        FakeGuild guild = channel.guild();
        if (draft.group != null && draft.subcommand == null) {
            throw new IllegalArgumentException("a subcommand group needs a subcommand");
        }
        if (guild != null && !guild.isMember(draft.user)) {
            throw new IllegalArgumentException(draft.user.username() + " is not a member of " + guild.name());
        }
        return interactions.dispatch(2, channel, draft.user, () -> data(draft, guild), Map.of());
    }

    /** The command's {@code data}: its id, name, options and what they resolve to. */
    private Map<String, Object> data(SlashCommandDraft draft, @Nullable FakeGuild guild) {
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
        if (draft.subcommand != null) {
            List<Map<String, Object>> sub = List.of(Map.of("name", draft.subcommand, "type", 1, "options", draft.options));
            data.put("options", draft.group == null ? sub : List.of(Map.of("name", draft.group, "type", 2, "options", sub)));
        } else {
            data.put("options", draft.options);
        }
        return data;
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
