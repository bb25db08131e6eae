/**
 * A fake Telegram Bot API server for end-to-end tests: the real TelegramBots client talks to it
 * over HTTP on 127.0.0.1, tests play the users and read what the bot sent.
 */
@NullMarked
package dev.parley.testkit.telegram;

import org.jspecify.annotations.NullMarked;
