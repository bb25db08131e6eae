package dev.parley.core.conversation;

import java.util.Objects;
import java.util.Set;

/**
 * The person (or bot) who wrote a message, as the platform describes them.
 *
 * @param admin whether the platform says this author may administer the scope; adapters decide it
 *     from the platform's own permissions, the core only reads it
 * @param bot whether the author is a bot or a webhook; the bot never answers those
 */
public record Author(String id, String displayName, Set<String> roles, boolean admin, boolean bot) {

    public Author {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        roles = Set.copyOf(roles);
    }
}
