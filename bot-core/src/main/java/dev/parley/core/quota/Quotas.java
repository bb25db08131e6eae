package dev.parley.core.quota;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The quotas use case: whether a question may still be asked under the budgets in force, and
 * charging an answer to the user's, the channel's and the server's counters.
 *
 * <p>A question is checked when it comes and charged when it is answered: one message, and the
 * tokens of its prompt and of the answer shown. A refused, blocked, stopped or failed question
 * costs nothing; questions already waiting when a budget runs out are still answered, so a
 * budget may be passed by those. Thread-safe.
 */
public final class Quotas {

    /** Every budget, narrowest first, daily before monthly. */
    private static final List<Budget> ALL = Stream.of(QuotaLevel.values())
            .flatMap(level -> Stream.of(QuotaUnit.values())
                    .flatMap(unit -> Stream.of(QuotaPeriod.values()).map(period -> new Budget(level, unit, period))))
            .toList();

    private final BudgetsInForce budgets;
    private final ZoneId defaultZone;
    private final QuotaRules rules;
    private final UsageLedger ledger;
    private final InstantSource clock;
    private final QuotaEvents events;

    public Quotas(QuotaLimits defaults, ZoneId defaultZone, QuotaRules rules, UsageLedger ledger, InstantSource clock,
            QuotaEvents events) {
        this.budgets = new BudgetsInForce(Objects.requireNonNull(defaults, "defaults"));
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** No budgets, counters in memory: what a pipeline gets when nobody configured quotas. */
    public static Quotas unlimited(InstantSource clock) {
        return new Quotas(QuotaLimits.NONE, ZoneId.of("UTC"), new InMemoryQuotaRules(), new InMemoryUsageLedger(),
                clock, QuotaEvents.NONE);
    }

    /** Every budget there is, narrowest first. */
    public static List<Budget> budgets() {
        return ALL;
    }

    /**
     * The budget {@code message}'s author has used up, if any. Where several are, the one that
     * renews last: the author may ask again only when it has.
     */
    public Optional<QuotaRefusal> check(InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        List<QuotaOverride> overrides = rules.overrides(scope);
        Instant now = clock.instant();
        @Nullable ZoneId zone = null; // read only once a budget applies: usually none does
        Map<QuotaLevel, Map<QuotaPeriod, Usage>> read = new EnumMap<>(QuotaLevel.class);
        @Nullable QuotaRefusal latest = null;
        for (Budget budget : ALL) {
            Allowance allowance = budgets.allowance(budget, message, overrides);
            if (allowance.unlimited()) {
                continue;
            }
            if (zone == null) {
                zone = zone(scope);
            }
            Map<QuotaPeriod, Usage> ofLevel = read.computeIfAbsent(budget.level(), level -> new EnumMap<>(QuotaPeriod.class));
            Usage usage = ofLevel.get(budget.period());
            if (usage == null) { // one read per level and period, whatever the unit
                usage = used(scope, budget.level(), subject(budget.level(), message), budget.period(), now, zone);
                ofLevel.put(budget.period(), usage);
            }
            long used = usage.of(budget.unit());
            if (allowance.exhaustedBy(used)) {
                QuotaRefusal refusal = new QuotaRefusal(budget, allowance, used, budget.period().renewal(now, zone));
                // of equal renewals the first, narrowest, is named: budgets are checked user first
                if (latest == null || refusal.renews().isAfter(latest.renews())) {
                    latest = refusal;
                }
            }
        }
        if (latest != null) {
            events.refused(message, latest.budget());
        }
        return Optional.ofNullable(latest);
    }

    /** Charges the answer to {@code message}: one message and {@code tokens}, to today in the scope's time zone. */
    public void charge(InboundMessage message, long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative, was " + tokens);
        }
        ScopeKey scope = ScopeKey.of(message.location());
        LocalDate day = clock.instant().atZone(zone(scope)).toLocalDate();
        Usage usage = new Usage(1, tokens);
        ledger.charge(scope, message.location().channelId(), message.author().id(), day, usage);
        events.charged(message, usage);
    }

    /** The configured allowance of {@code budget}, before any override. */
    public Allowance configured(Budget budget) {
        return budgets.defaults().of(budget);
    }

    /** The allowance of each budget for {@code message}'s author where it was written. */
    public Map<Budget, Allowance> inForce(InboundMessage message) {
        List<QuotaOverride> overrides = rules.overrides(ScopeKey.of(message.location()));
        Map<Budget, Allowance> inForce = new LinkedHashMap<>();
        for (Budget budget : ALL) {
            inForce.put(budget, budgets.allowance(budget, message, overrides));
        }
        return inForce;
    }

    /** The use of {@code subjectId} at {@code level} in the current {@code period} of {@code scope}. */
    public Usage used(ScopeKey scope, QuotaLevel level, String subjectId, QuotaPeriod period) {
        return used(scope, level, subjectId, period, clock.instant(), zone(scope));
    }

    private Usage used(ScopeKey scope, QuotaLevel level, String subjectId, QuotaPeriod period, Instant now,
            ZoneId zone) {
        QuotaPeriod.DateRange range = period.range(now, zone);
        return ledger.used(scope, level, subjectId, range.first(), range.last());
    }

    /** The users of {@code scope} who used the most tokens in the current {@code period}. */
    public List<UserUsage> top(ScopeKey scope, QuotaPeriod period, int count) {
        QuotaPeriod.DateRange range = period.range(clock.instant(), zone(scope));
        return ledger.top(scope, range.first(), range.last(), count);
    }

    /** When the current {@code period} of {@code scope} renews. */
    public ZonedDateTime renewal(ScopeKey scope, QuotaPeriod period) {
        return period.renewal(clock.instant(), zone(scope));
    }

    /** The time zone of {@code scope}'s periods: its admins' choice, else the configured one. */
    public ZoneId zone(ScopeKey scope) {
        return rules.zone(scope).orElse(defaultZone);
    }

    /** Where the scopes' overrides and time zones are kept, for the admins' commands. */
    public QuotaRules rules() {
        return rules;
    }

    private static String subject(QuotaLevel level, InboundMessage message) {
        return switch (level) {
            case USER -> message.author().id();
            case CHANNEL -> message.location().channelId();
            case SERVER -> "";
        };
    }
}
