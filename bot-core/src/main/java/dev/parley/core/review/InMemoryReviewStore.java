package dev.parley.core.review;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Review items kept in memory only: for tests and set-ups without storage; lost on restart. */
public final class InMemoryReviewStore implements ReviewStore {

    private final Map<String, ReviewItem> items = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(ReviewItem item) {
        return items.putIfAbsent(item.id(), item) == null;
    }

    @Override
    public synchronized Optional<ReviewItem> find(String id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public synchronized List<ReviewItem> pending(ScopeKey scope, int limit) {
        return items.values().stream().filter(i -> i.scope().equals(scope) && i.pending()).limit(limit).toList();
    }

    @Override
    public synchronized List<ReviewItem> resolved(ScopeKey scope, int limit) {
        return items.values().stream().filter(i -> i.scope().equals(scope) && !i.pending())
                .sorted(Comparator.comparing((ReviewItem i) -> i.resolution().at()).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized boolean resolve(String id, Resolution how) {
        ReviewItem item = items.get(id);
        if (item == null || !item.pending()) {
            return false;
        }
        items.put(id, item.resolved(how));
        return true;
    }

    @Override
    public synchronized boolean release(String id, Resolution how) {
        ReviewItem item = items.get(id);
        if (item == null || !how.equals(item.resolution())) {
            return false;
        }
        items.put(id, new ReviewItem(item.id(), item.createdAt(), item.scope(), item.location(), item.authorId(),
                item.messageId(), item.direction(), item.category(), item.rule(), item.scores(), item.hash(),
                item.excerpt(), null));
        return true;
    }

    @Override
    public synchronized int purgeResolvedBefore(Instant before) {
        int size = items.size();
        items.values().removeIf(i -> i.resolution() != null && i.resolution().at().isBefore(before));
        return size - items.size();
    }
}
