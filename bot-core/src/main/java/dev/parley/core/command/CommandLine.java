package dev.parley.core.command;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A command as typed: {@code /name word word rest of the text}. The name is lower-cased and may
 * carry a Telegram-style {@code @botname} suffix, which is dropped.
 */
public record CommandLine(String name, List<String> words, String raw) {

    public CommandLine {
        words = List.copyOf(words);
    }

    /** Parses {@code text}, or returns null if it is not a command. */
    public static @Nullable CommandLine parse(String text) {
        String stripped = text.strip();
        if (stripped.length() < 2 || stripped.charAt(0) != '/' || !Character.isLetter(stripped.charAt(1))) {
            return null;
        }
        String[] parts = stripped.substring(1).split("\\s+");
        String name = parts[0];
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        return new CommandLine(name.toLowerCase(Locale.ROOT), List.of(parts).subList(1, parts.length), stripped);
    }

    /** The word at {@code index}, lower-cased, or "" when there is none. */
    public String word(int index) {
        return index < words.size() ? words.get(index).toLowerCase(Locale.ROOT) : "";
    }

    /** Everything after the first {@code count} words, as typed. */
    public String restAfter(int count) {
        String rest = raw;
        for (int i = 0; i <= count; i++) {
            rest = rest.strip();
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                return "";
            }
            rest = rest.substring(space);
        }
        return rest.strip();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
