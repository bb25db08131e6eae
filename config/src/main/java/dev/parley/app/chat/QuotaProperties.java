package dev.parley.app.chat;

import dev.parley.app.startup.StartupException;
import dev.parley.core.quota.Budget;
import dev.parley.core.quota.QuotaLevel;
import dev.parley.core.quota.QuotaLimits;
import dev.parley.core.quota.QuotaPeriod;
import dev.parley.core.quota.QuotaUnit;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.quota.*}: budgets per day and per month, in answered questions and in model tokens
 * (prompt plus answer), for each user, each channel and each server (a Telegram chat). Every
 * budget is unlimited unless set; admins override them per user, role, channel or server with
 * {@code /quota set}.
 *
 * @param timeZone the time zone whose midnight starts days and months, where a scope's admins chose none
 */
@ConfigurationProperties("parley.quota")
public record QuotaProperties(
        @DefaultValue("UTC") String timeZone,
        @Nullable Long userMessagesPerDay,
        @Nullable Long userMessagesPerMonth,
        @Nullable Long userTokensPerDay,
        @Nullable Long userTokensPerMonth,
        @Nullable Long channelMessagesPerDay,
        @Nullable Long channelMessagesPerMonth,
        @Nullable Long channelTokensPerDay,
        @Nullable Long channelTokensPerMonth,
        @Nullable Long serverMessagesPerDay,
        @Nullable Long serverMessagesPerMonth,
        @Nullable Long serverTokensPerDay,
        @Nullable Long serverTokensPerMonth) {

    /** The configured budgets; a negative one stops the start with the key that holds it. */
    public QuotaLimits toLimits() {
        Map<Budget, Long> limits = new HashMap<>();
        put(limits, QuotaLevel.USER, userMessagesPerDay, userMessagesPerMonth, userTokensPerDay, userTokensPerMonth);
        put(limits, QuotaLevel.CHANNEL, channelMessagesPerDay, channelMessagesPerMonth, channelTokensPerDay,
                channelTokensPerMonth);
        put(limits, QuotaLevel.SERVER, serverMessagesPerDay, serverMessagesPerMonth, serverTokensPerDay,
                serverTokensPerMonth);
        try {
            return new QuotaLimits(limits);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.quota: budgets must be 0 or more (" + e.getMessage() + ")");
        }
    }

    /** The default time zone of the scopes' periods. */
    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new StartupException("invalid parley.quota.time-zone \"" + timeZone
                    + "\": give a zone such as UTC or Europe/Lisbon");
        }
    }

    private static void put(Map<Budget, Long> limits, QuotaLevel level, @Nullable Long messagesPerDay,
            @Nullable Long messagesPerMonth, @Nullable Long tokensPerDay, @Nullable Long tokensPerMonth) {
        putOne(limits, new Budget(level, QuotaUnit.MESSAGES, QuotaPeriod.DAY), messagesPerDay);
        putOne(limits, new Budget(level, QuotaUnit.MESSAGES, QuotaPeriod.MONTH), messagesPerMonth);
        putOne(limits, new Budget(level, QuotaUnit.TOKENS, QuotaPeriod.DAY), tokensPerDay);
        putOne(limits, new Budget(level, QuotaUnit.TOKENS, QuotaPeriod.MONTH), tokensPerMonth);
    }

    private static void putOne(Map<Budget, Long> limits, Budget budget, @Nullable Long limit) {
        if (limit != null) {
            limits.put(budget, limit);
        }
    }
}
