package dev.parley.testkit.telegram;

/**
 * A button of an inline keyboard under one of the bot's messages.
 *
 * @param callbackData what a press sends back in its {@code callback_query}, or "" for a link button
 */
public record InlineButton(String text, String callbackData) {}
