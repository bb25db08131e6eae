package dev.parley.core.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Each scope's block and allow lists, and whether they keep an author away. The most specific entry
 * decides: the author's own entry, else their roles (an allowed role beats a blocked one), else the
 * channel's entry; with none the author may use the bot.
 */
public final class AccessLists {

    // read by every message; a change made here refreshes at once, one made by another process within this
    private static final Duration SHARED_STALENESS = Duration.ofSeconds(30);

    private final AccessListStore store;
    private final Cache<ScopeKey, List<AccessEntry>> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(SHARED_STALENESS).build();

    public AccessLists(AccessListStore store) {
        this.store = store;
    }

    /** The entry that keeps the author of {@code message} away from the bot, or empty when they may use it. */
    public Optional<AccessEntry> blocking(InboundMessage message) {
        List<AccessEntry> entries = entries(ScopeKey.of(message.location()));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Optional<AccessEntry> own = find(entries, AccessKind.USER, message.author().id());
        if (own.isPresent()) {
            return own.filter(e -> e.mode() == AccessMode.BLOCK);
        }
        List<AccessEntry> roles = entries.stream()
                .filter(e -> e.kind() == AccessKind.ROLE && message.author().roles().contains(e.targetId()))
                .toList();
        if (roles.stream().anyMatch(e -> e.mode() == AccessMode.ALLOW)) {
            return Optional.empty();
        }
        if (!roles.isEmpty()) {
            return Optional.of(roles.getFirst());
        }
        return find(entries, AccessKind.CHANNEL, message.location().channelId()).filter(e -> e.mode() == AccessMode.BLOCK);
    }

    /** {@code scope}'s entries, users first, then roles, then channels, each by target. */
    public List<AccessEntry> entries(ScopeKey scope) {
        return cache.get(scope, key -> store.entries(key).stream()
                .sorted(Comparator.comparing(AccessEntry::kind).thenComparing(AccessEntry::targetId))
                .toList());
    }

    /** Adds or replaces the entry for its kind and target in {@code scope}. */
    public void put(ScopeKey scope, AccessEntry entry) {
        store.put(scope, entry);
        cache.invalidate(scope);
    }

    /** Removes the entry for {@code kind} {@code targetId} in {@code scope}; whether there was one. */
    public boolean remove(ScopeKey scope, AccessKind kind, String targetId) {
        boolean removed = store.remove(scope, kind, targetId);
        cache.invalidate(scope);
        return removed;
    }

    private static Optional<AccessEntry> find(List<AccessEntry> entries, AccessKind kind, String id) {
        return entries.stream().filter(e -> e.names(kind, id)).findFirst();
    }
}
