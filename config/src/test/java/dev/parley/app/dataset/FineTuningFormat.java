package dev.parley.app.dataset;

import java.util.List;
import java.util.Set;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict reader of the two line formats trainers take, as a test's judge: OpenAI's chat
 * fine-tuning lines and DPO preference lines. A field it does not know, a missing or null field, a
 * role other than system/user/assistant, content that is not a non-empty string, or a conversation
 * without a user message or not ending with the assistant's is refused with an exception.
 */
public final class FineTuningFormat {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    /** One line of OpenAI's chat fine-tuning format. */
    public record ChatLine(List<Message> messages) {}

    /** One message of a chat line. */
    public record Message(String role, String content) {}

    /** One DPO line. */
    public record PreferenceLine(String prompt, String chosen, String rejected) {}

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The chat line {@code line}, checked. */
    public ChatLine chat(String line) {
        strings(json.readTree(line).path("messages"), "role", "content");
        ChatLine chat = json.readValue(line, ChatLine.class);
        if (chat.messages().isEmpty()) {
            throw new IllegalArgumentException("no messages: " + line);
        }
        for (Message message : chat.messages()) {
            if (!ROLES.contains(message.role())) {
                throw new IllegalArgumentException("role " + message.role() + " is not system, user or assistant");
            }
            if (message.content().isEmpty()) {
                throw new IllegalArgumentException("empty content in " + line);
            }
        }
        if (chat.messages().stream().noneMatch(m -> m.role().equals("user"))) {
            throw new IllegalArgumentException("no user message in " + line);
        }
        if (!chat.messages().getLast().role().equals("assistant")) {
            throw new IllegalArgumentException("the last message is not the assistant's in " + line);
        }
        return chat;
    }

    /** The preference line {@code line}, checked. */
    public PreferenceLine preference(String line) {
        JsonNode tree = json.readTree(line);
        strings(List.of(tree), "prompt", "chosen", "rejected");
        PreferenceLine pair = json.readValue(line, PreferenceLine.class);
        if (pair.prompt().isEmpty() || pair.chosen().isEmpty() || pair.rejected().isEmpty()) {
            throw new IllegalArgumentException("an empty field in " + line);
        }
        return pair;
    }

    /** Jackson would turn a number into a string: the format wants strings, so the tree is checked first. */
    private static void strings(Iterable<JsonNode> objects, String... fields) {
        for (JsonNode object : objects) {
            if (!object.isObject()) {
                throw new IllegalArgumentException("not an object: " + object);
            }
            for (String field : fields) {
                if (!object.path(field).isString()) {
                    throw new IllegalArgumentException(field + " is not a string in " + object);
                }
            }
        }
    }

    private static void strings(JsonNode array, String... fields) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("messages is not an array: " + array);
        }
        List<JsonNode> messages = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(array.get(i));
        }
        strings(messages, fields);
    }
}
