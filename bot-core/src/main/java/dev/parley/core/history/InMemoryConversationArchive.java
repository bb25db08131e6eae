package dev.parley.core.history;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A conversation archive kept in memory only: for tests, and lost on restart. */
public final class InMemoryConversationArchive implements ConversationArchive {

    private final Set<ScopeKey> optedIn = new HashSet<>();
    private final Map<ConversationKey, List<ArchivedExchange>> exchanges = new LinkedHashMap<>();

    @Override
    public synchronized boolean optedIn(ScopeKey scope) {
        return optedIn.contains(scope);
    }

    @Override
    public synchronized void optIn(ScopeKey scope, Instant at) {
        optedIn.add(scope);
    }

    @Override
    public synchronized int optOut(ScopeKey scope) {
        optedIn.remove(scope);
        int deleted = 0;
        for (var it = exchanges.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (ScopeKey.of(entry.getKey().location()).equals(scope)) {
                deleted += entry.getValue().size();
                it.remove();
            }
        }
        return deleted;
    }

    @Override
    public synchronized void append(ConversationKey conversation, ArchivedExchange exchange) {
        exchanges.computeIfAbsent(conversation, k -> new ArrayList<>()).add(exchange);
    }

    @Override
    public synchronized List<ArchivedExchange> latest(ConversationKey conversation, int max, Instant notBefore) {
        List<ArchivedExchange> recent = exchanges.getOrDefault(conversation, List.of()).stream()
                .filter(exchange -> !exchange.at().isBefore(notBefore))
                .toList();
        return List.copyOf(recent.subList(Math.max(0, recent.size() - max), recent.size()));
    }

    @Override
    public synchronized int delete(ConversationKey conversation) {
        List<ArchivedExchange> removed = exchanges.remove(conversation);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int deleted = 0;
        for (var it = exchanges.values().iterator(); it.hasNext(); ) {
            List<ArchivedExchange> list = it.next();
            int before = list.size();
            list.removeIf(exchange -> exchange.at().isBefore(cutoff));
            deleted += before - list.size();
            if (list.isEmpty()) {
                it.remove();
            }
        }
        return deleted;
    }
}
