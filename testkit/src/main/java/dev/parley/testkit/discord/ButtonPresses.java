package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Presses of message buttons: a component interaction (type 3) as Discord sends it, with the
 * message and its components, answered through the same callback routes as slash commands.
 */
final class ButtonPresses {

    private final Snowflakes ids;
    private final DiscordState state;
    private final Gateway gateway;

    ButtonPresses(Snowflakes ids, DiscordState state, Gateway gateway) {
        this.ids = ids;
        this.state = state;
        this.gateway = gateway;
    }

    /** {@code user} presses the button {@code customId} under {@code pressed}: dispatches INTERACTION_CREATE. */
    FakeInteraction press(StoredMessage pressed, FakeUser user, String customId) {
        DiscordState.ChannelRef channel = state.channel(pressed.channelId).orElseThrow();
        FakeGuild guild = channel.guild();
        if (guild == null || !guild.isMember(user)) {
            throw new IllegalArgumentException(user.username() + " cannot press a button in channel " + channel.id());
        }
        long interactionId = ids.next();
        String interactionToken = "interaction-" + UUID.randomUUID();
        Map<String, Object> member = guild.memberJson(user.id());
        member.put("permissions", Long.toString(guild.permissionsOf(user)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(interactionId));
        json.put("application_id", Long.toUnsignedString(state.applicationId));
        json.put("type", 3);
        json.put("token", interactionToken);
        json.put("version", 1);
        json.put("data", Map.of("custom_id", customId, "component_type", 2));
        json.put("message", state.messageJson(pressed));
        json.put("channel_id", Long.toUnsignedString(channel.id()));
        json.put("channel", state.channelJson(channel));
        json.put("locale", "en-US");
        json.put("entitlements", List.of());
        json.put("attachment_size_limit", 10_485_760);
        json.put("app_permissions", Long.toString(guild.permissionsOf(state.bot)));
        json.put("guild_id", Long.toUnsignedString(guild.id()));
        json.put("guild", Map.of("id", Long.toUnsignedString(guild.id()), "locale", "en-US", "features", List.of()));
        json.put("guild_locale", "en-US");
        json.put("member", member);
        json.put("context", 0);
        json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(guild.id())));
        state.interactions.put(interactionToken, new DiscordState.InteractionState(interactionId, channel, user, ids.now()));
        gateway.dispatch("INTERACTION_CREATE", guild.id(), session -> json);
        return new FakeInteraction(interactionId, interactionToken, channel.id(), guild.id());
    }

    /** The custom ids of the buttons under {@code message}, in order; empty when it has none (or is null). */
    static List<String> customIds(@Nullable StoredMessage message) {
        List<String> found = new ArrayList<>();
        if (message == null) {
            return List.of();
        }
        synchronized (message) {
            for (Map<String, Object> row : message.components) {
                if (row.get("components") instanceof List<?> cells) {
                    for (Object cell : cells) {
                        if (cell instanceof Map<?, ?> button && button.get("custom_id") instanceof String id) {
                            found.add(id);
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }
}
