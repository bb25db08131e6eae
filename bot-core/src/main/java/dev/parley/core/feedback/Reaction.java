package dev.parley.core.feedback;

import dev.parley.core.conversation.Location;
import java.util.List;
import java.util.Objects;

/**
 * A change of one person's reactions on one message, as an adapter reports it.
 *
 * @param location where the message is, as the adapter locates messages for the core
 * @param messageId the platform's id of the message reacted to
 * @param voterId who reacted
 * @param voterIsBot whether that is a bot (the bot's own reactions included): never a vote
 * @param added the emoji now on the message from this person that were not before
 * @param removed the emoji this person took off the message
 */
public record Reaction(Location location, String messageId, String voterId, boolean voterIsBot, List<String> added,
        List<String> removed) {

    public Reaction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(voterId, "voterId");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** One emoji added, as Discord reports it. */
    public static Reaction added(Location location, String messageId, String voterId, boolean voterIsBot, String emoji) {
        return new Reaction(location, messageId, voterId, voterIsBot, List.of(emoji), List.of());
    }

    /** One emoji removed, as Discord reports it. */
    public static Reaction removed(Location location, String messageId, String voterId, boolean voterIsBot,
            String emoji) {
        return new Reaction(location, messageId, voterId, voterIsBot, List.of(), List.of(emoji));
    }

    /** The change between two lists of one person's reactions, as Telegram reports it. */
    public static Reaction changed(Location location, String messageId, String voterId, boolean voterIsBot,
            List<String> before, List<String> after) {
        return new Reaction(location, messageId, voterId, voterIsBot,
                after.stream().filter(e -> !before.contains(e)).toList(),
                before.stream().filter(e -> !after.contains(e)).toList());
    }
}
