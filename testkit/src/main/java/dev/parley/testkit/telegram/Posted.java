package dev.parley.testkit.telegram;

/**
 * A message a test posted as a user: the update that carries it and the message's own id.
 *
 * @param updateId the id of the update the bot receives it in
 * @param chatId the chat it was posted in
 * @param messageId its id in that chat
 */
public record Posted(long updateId, long chatId, long messageId) {}
