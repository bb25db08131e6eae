package dev.parley.testkit.discord;

import org.jspecify.annotations.Nullable;

/**
 * An interaction the fake server dispatched to the bot.
 *
 * @param id the interaction's id, which callbacks name
 * @param token the token for callbacks and follow-ups
 * @param channelId the channel it was invoked in
 * @param guildId the guild, or null in a DM
 */
public record FakeInteraction(long id, String token, long channelId, @Nullable Long guildId) {}
