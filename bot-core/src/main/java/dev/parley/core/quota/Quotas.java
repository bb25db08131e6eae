package dev.parley.core.quota;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    private static final List<Budget> ALL = List.of(QuotaLevel.values()).stream()
            .flatMap(level -> List.of(QuotaUnit.values()).stream()
                    .flatMap(unit -> List.of(QuotaPeriod.values()).stream().map(p -> new Budget(level, unit, p))))
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
        Map<Budget, Allowance> finite = new LinkedHashMap<>();
        for (Budget budget : ALL) {
            Allowance allowance = budgets.allowance(budget, message, overrides);
            if (!allowance.unlimited()) {
                finite.put(budget, allowance);
            }
        }
        if (finite.isEmpty()) {
            return Optional.empty(); // the usual case: nothing to read
        }
        Instant now = clock.instant();
        ZoneId zone = zone(scope);
        Map<QuotaLevel, Map<QuotaPeriod, Usage>> read = new EnumMap<>(QuotaLevel.class);
        Optional<QuotaRefusal> refusal = finite.entrySet().stream()
                .map(e -> {
                    Budget budget = e.getKey();
                    Usage usage = read.computeIfAbsent(budget.level(), l -> new EnumMap<>(QuotaPeriod.class))
                            .computeIfAbsent(budget.period(), p -> used(scope, budget.level(), subject(budget.level(),
                                    message), p, now, zone));
                    long used = usage.of(budget.unit());
                    return e.getValue().exhaustedBy(used)
                            ? new QuotaRefusal(budget, e.getValue(), used, budget.period().renewal(now, zone))
                            : null;
                })
                .filter(Objects::nonNull)
                .max(Comparator.comparing((QuotaRefusal r) -> r.renews().toInstant())
                        .thenComparing(r -> -r.budget().level().ordinal()));
        refusal.ifPresent(r -> events.refused(message, r.budget()));
        return refusal;
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
