package dev.parley.core.privacy;

import dev.parley.core.settings.ScopeKey;
import java.util.Objects;

/** The person whose data is exported or forgotten, in one scope: data of other scopes is never touched. */
public record DataSubject(ScopeKey scope, String userId) {

    public DataSubject {
        Objects.requireNonNull(scope, "scope");
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }
}
