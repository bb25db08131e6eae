package dev.parley.testkit.telegram;

import com.sun.net.httpserver.HttpExchange;
import dev.parley.testkit.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the fake reads a Bot API call and writes its answer: the parameters from the query, a JSON,
 * form or multipart body, each checked as Telegram checks it ({@link BadRequest} for a 400), and
 * the {@code {"ok":...}} envelope of every reply.
 */
final class BotApiCall {

    private BotApiCall() {}

    /** Appended to a multipart file field's name: the parameter holding the uploaded file's name. */
    static final String FILE_NAME = "#filename";

    /** An answer to a call: its HTTP status and JSON body. */
    record Reply(int status, Map<String, Object> body) {}

    /** The text fields of a {@code multipart/form-data} body (as TelegramBots sends {@code setWebhook}). */
    private static Map<String, String> multipart(String body, String contentType) {
        String boundary = contentType.substring(contentType.toLowerCase(Locale.ROOT).indexOf("boundary=") + 9)
                .replace("\"", "").split(";")[0].strip();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : body.split("--" + Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            Matcher name = Pattern.compile("\\bname=\"([^\"]*)\"").matcher(part.substring(0, headersEnd));
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(part.substring(0, headersEnd));
            if (name.find() && file.find()) {
                fields.put(name.group(1) + FILE_NAME, file.group(1));
            }
            if (name.find(0)) {
                String value = part.substring(headersEnd + 4);
                fields.put(name.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
            }
        }
        return fields;
    }

    static Map<String, @Nullable Object> params(HttpExchange exchange) throws IOException {
        Map<String, @Nullable Object> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(form(query));
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (body.isBlank()) {
            return params;
        }
        if (type.contains("json")) {
            if (!(Json.parse(body) instanceof Map<?, ?> json)) {
                throw new IllegalArgumentException("the JSON body must be an object");
            }
            json.forEach((k, v) -> params.put(String.valueOf(k), v));
        } else if (type.contains("x-www-form-urlencoded")) {
            params.putAll(form(body));
        } else if (type.startsWith("multipart/form-data") && type.contains("boundary=")) {
            params.putAll(multipart(body, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
        } else {
            throw new IllegalArgumentException("unsupported content type " + type);
        }
        return params;
    }

    private static Map<String, Object> form(String encoded) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    static long number(Map<String, @Nullable Object> params, String name, long otherwise) {
        Object value = params.get(name);
        if (value == null || String.valueOf(value).isBlank()) {
            return otherwise;
        }
        try {
            return Json.asLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number");
        }
    }

    static long required(Map<String, @Nullable Object> params, String name) {
        if (params.get(name) == null) {
            throw new BadRequest(name + " is required");
        }
        return number(params, name, 0);
    }

    static String checkedText(Map<String, @Nullable Object> params) {
        Object text = params.get("text");
        if (text == null || String.valueOf(text).isBlank()) {
            throw new BadRequest("message text is empty");
        }
        String value = String.valueOf(text);
        if (value.length() > FakeTelegramServer.MAX_MESSAGE_LENGTH) {
            throw new BadRequest("message is too long");
        }
        return value;
    }

    static @Nullable Long replyTo(Map<String, @Nullable Object> params) {
        Object reply = params.get("reply_parameters");
        if (reply instanceof String json) {
            reply = Json.parse(json);
        }
        if (reply instanceof Map<?, ?> parameters && parameters.get("message_id") != null) {
            return Json.asLong(parameters.get("message_id"));
        }
        Object id = params.get("reply_to_message_id");
        return id == null ? null : Json.asLong(id);
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    // ---- answers ----

    static Reply ok(Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("result", result);
        return new Reply(200, body);
    }

    static Map<String, Object> error(int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return body;
    }

    static void answer(HttpExchange exchange, int status, Map<String, Object> body) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client hung up (a cancelled long poll): its updates stay unconfirmed, as on Telegram
        }
    }
}
