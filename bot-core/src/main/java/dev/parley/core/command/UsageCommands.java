package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.quota.Allowance;
import dev.parley.core.quota.Budget;
import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaRefusal;
import dev.parley.core.quota.QuotaUnit;
import dev.parley.core.quota.Quotas;
import dev.parley.core.quota.Usage;
import dev.parley.core.quota.UserUsage;
import dev.parley.core.settings.ScopeKey;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code /usage} commands: one's own use here today and this month, what is left of each
 * budget and when it renews; with {@code server} (admins) the scope's totals and top users.
 */
final class UsageCommands {

    static final String USAGE = "Usage: /usage | /usage server";
    static final int TOP_USERS = 5;

    private final Quotas quotas;

    UsageCommands(Quotas quotas) {
        this.quotas = quotas;
    }

    String handle(CommandLine command, InboundMessage message) {
        return switch (command.word(0)) {
            case "", "me" -> own(message);
            case "server" -> message.author().admin() ? server(message)
                    : "Only admins of this " + CommandService.scopeNoun(message) + " can see its usage.";
            default -> USAGE;
        };
    }

    private String own(InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        Map<Budget, Allowance> inForce = quotas.inForce(message);
        StringBuilder answer = new StringBuilder("Your use here");
        for (QuotaPeriod period : QuotaPeriod.values()) {
            Usage used = quotas.used(scope, QuotaLevel.USER, message.author().id(), period);
            answer.append(period == QuotaPeriod.DAY ? " " : "; ").append(period.current()).append(": ")
                    .append(amount(used, QuotaUnit.MESSAGES, inForce.get(new Budget(QuotaLevel.USER, QuotaUnit.MESSAGES,
                            period))))
                    .append(", ")
                    .append(amount(used, QuotaUnit.TOKENS, inForce.get(new Budget(QuotaLevel.USER, QuotaUnit.TOKENS,
                            period))));
        }
        answer.append(".");
        // the channel's and server's budgets are shared: shown only where one is set
        for (QuotaLevel level : List.of(QuotaLevel.CHANNEL, QuotaLevel.SERVER)) {
            StringJoiner shared = new StringJoiner(", ");
            for (QuotaPeriod period : QuotaPeriod.values()) {
                Usage used = null;
                for (QuotaUnit unit : QuotaUnit.values()) {
                    Allowance allowance = inForce.get(new Budget(level, unit, period));
                    if (!allowance.unlimited()) {
                        if (used == null) {
                            used = quotas.used(scope, level, message.location().channelId(), period);
                        }
                        shared.add(amount(used, unit, allowance) + " " + period.current());
                    }
                }
            }
            if (shared.length() > 0) {
                answer.append(level == QuotaLevel.CHANNEL ? " This channel: " : " This server: ").append(shared)
                        .append(".");
            }
        }
        answer.append(" Days renew at ").append(QuotaRefusal.when(quotas.renewal(scope, QuotaPeriod.DAY)))
                .append(", months at ").append(QuotaRefusal.when(quotas.renewal(scope, QuotaPeriod.MONTH)))
                .append(".");
        return answer.toString();
    }

    private String server(InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        StringBuilder answer = new StringBuilder("Use of this ").append(CommandService.scopeNoun(message));
        for (QuotaPeriod period : QuotaPeriod.values()) {
            Usage used = quotas.used(scope, QuotaLevel.SERVER, "", period);
            answer.append(period == QuotaPeriod.DAY ? " " : "; ").append(period.current()).append(": ")
                    .append(used.messages()).append(" messages, ").append(used.tokens()).append(" tokens");
        }
        List<UserUsage> top = quotas.top(scope, QuotaPeriod.MONTH, TOP_USERS);
        if (top.isEmpty()) {
            return answer.append(". Nobody has asked anything this month.").toString();
        }
        StringJoiner users = new StringJoiner("; ");
        for (UserUsage user : top) {
            users.add(user.userId() + " " + user.usage().messages() + " messages, " + user.usage().tokens() + " tokens");
        }
        return answer.append(". Top users this month: ").append(users).append(".").toString();
    }

    /** {@code 3 of 20 messages (17 left)} or {@code 1234 tokens} where there is no budget. */
    private static String amount(Usage used, QuotaUnit unit, Allowance allowance) {
        long amount = used.of(unit);
        if (allowance.unlimited()) {
            return amount + " " + unit.typed();
        }
        return amount + " of " + allowance.amount() + " " + unit.typed() + " (" + allowance.leftAfter(amount) + " left)";
    }
}
