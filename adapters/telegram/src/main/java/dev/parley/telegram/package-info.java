/**
 * The Telegram adapter: TelegramBots long polling turns updates into the core's
 * {@code InboundMessage}s; replies go back as messages that grow by edits, paced by the core's
 * {@code OutboundScheduler} within Telegram's limits, always as plain text.
 *
 * <p>{@link dev.parley.telegram.TelegramAdapter} is the entry point; everything else is internal.
 */
@NullMarked
package dev.parley.telegram;

import org.jspecify.annotations.NullMarked;
