package dev.parley.app.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Cache<ScopeKey, LimitOverride> cache = Caffeine.newBuilder().maximumSize(100_000).build();

    public JdbcLimitOverrides(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public LimitOverride forScope(ScopeKey scope) {
        return cache.get(scope, this::load);
    }

    @Override
    public void save(ScopeKey scope, LimitOverride override) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM scope_setting WHERE platform = :platform AND scope_id = :scope AND name LIKE 'limit.%'")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .update();
            insert(scope, "user", override.user());
            insert(scope, "channel", override.channel());
            insert(scope, "server", override.server());
        });
        cache.put(scope, override);
    }

    private void insert(ScopeKey scope, String level, @Nullable RateLimit limit) {
        if (limit == null) {
            return;
        }
        jdbc.sql("INSERT INTO scope_setting (platform, scope_id, name, val) VALUES (:platform, :scope, :name, :val)")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("name", PREFIX + level)
                .param("val", limit.perMinute() + " " + limit.burst())
                .update();
    }

    private LimitOverride load(ScopeKey scope) {
        Map<String, RateLimit> levels = new HashMap<>();
        jdbc.sql("SELECT name, val FROM scope_setting WHERE platform = :platform AND scope_id = :scope AND name LIKE 'limit.%'")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
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
