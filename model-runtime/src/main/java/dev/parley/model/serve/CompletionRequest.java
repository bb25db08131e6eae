package dev.parley.model.serve;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code POST /v1/chat/completions} body, checked: the conversation and sampling the model is
 * asked for, and whether the reply is streamed.
 *
 * @param chat the turns and sampling for the model
 * @param stream whether the reply goes out as server-sent events
 */
record CompletionRequest(ChatRequest chat, boolean stream) {

    /**
     * Reads {@code body}. Fields OpenAI defines that do not change what this server does
     * ({@code top_p}, {@code user}, {@code stream_options}...) are ignored; those it cannot honour
     * ({@code n} other than 1) are refused.
     *
     * @throws ApiError (400) naming the field that is wrong
     */
    static CompletionRequest parse(byte[] body, JsonMapper json, ModelServerSettings settings) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.invalid(null, "the body is not valid JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid(null, "the body must be a JSON object");
        }
        JsonNode model = root.path("model");
        if (!model.isMissingNode() && !model.isString()) {
            throw ApiError.invalid("model", "model must be a string");
        }
        boolean stream = booleanField(root, "stream", false);
        int maxTokens = maxTokens(root, settings);
        float temperature = temperature(root, settings);
        long seed = seed(root, settings);
        JsonNode n = root.path("n");
        // canConvertToInt first: asInt on an integer beyond 32 bits throws instead of answering
        if (!n.isMissingNode() && !n.isNull() && !(n.isIntegralNumber() && n.canConvertToInt() && n.asInt() == 1)) {
            throw ApiError.invalid("n", "only one choice per request is supported (n = 1)");
        }
        return new CompletionRequest(new ChatRequest(turns(root.path("messages")),
                new GenerationSettings(maxTokens, temperature, seed)), stream);
    }

    private static List<ChatTurn> turns(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("messages", "messages must be a non-empty array");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            if (!message.isObject()) {
                throw ApiError.invalid(param, param + " must be an object");
            }
            String content = content(message.path("content"), param + ".content");
            JsonNode role = message.path("role");
            turns.add(switch (role.isString() ? role.stringValue() : "") {
                // "developer" is OpenAI's newer name for the system role
                case "system", "developer" -> ChatTurn.system(content);
                case "user" -> ChatTurn.user(content);
                case "assistant" -> ChatTurn.assistant(content);
                default -> throw ApiError.invalid(param + ".role",
                        param + ".role must be \"system\", \"user\" or \"assistant\"");
            });
        }
        return turns;
    }

    /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined. */
    private static String content(JsonNode content, String param) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.path("type").isString() || !part.path("type").stringValue().equals("text")
                        || !part.path("text").isString()) {
                    throw ApiError.invalid(param, param + " may only hold text parts");
                }
                text.append(part.path("text").stringValue());
            }
            return text.toString();
        }
        throw ApiError.invalid(param, param + " must be a string");
    }

    private static int maxTokens(JsonNode root, ModelServerSettings settings) {
        String name = root.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        JsonNode value = root.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return settings.maxTokens();
        }
        if (!value.isIntegralNumber() || (value.canConvertToInt() && value.asInt() < 1)) {
            throw ApiError.invalid(name, name + " must be a positive integer");
        }
        if (!value.canConvertToInt()) {
            // asInt would throw on it, and no model holds 2^31 tokens: a client mistake to name
            throw ApiError.invalid(name, name + " must be a positive integer of at most " + Integer.MAX_VALUE
                    + " (this server lowers it to " + settings.maxTokens() + ")");
        }
        // more than the server allows is lowered to its limit, as llama-server's --n-predict does
        return Math.min(value.asInt(), settings.maxTokens());
    }

    private static float temperature(JsonNode root, ModelServerSettings settings) {
        JsonNode value = root.path("temperature");
        if (value.isMissingNode() || value.isNull()) {
            return settings.temperature();
        }
        if (!value.isNumber() || !(value.asDouble() >= 0) || value.asDouble() > 2) {
            throw ApiError.invalid("temperature", "temperature must be a number within [0, 2]");
        }
        return (float) value.asDouble();
    }

    private static long seed(JsonNode root, ModelServerSettings settings) {
        JsonNode value = root.path("seed");
        if (value.isMissingNode() || value.isNull()) {
            return settings.seed();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.invalid("seed", "seed must be an integer");
        }
        return value.asLong();
    }

    private static boolean booleanField(JsonNode root, String name, boolean absent) {
        JsonNode value = root.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalid(name, name + " must be true or false");
        }
        return value.booleanValue();
    }

    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
