package dev.parley.app.chat;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.bot.*}: how the bot behaves in every conversation.
 *
 * @param systemPrompt the system prompt of the built-in persona {@code default}
 * @param maxInputChars longer messages are refused with a notice
 * @param persona the persona channels get until an admin picks another
 * @param personas more personas by name, each with its own system prompt and, optionally,
 *     sampling and LoRA adapter scales (unset values come from {@code parley.model.*})
 */
@ConfigurationProperties("parley.bot")
public record BotProperties(
        @DefaultValue("You are Parley, a friendly and helpful assistant in a group chat. Answer briefly and politely.")
                String systemPrompt,
        @DefaultValue("4000") int maxInputChars,
        @DefaultValue("default") String persona,
        @DefaultValue Map<String, PersonaProperties> personas) {

    /**
     * {@code parley.bot.personas.<name>.*}.
     *
     * @param adapterScales the scale of each LoRA adapter by name (the adapter's file name without
     *     {@code .gguf}); the llama backend applies them per request
     */
    public record PersonaProperties(
            String systemPrompt,
            @Nullable Integer maxNewTokens,
            @Nullable Float temperature,
            @Nullable Long seed,
            @DefaultValue Map<String, Float> adapterScales) {}
}
