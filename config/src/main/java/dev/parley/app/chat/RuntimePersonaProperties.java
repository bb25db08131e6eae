package dev.parley.app.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.runtime-personas.*}: what the personas admins make with {@code /persona create}
 * may be.
 *
 * @param maxPromptChars the longest system prompt, in characters (at most 8000, the column's size)
 * @param maxNewTokens the most tokens a reply of such a persona may have; never more than half of
 *     {@code parley.model.context-size}, so the conversation keeps room
 */
@ConfigurationProperties("parley.runtime-personas")
public record RuntimePersonaProperties(
        @DefaultValue("2000") int maxPromptChars,
        @DefaultValue("1024") int maxNewTokens) {

    /** The size of the database column that holds a system prompt. */
    public static final int STORED_PROMPT_CHARS = 8_000;
}
