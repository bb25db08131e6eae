package dev.parley.core.quota;

import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeLists;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Quota rules held in memory, for tests and for a bot without a database; lost at restart. */
public final class InMemoryQuotaRules implements QuotaRules {

    private final ScopeLists<QuotaOverride> overrides = new ScopeLists<>();
    private final Map<ScopeKey, ZoneId> zones = new ConcurrentHashMap<>();

    @Override
    public List<QuotaOverride> overrides(ScopeKey scope) {
        return overrides.get(scope);
    }

    @Override
    public void set(ScopeKey scope, QuotaOverride override) {
        overrides.add(scope, override, override::sameSlot);
    }

    @Override
    public int clear(ScopeKey scope, OverrideTarget target, String targetId, @Nullable QuotaUnit unit,
            @Nullable QuotaPeriod period) {
        return overrides.removeIf(scope, o -> o.target() == target && o.targetId().equals(targetId)
                && (unit == null || o.unit() == unit) && (period == null || o.period() == period));
    }

    @Override
    public Optional<ZoneId> zone(ScopeKey scope) {
        return Optional.ofNullable(zones.get(scope));
    }

    @Override
    public void zone(ScopeKey scope, ZoneId zone) {
        zones.put(scope, zone);
    }
}
