package dev.parley.testkit.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every INTERACTION_CREATE Discord delivers has in common, whatever its type: the ids and
 * token, the channel, the guild and invoking member with their permissions (or, in a direct
 * message, the user), remembered so that the bot's callback can be checked, and dispatched on the
 * gateway. Slash commands and button presses add their own {@code data}.
 */
final class InteractionDispatch {

    private final Snowflakes ids;
    private final DiscordState state;
    private final Gateway gateway;

    InteractionDispatch(Snowflakes ids, DiscordState state, Gateway gateway) {
        this.ids = ids;
        this.state = state;
        this.gateway = gateway;
    }

    /**
     * Dispatches an interaction of {@code type} by {@code user} in {@code channel}.
     *
     * @param data made after the interaction's id is drawn, so ids come in the order Discord's do
     * @param extra fields the type adds after {@code data}, such as a button's {@code message}
     */
    FakeInteraction dispatch(int type, DiscordState.ChannelRef channel, FakeUser user,
            Supplier<Map<String, Object>> data, Map<String, Object> extra) {
        FakeGuild guild = channel.guild();
        long interactionId = ids.next();
        String interactionToken = "interaction-" + UUID.randomUUID();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(interactionId));
        json.put("application_id", Long.toUnsignedString(state.applicationId));
        json.put("type", type);
        json.put("token", interactionToken);
        json.put("version", 1);
        json.put("data", data.get());
        json.putAll(extra);
        json.put("channel_id", Long.toUnsignedString(channel.id()));
        json.put("channel", state.channelJson(channel));
        json.put("locale", "en-US");
        json.put("entitlements", List.of());
        json.put("attachment_size_limit", 10_485_760);
        json.put("app_permissions", Long.toString(guild == null ? PermissionBits.EVERYONE_DEFAULT : guild.permissionsOf(state.bot)));
        if (guild != null) {
            Map<String, Object> member = guild.memberJson(user.id());
            member.put("permissions", Long.toString(guild.permissionsOf(user)));
            json.put("guild_id", Long.toUnsignedString(guild.id()));
            json.put("guild", Map.of("id", Long.toUnsignedString(guild.id()), "locale", "en-US", "features", List.of()));
            json.put("guild_locale", "en-US");
            json.put("member", member);
            json.put("context", 0);
            json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(guild.id())));
        } else {
            json.put("user", user.toJson());
            json.put("context", 1);
            json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(user.id())));
        }
        state.interactions.put(interactionToken, new DiscordState.InteractionState(interactionId, channel, user, ids.now()));
        gateway.dispatch("INTERACTION_CREATE", guild == null ? 0 : guild.id(), session -> json);
        return new FakeInteraction(interactionId, interactionToken, channel.id(), guild == null ? null : guild.id());
    }
}
