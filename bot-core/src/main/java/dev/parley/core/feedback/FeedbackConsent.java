package dev.parley.core.feedback;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;

/**
 * The port that keeps who agreed to feedback: the scopes whose admins turned it on (off by
 * default) and the users who opted out of it in a scope.
 */
public interface FeedbackConsent {

    /** Whether feedback is on in {@code scope}; false where it was never turned on. */
    boolean enabled(ScopeKey scope);

    /** Turns feedback in {@code scope} on or off; false when it already was. */
    boolean setEnabled(ScopeKey scope, boolean on, String changedBy, Instant at);

    /** Whether {@code userId} opted out of feedback in {@code scope}. */
    boolean optedOut(ScopeKey scope, String userId);

    /** Opts {@code userId} out in {@code scope}; false when they already were. */
    boolean optOut(ScopeKey scope, String userId, Instant at);

    /** Takes back {@code userId}'s opt-out in {@code scope}; false when they had none. */
    boolean optIn(ScopeKey scope, String userId);
}
