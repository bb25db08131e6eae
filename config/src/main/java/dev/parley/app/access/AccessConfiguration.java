package dev.parley.app.access;

import dev.parley.app.startup.StartupException;
import dev.parley.app.storage.JdbcAccessLists;
import dev.parley.app.storage.JdbcMutes;
import dev.parley.app.storage.JdbcStrikes;
import dev.parley.core.access.AccessControl;
import dev.parley.core.access.AccessLists;
import dev.parley.core.access.Mutes;
import dev.parley.core.access.ServedScopes;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.access.Strikes;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the core's access control on the database: lists, mutes and strikes survive restarts. */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    @Bean
    AccessControl accessControl(AccessProperties properties, JdbcClient jdbc, TransactionTemplate transactions,
            AuditLog audit, InstantSource clock) {
        StrikePolicy defaults;
        try {
            defaults = new StrikePolicy(properties.strikes(), properties.strikeWindow(), properties.strikeMute());
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.access strike policy: " + e.getMessage());
        }
        if (properties.noticeEvery().isNegative() || properties.noticeEvery().isZero()) {
            throw new StartupException("invalid parley.access.notice-every: give a positive duration such as 10m");
        }
        ServedScopes served = new ServedScopes(scopes("blocked-scopes", properties.blockedScopes()),
                scopes("allowed-scopes", properties.allowedScopes()), properties.leaveUnlisted());
        Mutes mutes = new Mutes(new JdbcMutes(jdbc, transactions), clock);
        return new AccessControl(served, new AccessLists(new JdbcAccessLists(jdbc, transactions)), mutes,
                new Strikes(new JdbcStrikes(jdbc, transactions), mutes, audit, clock, defaults), clock,
                properties.noticeEvery());
    }

    /** Reads {@code platform:id} entries; a malformed one stops start-up with a line that names it. */
    static Set<ScopeKey> scopes(String property, List<String> entries) {
        return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(entry -> {
            int colon = entry.indexOf(':');
            try {
                if (colon < 1 || colon == entry.length() - 1) {
                    throw new IllegalArgumentException("no platform:id");
                }
                Platform platform = Platform.valueOf(entry.substring(0, colon).toUpperCase(Locale.ROOT));
                return new ScopeKey(platform, entry.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new StartupException("invalid parley.access." + property + " entry \"" + entry
                        + "\": write platform:id, such as discord:123456789 or telegram:-100123");
            }
        }).collect(Collectors.toUnmodifiableSet());
    }
}
