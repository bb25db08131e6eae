package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The people who run this bot, as opposed to the admins of a server or chat it is in: they may
 * change what the whole installation runs (the model). On each platform, a configured list of
 * user ids; on the console, the person at the terminal.
 *
 * @param ids the operators' user ids per platform; a platform missing has none
 */
public record Operators(Map<Platform, Set<String>> ids) {

    public Operators {
        var copy = new EnumMap<Platform, Set<String>>(Platform.class);
        ids.forEach((platform, users) -> copy.put(platform, Set.copyOf(users)));
        ids = Map.copyOf(copy);
    }

    /** Only the person at the console. */
    public static Operators consoleOnly() {
        return new Operators(Map.of());
    }

    /** Whether the author of {@code message} is an operator. */
    public boolean wrote(InboundMessage message) {
        Platform platform = message.location().platform();
        // the console is the machine the bot runs on: whoever types there runs the bot
        return platform == Platform.CONSOLE
                || ids.getOrDefault(platform, Set.of()).contains(message.author().id());
    }
}
