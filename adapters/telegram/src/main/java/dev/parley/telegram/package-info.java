/**
 * Telegram adapter: TelegramBots long polling in, {@code InboundMessage}s to the core, replies out.
 *
 * <p>Placeholder: this module only compiles against TelegramBots so far; the update consumer,
 * commands and the streaming reply sink arrive with the Telegram issue.
 */
@NullMarked
package dev.parley.telegram;

import org.jspecify.annotations.NullMarked;
