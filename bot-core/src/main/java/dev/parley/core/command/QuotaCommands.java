package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.quota.Allowance;
import dev.parley.core.quota.Budget;
import dev.parley.core.quota.OverrideTarget;
import dev.parley.core.quota.QuotaOverride;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaUnit;
import dev.parley.core.quota.Quotas;
import dev.parley.core.settings.ScopeKey;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /quota} commands (admins only): show the budgets in force here, set or clear an
 * override for a user, role, channel or the server, and choose the time zone in which days and
 * months start. Every change is audited and applies from the next question.
 */
final class QuotaCommands {

    static final String USAGE = "Usage: /quota show | /quota set <user|role|channel|server> <id-or-mention> "
            + "<messages|tokens> <per-day|per-month> <n|unlimited> | /quota clear <user|role|channel|server> "
            + "<id-or-mention> [messages|tokens] [per-day|per-month] | /quota timezone [zone]";
    static final long MAX_BUDGET = 1_000_000_000_000L;
    static final int MAX_ID = 64;

    private final Quotas quotas;
    private final AdminChanges changes;

    QuotaCommands(Quotas quotas, AdminChanges changes) {
        this.quotas = quotas;
        this.changes = changes;
    }

    String handle(CommandLine command, InboundMessage message) {
        if (!message.author().admin()) {
            return "Only admins of this " + CommandService.scopeNoun(message) + " can see or change quotas; "
                    + "/usage shows your own use.";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        return switch (command.word(0)) {
            case "", "show" -> show(scope);
            case "set" -> set(command, message, scope);
            case "clear" -> clear(command, message, scope);
            case "timezone" -> timezone(command, message, scope);
            default -> USAGE;
        };
    }

    private String show(ScopeKey scope) {
        List<QuotaOverride> overrides = quotas.rules().overrides(scope);
        String set = overrides.isEmpty() ? "none"
                : overrides.stream().map(QuotaCommands::describe).collect(Collectors.joining("; "));
        return "Quotas here (days and months in " + quotas.zone(scope).getId() + "). Overrides: " + set
                + ". Without one, the configured budgets apply: " + defaults() + ".";
    }

    /** The configured budgets: what applies where no override does. */
    private String defaults() {
        StringJoiner configured = new StringJoiner(", ");
        for (Budget budget : Quotas.budgets()) {
            Allowance allowance = quotas.configured(budget);
            if (!allowance.unlimited()) {
                configured.add(budget.level().name().toLowerCase(Locale.ROOT) + " " + allowance.describe() + " "
                        + budget.unit().typed() + " " + budget.period().typed());
            }
        }
        return configured.length() == 0 ? "unlimited" : configured.toString();
    }

    private String set(CommandLine command, InboundMessage message, ScopeKey scope) {
        Target target = target(command, message).orElse(null);
        if (target == null) {
            return USAGE;
        }
        int at = target.nextWord();
        QuotaUnit unit = QuotaUnit.fromTyped(command.word(at)).orElse(null);
        QuotaPeriod period = QuotaPeriod.fromTyped(command.word(at + 1)).orElse(null);
        Allowance allowance = allowance(command.word(at + 2));
        if (unit == null || period == null || allowance == null || command.words().size() > at + 3) {
            return allowance == null && unit != null && period != null
                    ? "Give a whole number from 0 to " + MAX_BUDGET + ", or \"unlimited\". " + USAGE
                    : USAGE;
        }
        QuotaOverride override = new QuotaOverride(target.kind(), target.id(), unit, period, allowance);
        quotas.rules().set(scope, override);
        changes.record(message, "quota.set", describe(override));
        return "Set: " + describe(override) + ".";
    }

    private String clear(CommandLine command, InboundMessage message, ScopeKey scope) {
        Target target = target(command, message).orElse(null);
        if (target == null) {
            return USAGE;
        }
        int at = target.nextWord();
        QuotaUnit unit = null;
        QuotaPeriod period = null;
        for (int i = at; i < command.words().size(); i++) {
            String word = command.word(i);
            Optional<QuotaUnit> asUnit = QuotaUnit.fromTyped(word);
            Optional<QuotaPeriod> asPeriod = QuotaPeriod.fromTyped(word);
            if (asUnit.isPresent() && unit == null) {
                unit = asUnit.get();
            } else if (asPeriod.isPresent() && period == null) {
                period = asPeriod.get();
            } else {
                return USAGE;
            }
        }
        int removed = quotas.rules().clear(scope, target.kind(), target.id(), unit, period);
        String what = target.kind().typed() + " " + target.id() + (unit == null ? "" : " " + unit.typed())
                + (period == null ? "" : " " + period.typed());
        if (removed == 0) {
            return "No override of " + what + " was set.";
        }
        changes.record(message, "quota.clear", what);
        return "Cleared " + removed + (removed == 1 ? " override" : " overrides") + " of " + what
                + "; the configured budget applies again.";
    }

    private String timezone(CommandLine command, InboundMessage message, ScopeKey scope) {
        if (command.words().size() < 2) {
            return "Days and months here start at midnight in " + quotas.zone(scope).getId()
                    + ". /quota timezone <zone> changes it, e.g. /quota timezone Europe/Lisbon.";
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(command.words().get(1));
        } catch (DateTimeException e) {
            return "Unknown time zone \"" + Characters.shortened(command.words().get(1), 40)
                    + "\"; give one such as UTC or Europe/Lisbon.";
        }
        quotas.rules().zone(scope, zone);
        changes.record(message, "quota.timezone", zone.getId());
        return "Days and months here now start at midnight in " + zone.getId() + ".";
    }

    /** Who an override is for: its kind, its id, and the index of the word after them. */
    private record Target(OverrideTarget kind, String id, int nextWord) {}

    /** The target of {@code set} or {@code clear}; the server needs no id, a channel may be "here". */
    private static Optional<Target> target(CommandLine command, InboundMessage message) {
        OverrideTarget kind = OverrideTarget.fromTyped(command.word(1)).orElse(null);
        if (kind == null) {
            return Optional.empty();
        }
        String typed = command.words().size() > 2 ? command.words().get(2) : "";
        boolean idOmitted = typed.isEmpty() || QuotaUnit.fromTyped(command.word(2)).isPresent()
                || QuotaPeriod.fromTyped(command.word(2)).isPresent();
        if (kind == OverrideTarget.SERVER) {
            // the server is the scope the command is typed in: an id, when given, is read and not needed
            return Optional.of(new Target(kind, message.location().scopeId(), idOmitted ? 2 : 3));
        }
        if (idOmitted) {
            return kind == OverrideTarget.CHANNEL
                    ? Optional.of(new Target(kind, message.location().channelId(), 2))
                    : Optional.empty();
        }
        String id = kind == OverrideTarget.CHANNEL && command.word(2).equals("here")
                ? message.location().channelId()
                : kind == OverrideTarget.USER && command.word(2).equals(OverrideTarget.EVERYONE)
                        ? OverrideTarget.EVERYONE
                        : unmention(typed);
        // ids are at most 64 characters where they are stored; a longer word is no platform's id
        return id.isEmpty() || id.length() > MAX_ID ? Optional.empty() : Optional.of(new Target(kind, id, 3));
    }

    /** {@code <@123>}, {@code <@!123>}, {@code <@&123>} and {@code <#123>} as the bare id; other words as typed. */
    static String unmention(String typed) {
        if (typed.startsWith("<") && typed.endsWith(">")) {
            String inner = typed.substring(1, typed.length() - 1);
            return inner.replaceFirst("^(@!|@&|@|#)", "");
        }
        return typed;
    }

    private static @Nullable Allowance allowance(String word) {
        if (word.equals("unlimited")) {
            return Allowance.UNLIMITED;
        }
        try {
            long amount = Long.parseLong(word.replace("_", ""));
            return amount < 0 || amount > MAX_BUDGET ? null : new Allowance(amount);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(QuotaOverride o) {
        String who = o.target() == OverrideTarget.SERVER ? "server" : o.target().typed() + " " + o.targetId();
        return who + " " + o.allowance().describe() + " " + o.unit().typed() + " " + o.period().typed();
    }
}
