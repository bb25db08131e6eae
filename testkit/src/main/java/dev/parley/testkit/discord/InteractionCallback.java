package dev.parley.testkit.discord;

import java.util.Map;

/**
 * An answer the bot gave to an interaction through {@code POST interactions/{id}/{token}/callback}.
 *
 * @param interactionId the interaction answered
 * @param type the callback type: 4 reply with a message, 5 defer, 6 deferred update, 7 update, 9 modal
 * @param data the {@code data} object (empty for a plain deferral)
 */
public record InteractionCallback(long interactionId, int type, Map<String, Object> data) {

    /** Whether the reply or deferral is visible only to the invoking user (flag 64). */
    public boolean ephemeral() {
        return data.get("flags") instanceof Number flags && (flags.longValue() & 64) != 0;
    }
}
