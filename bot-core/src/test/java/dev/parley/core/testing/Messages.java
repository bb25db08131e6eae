package dev.parley.core.testing;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Inbound messages for tests: a Discord channel, a user, an admin and a bot to write them. */
public final class Messages {

    public static final Location GENERAL = new Location(Platform.DISCORD, "guild-1", "general", null);
    public static final Location OTHER_GUILD = new Location(Platform.DISCORD, "guild-2", "general", null);
    public static final Author ALICE = new Author("alice", "Alice", Set.of(), false, false);
    public static final Author BOB = new Author("bob", "Bob", Set.of(), false, false);
    public static final Author ADMIN = new Author("admin", "Admin", Set.of("mod"), true, false);
    public static final Author OTHER_BOT = new Author("bot-2", "Other bot", Set.of(), false, true);

    private static final AtomicInteger IDS = new AtomicInteger();

    private Messages() {}

    /** A message that mentions the bot. */
    public static InboundMessage mention(Author author, String text) {
        return message(GENERAL, author, text, true);
    }

    public static InboundMessage message(Location location, Author author, String text, boolean mentionsBot) {
        return new InboundMessage("m" + IDS.incrementAndGet(), location, author, text, null, mentionsBot, false,
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
