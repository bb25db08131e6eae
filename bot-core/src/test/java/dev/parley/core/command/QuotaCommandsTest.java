package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.quota.Allowance;
import dev.parley.core.quota.Budget;
import dev.parley.core.quota.InMemoryQuotaRules;
import dev.parley.core.quota.InMemoryUsageLedger;
import dev.parley.core.quota.OverrideTarget;
import dev.parley.core.quota.QuotaEvents;
import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.QuotaLimits;
import dev.parley.core.quota.QuotaOverride;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaUnit;
import dev.parley.core.quota.Quotas;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaCommandsTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryQuotaRules rules = new InMemoryQuotaRules();
    private final Quotas quotas = new Quotas(
            new QuotaLimits(Map.of(new Budget(QuotaLevel.USER, QuotaUnit.MESSAGES, QuotaPeriod.DAY), 20L)),
            ZoneId.of("UTC"), rules, new InMemoryUsageLedger(), clock, QuotaEvents.NONE);
    private final CommandService service = CommandServiceParts.required(settings, audit, clock)
            .quotas(quotas)
            .build();

    private String run(Author author, String text) {
        return service.handle(CommandLine.parse(text), mention(author, text));
    }

    @Test
    void set_userByMention_overridesTheirBudgetAndIsAudited() {
        assertThat(run(ADMIN, "/quota set user <@!42> messages per-day 5"))
                .isEqualTo("Set: user 42 5 messages per-day.");

        assertThat(rules.overrides(SCOPE)).containsExactly(new QuotaOverride(OverrideTarget.USER, "42",
                QuotaUnit.MESSAGES, QuotaPeriod.DAY, new Allowance(5)));
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("quota.set", "user 42 5 messages per-day"));
    }

    @Test
    void set_serverNeedsNoIdAndChannelMayBeHere() {
        run(ADMIN, "/quota set server tokens per-month 500000");
        run(ADMIN, "/quota set channel here messages daily unlimited");
        run(ADMIN, "/quota set role <@&7> tokens per-day 1000");

        assertThat(rules.overrides(SCOPE)).containsExactly(
                new QuotaOverride(OverrideTarget.SERVER, "guild-1", QuotaUnit.TOKENS, QuotaPeriod.MONTH,
                        new Allowance(500_000)),
                new QuotaOverride(OverrideTarget.CHANNEL, "general", QuotaUnit.MESSAGES, QuotaPeriod.DAY,
                        Allowance.UNLIMITED),
                new QuotaOverride(OverrideTarget.ROLE, "7", QuotaUnit.TOKENS, QuotaPeriod.DAY, new Allowance(1000)));
        assertThat(run(ADMIN, "/quota show")).isEqualTo("Quotas here (days and months in UTC). Overrides: "
                + "server 500000 tokens per-month; channel general unlimited messages per-day; role 7 1000 tokens "
                + "per-day. Without one, the configured budgets apply: user 20 messages per-day.");
    }

    @Test
    void badInput_getsTheUsageLineOrSaysWhatIsWrong() {
        assertThat(run(ADMIN, "/quota set user 42 messages")).isEqualTo(QuotaCommands.USAGE);
        assertThat(run(ADMIN, "/quota set group 42 messages per-day 5")).isEqualTo(QuotaCommands.USAGE);
        assertThat(run(ADMIN, "/quota set user 42 messages per-day lots")).startsWith("Give a whole number from 0");
        assertThat(run(ADMIN, "/quota set user 42 messages per-day -1")).startsWith("Give a whole number from 0");
        assertThat(run(ADMIN, "/quota frobnicate")).isEqualTo(QuotaCommands.USAGE);
        assertThat(run(ADMIN, "/quota timezone Mars/Olympus")).isEqualTo(
                "Unknown time zone \"Mars/Olympus\"; give one such as UTC or Europe/Lisbon.");
        assertThat(rules.overrides(SCOPE)).isEmpty();
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void clear_removesMatchingOverridesOnly() {
        run(ADMIN, "/quota set user 42 messages per-day 5");
        run(ADMIN, "/quota set user 42 tokens per-day 500");
        run(ADMIN, "/quota set user 43 tokens per-day 500");

        assertThat(run(ADMIN, "/quota clear user 42 tokens"))
                .isEqualTo("Cleared 1 override of user 42 tokens; the configured budget applies again.");
        assertThat(run(ADMIN, "/quota clear user 42")).startsWith("Cleared 1 override of user 42;");
        assertThat(run(ADMIN, "/quota clear user 42")).isEqualTo("No override of user 42 was set.");
        assertThat(rules.overrides(SCOPE)).extracting(QuotaOverride::targetId).containsExactly("43");
    }

    @Test
    void timezone_changesWhenPeriodsRenew() {
        assertThat(run(ADMIN, "/quota timezone Europe/Lisbon"))
                .isEqualTo("Days and months here now start at midnight in Europe/Lisbon.");

        assertThat(quotas.zone(SCOPE)).isEqualTo(ZoneId.of("Europe/Lisbon"));
        assertThat(run(ALICE, "/usage")).endsWith(
                "Days renew at 2026-12-07 00:00 Europe/Lisbon, months at 2027-01-01 00:00 Europe/Lisbon.");
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::detail).containsExactly("Europe/Lisbon");
    }

    @Test
    void nonAdmins_areRefusedEveryQuotaCommandAndUsageServer() {
        for (String command : List.of("/quota show", "/quota set user 1 messages per-day 1", "/quota clear user 1",
                "/quota timezone UTC")) {
            assertThat(run(ALICE, command)).as(command).startsWith("Only admins of this server can see or change quotas");
        }
        assertThat(run(ALICE, "/usage server")).isEqualTo("Only admins of this server can see its usage.");
        assertThat(rules.overrides(SCOPE)).isEmpty();
        assertThat(rules.zone(SCOPE)).isEmpty();
    }

    @Test
    void usage_showsOwnUseWhatIsLeftAndTheServerTotalsToAdmins() {
        quotas.charge(mention(ALICE, "q"), 40);
        quotas.charge(mention(ALICE, "q"), 60);
        quotas.charge(mention(ADMIN, "q"), 7);

        assertThat(run(ALICE, "/usage")).isEqualTo("Your use here today: 2 of 20 messages (18 left), 100 tokens; "
                + "this month: 2 messages, 100 tokens. Days renew at 2026-12-07 00:00 UTC, months at 2027-01-01 00:00 UTC.");
        assertThat(run(ADMIN, "/usage server")).isEqualTo("Use of this server today: 3 messages, 107 tokens; "
                + "this month: 3 messages, 107 tokens. Top users this month: alice 2 messages, 100 tokens; "
                + "admin 1 messages, 7 tokens.");
    }
}
