package dev.parley.core.feedback;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Feedback consent kept in memory: for tests, and for a bot without a database. */
public final class InMemoryFeedbackConsent implements FeedbackConsent {

    private final Set<ScopeKey> enabled = ConcurrentHashMap.newKeySet();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();

    @Override
    public boolean enabled(ScopeKey scope) {
        return enabled.contains(scope);
    }

    @Override
    public boolean setEnabled(ScopeKey scope, boolean on, String changedBy, Instant at) {
        return on ? enabled.add(scope) : enabled.remove(scope);
    }

    @Override
    public boolean optedOut(ScopeKey scope, String userId) {
        return optedOut.contains(key(scope, userId));
    }

    @Override
    public boolean optOut(ScopeKey scope, String userId, Instant at) {
        return optedOut.add(key(scope, userId));
    }

    @Override
    public boolean optIn(ScopeKey scope, String userId) {
        return optedOut.remove(key(scope, userId));
    }

    private static String key(ScopeKey scope, String userId) {
        return scope.platform() + "\u0000" + scope.scopeId() + "\u0000" + userId;
    }
}
