package dev.parley.testkit.telegram;

import org.jspecify.annotations.Nullable;

/**
 * A message the bot sent, as the chat shows it now: edits applied.
 *
 * @param replyTo the message it answers, or null
 * @param edits how many times its text was edited
 * @param deleted whether the bot deleted it
 */
public record BotMessage(long chatId, long messageId, String text, @Nullable Long replyTo, int edits,
        boolean deleted) {}
