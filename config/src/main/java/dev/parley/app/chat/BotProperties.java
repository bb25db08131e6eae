package dev.parley.app.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.bot.*}: how the bot behaves in every conversation.
 *
 * @param systemPrompt the instructions the model gets first in every conversation
 * @param maxInputChars longer messages are refused with a notice
 */
@ConfigurationProperties("parley.bot")
public record BotProperties(
        @DefaultValue("You are Parley, a friendly and helpful assistant in a group chat. Answer briefly and politely.")
                String systemPrompt,
        @DefaultValue("4000") int maxInputChars) {}
