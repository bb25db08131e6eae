package dev.parley.core.quota;

import dev.parley.core.settings.ScopeKey;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Usage counters held in memory, for tests and for a bot without a database; lost at restart. */
public final class InMemoryUsageLedger implements UsageLedger {

    private record Key(ScopeKey scope, QuotaLevel level, String subject, LocalDate day) {}

    private final Map<Key, Usage> counters = new ConcurrentHashMap<>();

    @Override
    public void charge(ScopeKey scope, String channelId, String userId, LocalDate day, Usage usage) {
        add(new Key(scope, QuotaLevel.USER, userId, day), usage);
        add(new Key(scope, QuotaLevel.CHANNEL, channelId, day), usage);
        add(new Key(scope, QuotaLevel.SERVER, "", day), usage);
    }

    private void add(Key key, Usage usage) {
        counters.merge(key, usage, (a, b) -> new Usage(a.messages() + b.messages(), a.tokens() + b.tokens()));
    }

    @Override
    public Usage used(ScopeKey scope, QuotaLevel level, String subjectId, LocalDate first, LocalDate last) {
        String subject = level == QuotaLevel.SERVER ? "" : subjectId;
        long messages = 0;
        long tokens = 0;
        for (var entry : counters.entrySet()) {
            Key key = entry.getKey();
            if (key.scope.equals(scope) && key.level == level && key.subject.equals(subject)
                    && !key.day.isBefore(first) && !key.day.isAfter(last)) {
                messages += entry.getValue().messages();
                tokens += entry.getValue().tokens();
            }
        }
        return new Usage(messages, tokens);
    }

    @Override
    public List<UserUsage> top(ScopeKey scope, LocalDate first, LocalDate last, int count) {
        Map<String, Usage> byUser = new HashMap<>();
        counters.forEach((key, usage) -> {
            if (key.scope.equals(scope) && key.level == QuotaLevel.USER && !key.day.isBefore(first)
                    && !key.day.isAfter(last)) {
                byUser.merge(key.subject, usage,
                        (a, b) -> new Usage(a.messages() + b.messages(), a.tokens() + b.tokens()));
            }
        });
        return byUser.entrySet().stream().map(e -> new UserUsage(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong((UserUsage u) -> u.usage().tokens()).reversed()
                        .thenComparing(UserUsage::userId))
                .limit(count).toList();
    }
}
