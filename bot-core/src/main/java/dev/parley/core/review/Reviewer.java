package dev.parley.core.review;

import java.util.Objects;

/**
 * Who resolves an item, as the platform told the adapter.
 *
 * @param admin whether they administer the item's scope, checked on the server side just now
 */
public record Reviewer(String id, boolean admin) {

    public Reviewer {
        Objects.requireNonNull(id, "id");
    }
}
