package dev.parley.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotasTest {

    private static final Location GENERAL = new Location(Platform.DISCORD, "guild-1", "general", null);
    private static final Location RANDOM = new Location(Platform.DISCORD, "guild-1", "random", null);
    private static final ScopeKey GUILD = ScopeKey.of(GENERAL);
    private static final Author ALICE = new Author("alice", "Alice", Set.of(), false, false);
    private static final Author BOB = new Author("bob", "Bob", Set.of("helpers", "patrons"), false, false);
    private static final Budget USER_MESSAGES_DAY = new Budget(QuotaLevel.USER, QuotaUnit.MESSAGES, QuotaPeriod.DAY);
    private static final Budget USER_TOKENS_MONTH = new Budget(QuotaLevel.USER, QuotaUnit.TOKENS, QuotaPeriod.MONTH);
    private static final Budget CHANNEL_MESSAGES_DAY = new Budget(QuotaLevel.CHANNEL, QuotaUnit.MESSAGES,
            QuotaPeriod.DAY);
    private static final Budget SERVER_TOKENS_DAY = new Budget(QuotaLevel.SERVER, QuotaUnit.TOKENS, QuotaPeriod.DAY);

    // 10:00 in Lisbon (winter: UTC+0) on a Sunday
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryQuotaRules rules = new InMemoryQuotaRules();
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final List<Budget> refused = new ArrayList<>();
    private final List<Usage> charged = new ArrayList<>();
    private final QuotaEvents events = new QuotaEvents() {
        @Override
        public void refused(InboundMessage message, Budget budget) {
            refused.add(budget);
        }

        @Override
        public void charged(InboundMessage message, Usage usage) {
            charged.add(usage);
        }
    };

    private Quotas quotas(Map<Budget, Long> defaults) {
        return new Quotas(new QuotaLimits(defaults), ZoneId.of("UTC"), rules, ledger, clock, events);
    }

    private static InboundMessage from(Author author, Location where) {
        return new InboundMessage("m", where, author, "hello", null, true, false, Instant.EPOCH);
    }

    @Test
    void check_messagesBudget_refusesTheQuestionAfterTheLastAllowedOne() {
        Quotas quotas = quotas(Map.of(USER_MESSAGES_DAY, 2L));

        quotas.charge(from(ALICE, GENERAL), 10);
        assertThat(quotas.check(from(ALICE, GENERAL))).as("one of two used").isEmpty();
        quotas.charge(from(ALICE, GENERAL), 10);

        QuotaRefusal refusal = quotas.check(from(ALICE, GENERAL)).orElseThrow();
        assertThat(refusal.budget()).isEqualTo(USER_MESSAGES_DAY);
        assertThat(refusal.used()).isEqualTo(2);
        assertThat(refusal.notice()).isEqualTo(
                "You have used your daily budget of 2 messages with me; it renews at 2026-12-07 00:00 UTC.");
        assertThat(quotas.check(from(BOB, GENERAL))).as("another user's own budget").isEmpty();
        assertThat(refused).containsExactly(USER_MESSAGES_DAY);
        assertThat(charged).containsExactly(new Usage(1, 10), new Usage(1, 10));
    }

    @Test
    void check_tokensBudget_letsTheQuestionThatCrossesItAndRefusesTheNext() {
        Quotas quotas = quotas(Map.of(USER_TOKENS_MONTH, 100L));

        quotas.charge(from(ALICE, GENERAL), 99);
        assertThat(quotas.check(from(ALICE, GENERAL))).as("a token left").isEmpty();
        quotas.charge(from(ALICE, GENERAL), 30); // tokens are known only once answered

        assertThat(quotas.check(from(ALICE, GENERAL))).get().extracting(QuotaRefusal::used).isEqualTo(129L);
    }

    @Test
    void check_dayBudget_renewsAtMidnightInTheScopesTimeZone() {
        rules.zone(GUILD, ZoneId.of("America/Sao_Paulo"));
        clock.advance(Duration.ofHours(12)); // 22:00 UTC, 19:00 in São Paulo
        Quotas quotas = quotas(Map.of(USER_MESSAGES_DAY, 1L));
        quotas.charge(from(ALICE, GENERAL), 5);

        assertThat(quotas.check(from(ALICE, GENERAL))).get().extracting(QuotaRefusal::notice).asString()
                .endsWith("it renews at 2026-12-07 00:00 America/Sao_Paulo.");
        clock.advance(Duration.ofHours(4)); // 02:00 UTC: a new day in UTC, still the 6th in São Paulo
        assertThat(quotas.check(from(ALICE, GENERAL))).isPresent();
        clock.advance(Duration.ofHours(1)); // 03:00 UTC, midnight in São Paulo
        assertThat(quotas.check(from(ALICE, GENERAL))).isEmpty();
        assertThat(ledger.used(GUILD, QuotaLevel.USER, "alice", LocalDate.of(2026, 12, 6), LocalDate.of(2026, 12, 6)))
                .as("charged to the local date").isEqualTo(new Usage(1, 5));
    }

    @Test
    void check_severalBudgetsUsedUp_namesTheOneThatRenewsLast() {
        Quotas quotas = quotas(Map.of(USER_MESSAGES_DAY, 1L, USER_TOKENS_MONTH, 5L));
        quotas.charge(from(ALICE, GENERAL), 5);

        QuotaRefusal refusal = quotas.check(from(ALICE, GENERAL)).orElseThrow();

        assertThat(refusal.budget()).isEqualTo(USER_TOKENS_MONTH);
        assertThat(refusal.notice()).isEqualTo(
                "You have used your monthly budget of 5 tokens with me; it renews at 2027-01-01 00:00 UTC.");
    }

    @Test
    void check_channelAndServerBudgets_countEveryonesUseTogether() {
        Quotas quotas = quotas(Map.of(CHANNEL_MESSAGES_DAY, 2L, SERVER_TOKENS_DAY, 100L));
        quotas.charge(from(ALICE, GENERAL), 10);
        quotas.charge(from(BOB, GENERAL), 10);

        assertThat(quotas.check(from(ALICE, GENERAL))).get().extracting(r -> r.budget().level())
                .isEqualTo(QuotaLevel.CHANNEL);
        assertThat(quotas.check(from(ALICE, RANDOM))).as("another channel").isEmpty();
        quotas.charge(from(ALICE, RANDOM), 80);
        assertThat(quotas.check(from(BOB, RANDOM))).get().extracting(QuotaRefusal::notice).asString()
                .startsWith("This server has used its daily budget of 100 tokens");
    }

    @Test
    void allowance_userOverrideBeatsRolesWhichBeatEveryoneWhichBeatsTheDefault() {
        Quotas quotas = quotas(Map.of(USER_MESSAGES_DAY, 10L));
        InboundMessage bob = from(BOB, GENERAL);

        assertThat(quotas.inForce(bob).get(USER_MESSAGES_DAY)).isEqualTo(new Allowance(10));
        rules.set(GUILD, userOverride(OverrideTarget.USER, OverrideTarget.EVERYONE, new Allowance(3)));
        assertThat(quotas.inForce(bob).get(USER_MESSAGES_DAY)).isEqualTo(new Allowance(3));
        rules.set(GUILD, userOverride(OverrideTarget.ROLE, "helpers", new Allowance(50)));
        rules.set(GUILD, userOverride(OverrideTarget.ROLE, "patrons", Allowance.UNLIMITED));
        rules.set(GUILD, userOverride(OverrideTarget.ROLE, "other", new Allowance(1000)));
        assertThat(quotas.inForce(bob).get(USER_MESSAGES_DAY)).as("the most generous of bob's roles")
                .isEqualTo(Allowance.UNLIMITED);
        assertThat(quotas.inForce(from(ALICE, GENERAL)).get(USER_MESSAGES_DAY)).as("alice has no role")
                .isEqualTo(new Allowance(3));
        rules.set(GUILD, userOverride(OverrideTarget.USER, "bob", new Allowance(0)));
        assertThat(quotas.inForce(bob).get(USER_MESSAGES_DAY)).as("bob's own").isEqualTo(new Allowance(0));
        assertThat(quotas.check(bob)).as("a budget of 0 refuses at once").isPresent();
    }

    @Test
    void allowance_channelAndServerOverridesReplaceTheirDefaultsOnly() {
        Quotas quotas = quotas(Map.of(CHANNEL_MESSAGES_DAY, 2L, SERVER_TOKENS_DAY, 100L));
        rules.set(GUILD, new QuotaOverride(OverrideTarget.CHANNEL, "general", QuotaUnit.MESSAGES, QuotaPeriod.DAY,
                Allowance.UNLIMITED));
        rules.set(GUILD, new QuotaOverride(OverrideTarget.SERVER, "guild-1", QuotaUnit.TOKENS, QuotaPeriod.DAY,
                new Allowance(7)));

        assertThat(quotas.inForce(from(ALICE, GENERAL))).containsEntry(CHANNEL_MESSAGES_DAY, Allowance.UNLIMITED)
                .containsEntry(SERVER_TOKENS_DAY, new Allowance(7));
        assertThat(quotas.inForce(from(ALICE, RANDOM))).containsEntry(CHANNEL_MESSAGES_DAY, new Allowance(2));
    }

    @Test
    void check_noBudgetAnywhere_readsNoCounter() {
        UsageLedger unread = new UsageLedger() {
            @Override
            public void charge(ScopeKey scope, String channelId, String userId, LocalDate day, Usage usage) {}

            @Override
            public Usage used(ScopeKey scope, QuotaLevel level, String subjectId, LocalDate first, LocalDate last) {
                throw new AssertionError("read a counter with no budget in force");
            }

            @Override
            public List<UserUsage> top(ScopeKey scope, LocalDate first, LocalDate last, int count) {
                return List.of();
            }
        };
        Quotas quotas = new Quotas(QuotaLimits.NONE, ZoneId.of("UTC"), rules, unread, clock, events);

        assertThat(quotas.check(from(ALICE, GENERAL))).isEmpty();
    }

    @Test
    void top_ordersUsersByTokensThisMonth() {
        Quotas quotas = quotas(Map.of());
        quotas.charge(from(ALICE, GENERAL), 10);
        quotas.charge(from(BOB, RANDOM), 30);
        quotas.charge(from(ALICE, RANDOM), 5);

        assertThat(quotas.top(GUILD, QuotaPeriod.MONTH, 5)).containsExactly(
                new UserUsage("bob", new Usage(1, 30)), new UserUsage("alice", new Usage(2, 15)));
        assertThat(quotas.used(GUILD, QuotaLevel.SERVER, "", QuotaPeriod.DAY)).isEqualTo(new Usage(3, 45));
    }

    private static QuotaOverride userOverride(OverrideTarget target, String id, Allowance allowance) {
        return new QuotaOverride(target, id, QuotaUnit.MESSAGES, QuotaPeriod.DAY, allowance);
    }
}
