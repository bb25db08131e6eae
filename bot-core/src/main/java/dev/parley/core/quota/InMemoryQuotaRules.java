package dev.parley.core.quota;

import dev.parley.core.settings.ScopeKey;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Quota rules held in memory, for tests and for a bot without a database; lost at restart. */
public final class InMemoryQuotaRules implements QuotaRules {

    private final Map<ScopeKey, List<QuotaOverride>> overrides = new ConcurrentHashMap<>();
    private final Map<ScopeKey, ZoneId> zones = new ConcurrentHashMap<>();

    @Override
    public List<QuotaOverride> overrides(ScopeKey scope) {
        return List.copyOf(overrides.getOrDefault(scope, List.of()));
    }

    @Override
    public void set(ScopeKey scope, QuotaOverride override) {
        overrides.compute(scope, (key, before) -> {
            List<QuotaOverride> after = new ArrayList<>(before == null ? List.of() : before);
            after.removeIf(override::sameSlot);
            after.add(override);
            return List.copyOf(after);
        });
    }

    @Override
    public int clear(ScopeKey scope, OverrideTarget target, String targetId, @Nullable QuotaUnit unit,
            @Nullable QuotaPeriod period) {
        int[] removed = {0};
        overrides.computeIfPresent(scope, (key, before) -> {
            List<QuotaOverride> after = new ArrayList<>(before);
            after.removeIf(o -> o.target() == target && o.targetId().equals(targetId)
                    && (unit == null || o.unit() == unit) && (period == null || o.period() == period));
            removed[0] = before.size() - after.size();
            return List.copyOf(after);
        });
        return removed[0];
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
