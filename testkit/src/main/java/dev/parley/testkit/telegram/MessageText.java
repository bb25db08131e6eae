package dev.parley.testkit.telegram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message's text as Telegram shows it to a bot: the {@code bot_command} and {@code mention}
 * entities it finds in the text, and a replied-to message nested one level deep only.
 */
final class MessageText {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z][A-Za-z0-9_]{3,31})");
    private static final Pattern COMMAND = Pattern.compile("(?<!\\S)/[A-Za-z0-9_]{1,32}(@[A-Za-z][A-Za-z0-9_]{3,31})?");

    private MessageText() {}

    static Map<String, Object> withoutReply(Map<String, Object> message) {
        Map<String, Object> copy = new LinkedHashMap<>(message);
        copy.remove("reply_to_message"); // Telegram nests one level only
        return copy;
    }

    static void putText(Map<String, Object> message, String text) {
        message.put("text", text);
        List<Map<String, Object>> entities = new ArrayList<>();
        Matcher command = COMMAND.matcher(text);
        while (command.find()) {
            entities.add(entity("bot_command", command.start(), command.end()));
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            boolean insideCommand = entities.stream().anyMatch(e -> (Integer) e.get("offset") <= mention.start()
                    && mention.start() < (Integer) e.get("offset") + (Integer) e.get("length"));
            if (!insideCommand) {
                entities.add(entity("mention", mention.start(), mention.end()));
            }
        }
        entities.sort((a, b) -> Integer.compare((Integer) a.get("offset"), (Integer) b.get("offset")));
        if (!entities.isEmpty()) {
            message.put("entities", entities);
        }
    }

    private static Map<String, Object> entity(String type, int start, int end) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", type);
        entity.put("offset", start);
        entity.put("length", end - start);
        return entity;
    }
}
