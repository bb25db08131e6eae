package dev.parley.core.command;

import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the id an admin names a user, role or channel by: a plain id or a Discord mention. */
final class AccessTarget {

    // Discord snowflakes, Telegram ids (negative for groups), the console's names
    private static final Pattern ID = Pattern.compile("-?[A-Za-z0-9_.:]{1,64}");
    private static final Pattern MENTION = Pattern.compile("<(?:@!?|@&|#)(\\d{1,32})>");

    private AccessTarget() {}

    /** The id {@code typed} names, or empty when it is neither an id nor a mention. */
    static Optional<String> id(String typed) {
        var mention = MENTION.matcher(typed);
        if (mention.matches()) {
            return Optional.of(mention.group(1));
        }
        return ID.matcher(typed).matches() ? Optional.of(typed) : Optional.empty();
    }
}
