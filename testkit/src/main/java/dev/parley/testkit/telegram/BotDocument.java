package dev.parley.testkit.telegram;

import java.nio.charset.StandardCharsets;

/**
 * A file the bot sent with {@code sendDocument}.
 *
 * @param fileName the name the upload gave it
 * @param content the file's bytes, read as UTF-8 text (the fake keeps multipart bodies as text)
 */
public record BotDocument(long chatId, long messageId, String fileName, String content, String caption) {

    /** The content's bytes. */
    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
