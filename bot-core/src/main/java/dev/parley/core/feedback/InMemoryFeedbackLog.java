package dev.parley.core.feedback;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Recorded exchanges and votes kept in memory: for tests, and for a bot without a database. */
public final class InMemoryFeedbackLog implements FeedbackLog {

    private final Map<Long, Exchange> exchanges = new LinkedHashMap<>();
    private final Map<Long, Map<String, Vote>> votes = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized long record(Exchange exchange) {
        long id = nextId++;
        exchanges.put(id, exchange);
        return id;
    }

    /** Every recorded exchange, oldest first. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges.values());
    }

    @Override
    public synchronized OptionalLong exchangeShownBy(ScopeKey scope, String channelId, String messageId) {
        return exchanges.entrySet().stream()
                .filter(e -> e.getValue().platform() == scope.platform() && e.getValue().scopeId().equals(scope.scopeId())
                        && e.getValue().channelId().equals(channelId) && e.getValue().replyMessage().equals(messageId))
                .mapToLong(Map.Entry::getKey).max(); // an edited question answered anew in the same message: the newest
    }

    @Override
    public synchronized Optional<Vote> voteOf(long exchangeId, String voterId) {
        return Optional.ofNullable(votes.getOrDefault(exchangeId, Map.of()).get(voterId));
    }

    @Override
    public synchronized void vote(long exchangeId, String voterId, Vote vote, Instant at) {
        votes.computeIfAbsent(exchangeId, id -> new LinkedHashMap<>()).put(voterId, vote);
    }

    @Override
    public synchronized boolean unvote(long exchangeId, String voterId) {
        Map<String, Vote> on = votes.get(exchangeId);
        return on != null && on.remove(voterId) != null;
    }

    @Override
    public synchronized FeedbackSummary summary(ScopeKey scope) {
        List<Long> ids = idsIn(scope);
        long up = 0;
        long down = 0;
        for (long id : ids) {
            for (Vote vote : votes.getOrDefault(id, Map.of()).values()) {
                if (vote == Vote.UP) {
                    up++;
                } else {
                    down++;
                }
            }
        }
        return new FeedbackSummary(ids.size(), up, down);
    }

    @Override
    public synchronized int forget(ScopeKey scope, String userId) {
        int forgotten = 0;
        for (long id : idsIn(scope)) {
            if (exchanges.get(id).authorId().equals(userId)) {
                forgotten += 1 + votes.getOrDefault(id, Map.of()).size();
                exchanges.remove(id);
                votes.remove(id);
            } else if (votes.containsKey(id) && votes.get(id).remove(userId) != null) {
                forgotten++;
            }
        }
        return forgotten;
    }

    private List<Long> idsIn(ScopeKey scope) {
        List<Long> ids = new ArrayList<>();
        exchanges.forEach((id, e) -> {
            if (e.platform() == scope.platform() && e.scopeId().equals(scope.scopeId())) {
                ids.add(id);
            }
        });
        return ids;
    }
}
