package dev.parley.core.ratelimit;

import dev.parley.core.settings.ScopeKey;

/** The port to the rate limits admins set per scope; read for every message, so implementations cache. */
@FunctionalInterface
public interface LimitOverrides {

    /** What {@code scope}'s admins set, or {@link LimitOverride#NONE}. */
    LimitOverride forScope(ScopeKey scope);

    /** No scope overrides anything. */
    static LimitOverrides none() {
        return scope -> LimitOverride.NONE;
    }
}
