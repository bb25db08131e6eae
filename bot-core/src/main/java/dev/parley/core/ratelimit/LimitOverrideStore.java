package dev.parley.core.ratelimit;

import dev.parley.core.settings.ScopeKey;

/** The port to where admins' rate-limit overrides are kept; they survive restarts in production. */
public interface LimitOverrideStore extends LimitOverrides {

    /** Replaces what {@code scope}'s admins set. */
    void save(ScopeKey scope, LimitOverride override);
}
