package dev.parley.testkit.discord;

import java.nio.charset.StandardCharsets;

/**
 * A file the bot uploaded with a message the server accepted (multipart {@code files[n]}).
 *
 * @param path the request's path after {@code /api/v10/}, e.g. {@code channels/1/messages}
 * @param fileName the name the upload gave it
 * @param bytes the file's content
 */
public record UploadedFile(String path, String fileName, byte[] bytes) {

    public UploadedFile {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The content read as UTF-8 text. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The channel of {@code channels/{id}/messages}, or 0 for another path. */
    public long channelId() {
        String[] parts = path.split("/");
        return parts.length >= 3 && parts[0].equals("channels") ? Long.parseLong(parts[1]) : 0;
    }
}
