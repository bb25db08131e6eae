package dev.parley.core.json;

import java.util.Locale;

/**
 * Text as a JSON string literal: quotes, backslashes and control characters escaped, and the
 * line and paragraph separators too, so the result is also safe inside JavaScript.
 */
public final class JsonString {

    private JsonString() {}

    /** {@code text} quoted, as a new string. */
    public static String of(String text) {
        return append(new StringBuilder(text.length() + 2), text).toString();
    }

    /** Appends {@code text} quoted to {@code out}; returns {@code out}. */
    public static StringBuilder append(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
