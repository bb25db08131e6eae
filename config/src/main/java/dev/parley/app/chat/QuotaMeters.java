package dev.parley.app.chat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.quota.Budget;
import dev.parley.core.quota.QuotaEvents;
import dev.parley.core.quota.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Quotas as Micrometer meters: {@code parley.quota.refusals} tagged {@code platform},
 * {@code level} (user, channel, server), {@code unit} and {@code period}; and the usage charged,
 * {@code parley.quota.charged.messages} and {@code parley.quota.charged.tokens}, tagged
 * {@code platform}. Never a user, channel or server id as a tag: the number of series stays
 * bounded (3 platforms x 3 levels x 2 units x 2 periods at most).
 */
public final class QuotaMeters implements QuotaEvents {

    private final MeterRegistry registry;

    public QuotaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void refused(InboundMessage message, Budget budget) {
        Counter.builder("parley.quota.refusals").description("questions refused because a budget was used up")
                .tag("platform", platform(message))
                .tag("level", lower(budget.level().name()))
                .tag("unit", budget.unit().typed())
                .tag("period", lower(budget.period().name()))
                .register(registry).increment();
    }

    @Override
    public void charged(InboundMessage message, Usage usage) {
        String platform = platform(message);
        Counter.builder("parley.quota.charged.messages").description("answered questions charged to quotas")
                .tag("platform", platform).register(registry).increment(usage.messages());
        Counter.builder("parley.quota.charged.tokens").description("model tokens (prompt + answer) charged to quotas")
                .tag("platform", platform).register(registry).increment(usage.tokens());
    }

    private static String platform(InboundMessage message) {
        return lower(message.location().platform().name());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
