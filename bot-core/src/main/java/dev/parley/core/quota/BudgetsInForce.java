package dev.parley.core.quota;

import dev.parley.core.conversation.InboundMessage;
import java.util.List;

/**
 * Decides which allowance each budget has for one message, from the configured budgets and the
 * scope's overrides. A user's budget: the user's own override, else the most generous override
 * of one of their roles, else the override for {@code everyone}, else the configured one. A
 * channel's budget: the channel's override, else the configured one. The server's: its
 * override, else the configured one. Every budget that applies must have room.
 */
record BudgetsInForce(QuotaLimits defaults) {

    /** The allowance of {@code budget} for {@code message}, given the scope's {@code overrides}. */
    Allowance allowance(Budget budget, InboundMessage message, List<QuotaOverride> overrides) {
        List<QuotaOverride> same = overrides.stream()
                .filter(o -> o.unit() == budget.unit() && o.period() == budget.period()
                        && o.target().level() == budget.level())
                .toList();
        return switch (budget.level()) {
            case USER -> userAllowance(budget, message, same);
            case CHANNEL -> first(same, OverrideTarget.CHANNEL, message.location().channelId(), budget);
            case SERVER -> same.stream().filter(o -> o.target() == OverrideTarget.SERVER).findFirst()
                    .map(QuotaOverride::allowance).orElseGet(() -> defaults.of(budget));
        };
    }

    private Allowance userAllowance(Budget budget, InboundMessage message, List<QuotaOverride> same) {
        String userId = message.author().id();
        for (QuotaOverride o : same) {
            if (o.target() == OverrideTarget.USER && o.targetId().equals(userId)) {
                return o.allowance();
            }
        }
        // a member of several roles gets the most generous of them: roles grant, they do not restrict each other
        Allowance byRole = same.stream()
                .filter(o -> o.target() == OverrideTarget.ROLE && message.author().roles().contains(o.targetId()))
                .map(QuotaOverride::allowance)
                .max((a, b) -> Long.compare(a.amount(), b.amount()))
                .orElse(null);
        if (byRole != null) {
            return byRole;
        }
        return first(same, OverrideTarget.USER, OverrideTarget.EVERYONE, budget);
    }

    private Allowance first(List<QuotaOverride> same, OverrideTarget target, String id, Budget budget) {
        return same.stream().filter(o -> o.target() == target && o.targetId().equals(id)).findFirst()
                .map(QuotaOverride::allowance).orElseGet(() -> defaults.of(budget));
    }
}
