package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.ratelimit.InMemoryLimitOverrides;
import dev.parley.core.ratelimit.LimitOverride;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import org.junit.jupiter.api.Test;

class RateLimitCommandsTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);
    private static final ScopeLimits DEFAULTS =
            new ScopeLimits(new RateLimit(6, 3), new RateLimit(20, 10), new RateLimit(60, 20));

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryLimitOverrides overrides = new InMemoryLimitOverrides();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final CommandService service = CommandServiceParts.required(settings, audit, clock)
            .rateLimits(new CommandService.RateLimitSetup(overrides, DEFAULTS))
            .build();

    private String run(Author author, String text) {
        return service.handle(CommandLine.parse(text), mention(author, text));
    }

    @Test
    void showsTheConfiguredLimitsToEveryone() {
        assertThat(run(ALICE, "/ratelimit show"))
                .isEqualTo("Rate limits here: user 6/min (burst 3), channel 20/min (burst 10), server 60/min (burst 20).");
    }

    @Test
    void anAdminSetsOneLevelAndItIsStoredAuditedAndShown() {
        String reply = run(ADMIN, "/ratelimit set user 12 4");

        assertThat(reply).startsWith("Rate limits here: user 12/min (burst 4), channel 20/min");
        assertThat(overrides.forScope(SCOPE)).isEqualTo(new LimitOverride(new RateLimit(12, 4), null, null));
        assertThat(audit.recent(SCOPE, 5)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ratelimit.set", "user 12/min burst 4"));
    }

    @Test
    void defaultGivesALevelBackToTheConfiguration() {
        run(ADMIN, "/ratelimit set server 100");
        run(ADMIN, "/ratelimit set channel 5 5");

        run(ADMIN, "/ratelimit set server default");

        assertThat(overrides.forScope(SCOPE)).isEqualTo(new LimitOverride(null, new RateLimit(5, 5), null));
    }

    @Test
    void nonAdminsAndBadNumbersChangeNothing() {
        assertThat(run(ALICE, "/ratelimit set user 100")).isEqualTo("Only admins can change rate limits.");
        assertThat(run(ADMIN, "/ratelimit set user lots")).startsWith("Give a whole number");
        assertThat(run(ADMIN, "/ratelimit set user 0")).startsWith("Give a whole number");
        assertThat(run(ADMIN, "/ratelimit set user 100000")).startsWith("Give a whole number");
        assertThat(run(ADMIN, "/ratelimit set everyone 5")).startsWith("Usage: /ratelimit");

        assertThat(overrides.forScope(SCOPE)).isEqualTo(LimitOverride.NONE);
        assertThat(audit.recent(SCOPE, 5)).isEmpty();
    }
}
