package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads mention markup out of message content, as Discord does to fill {@code mentions}. */
final class Mentions {

    private static final Pattern USER = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE = Pattern.compile("<@&(\\d+)>");

    private Mentions() {}

    static List<Long> users(String content) {
        return ids(USER.matcher(content));
    }

    static List<Long> roles(String content) {
        return ids(ROLE.matcher(content));
    }

    static boolean everyone(String content) {
        return content.contains("@everyone") || content.contains("@here");
    }

    private static List<Long> ids(Matcher matcher) {
        List<Long> ids = new ArrayList<>();
        while (matcher.find()) {
            long id = Long.parseUnsignedLong(matcher.group(1));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
