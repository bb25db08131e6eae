package dev.parley.bench.moderation.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the JSON Lines files of the corpus (objects, arrays, strings, numbers,
 * booleans, null). Benchmarks has no JSON library of its own (Jackson only comes in through JDA),
 * and these files need nothing more. Values come back as {@code Map}, {@code List},
 * {@code String}, {@code Double}, {@code Boolean} or {@link #NULL}.
 */
final class JsonValue {

    /** JSON's {@code null}, so that maps and lists hold no Java null. */
    static final Object NULL = new Object();

    private final String json;
    private int at;

    private JsonValue(String json) {
        this.json = json;
    }

    /** The value {@code json} holds; throws {@link IllegalArgumentException} on malformed input. */
    static Object parse(String json) {
        JsonValue reader = new JsonValue(json);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at != json.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (at >= json.length()) {
            throw error("unexpected end");
        }
        char c = json.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (consume('}')) {
            return map;
        }
        do {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
        } while (consume(','));
        expect('}');
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (consume(']')) {
            return list;
        }
        do {
            list.add(value());
            skipSpace();
        } while (consume(','));
        expect(']');
        return list;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (at < json.length()) {
            char c = json.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(at++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> out.append(escaped);
            }
        }
        throw error("unterminated string");
    }

    private Double number() {
        int start = at;
        while (at < json.length() && "+-0123456789.eE".indexOf(json.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character");
        }
        return Double.valueOf(json.substring(start, at));
    }

    private Object literal(String word, Object value) {
        if (!json.startsWith(word, at)) {
            throw error("expected " + word);
        }
        at += word.length();
        return value;
    }

    private void skipSpace() {
        while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
            at++;
        }
    }

    private boolean consume(char c) {
        if (at < json.length() && json.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        // the position only: the line may be a harmful prompt, never echoed
        return new IllegalArgumentException("malformed JSON at character " + at + ": " + what);
    }
}
