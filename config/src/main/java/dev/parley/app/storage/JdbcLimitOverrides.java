package dev.parley.app.storage;

import dev.parley.core.ratelimit.LimitOverride;
import dev.parley.core.ratelimit.LimitOverrideStore;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.settings.ScopeKey;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admins' rate-limit overrides in the scope_setting table (rows {@code limit.user},
 * {@code limit.channel}, {@code limit.server} holding "per-minute burst"), cached because every
 * message reads them; a save refreshes the cache of its scope.
 */
public final class JdbcLimitOverrides implements LimitOverrideStore {

    /** The prefix of the rows this store owns; {@link JdbcSettingsStore} leaves them alone. */
    static final String PREFIX = "limit.";
    private static final String OWN_ROWS =
            "FROM scope_setting WHERE platform = :platform AND scope_id = :scope AND name LIKE 'limit.%'";

    private final ScopeRows scopes;
    private final CachedRows<ScopeKey, LimitOverride> overrides;

    public JdbcLimitOverrides(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.overrides = new CachedRows<>(transactions, this::load);
    }

    @Override
    public LimitOverride forScope(ScopeKey scope) {
        return overrides.get(scope);
    }

    @Override
    public void save(ScopeKey scope, LimitOverride override) {
        overrides.save(scope, override, () -> {
            scopes.bound("DELETE " + OWN_ROWS, scope)
                    .update();
            insert(scope, "user", override.user());
            insert(scope, "channel", override.channel());
            insert(scope, "server", override.server());
        });
    }

    private void insert(ScopeKey scope, String level, @Nullable RateLimit limit) {
        if (limit == null) {
            return;
        }
        scopes.bound("""
                        INSERT INTO scope_setting (platform, scope_id, name, val)
                        VALUES (:platform, :scope, :name, :val)""", scope)
                .param("name", PREFIX + level)
                .param("val", limit.perMinute() + " " + limit.burst())
                .update();
    }

    private LimitOverride load(ScopeKey scope) {
        Map<String, RateLimit> levels = new HashMap<>();
        scopes.bound("SELECT name, val " + OWN_ROWS, scope)
                .query((rs, n) -> {
                    String[] parts = rs.getString("val").split(" ");
                    levels.put(rs.getString("name").substring(PREFIX.length()),
                            new RateLimit(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                    return null;
                })
                .list();
        return new LimitOverride(levels.get("user"), levels.get("channel"), levels.get("server"));
    }
}
