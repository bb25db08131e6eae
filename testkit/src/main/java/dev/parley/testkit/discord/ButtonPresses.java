package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Presses of message buttons: a component interaction (type 3) as Discord sends it, with the
 * message and its components, answered through the same callback routes as slash commands.
 */
final class ButtonPresses {

    private final DiscordState state;
    private final InteractionDispatch interactions;

    ButtonPresses(Snowflakes ids, DiscordState state, Gateway gateway) {
        this.state = state;
        this.interactions = new InteractionDispatch(ids, state, gateway);
    }

    /** {@code user} presses the button {@code customId} under {@code pressed}: dispatches INTERACTION_CREATE. */
    FakeInteraction press(StoredMessage pressed, FakeUser user, String customId) {
        DiscordState.ChannelRef channel = state.channel(pressed.channelId).orElseThrow();
        FakeGuild guild = channel.guild();
        if (guild == null || !guild.isMember(user)) {
            throw new IllegalArgumentException(user.username() + " cannot press a button in channel " + channel.id());
        }
        return interactions.dispatch(3, channel, user, () -> Map.of("custom_id", customId, "component_type", 2),
                Map.of("message", state.messageJson(pressed)));
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
