package dev.parley.core.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation history across restarts, opt-in per scope: the exchanges of a scope whose admins
 * turned history on are archived, recalled when a conversation is not in memory, and deleted after
 * the retention period, when the scope turns history off, or when a user resets their conversation.
 * Scopes that did not opt in have nothing archived. Thread-safe.
 *
 * <p>A failing archive never stops a conversation: keeping and recalling log a warning and go on
 * (the conversation is answered from memory alone); switching and deleting let the failure through
 * so that nobody is told their history is gone when it is not.
 */
public final class ConversationHistory implements ConversationStore {

    /** How often, at most, expired exchanges are purged as new ones are written. */
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ConversationHistory.class);

    private final ConversationArchive archive;
    private final Duration retention;
    private final InstantSource clock;
    /** Read on every exchange, so cached; this process makes every change through {@link #turnOn}/{@link #turnOff}. */
    private final Cache<ScopeKey, Boolean> optedIn = Caffeine.newBuilder().maximumSize(100_000).build();
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);
    /**
     * Shared by exchanges being archived, exclusive for turning history off: an exchange that saw
     * history on is written before the scope's exchanges are deleted, never after.
     */
    private final ReadWriteLock switching = new ReentrantReadWriteLock();

    /**
     * @param retention how long an exchange is kept; older ones are neither recalled nor kept
     */
    public ConversationHistory(ConversationArchive archive, Duration retention, InstantSource clock) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.retention = retention;
    }

    /** How long an exchange is kept. */
    public Duration retention() {
        return retention;
    }

    /** Whether the scope's conversations are archived. */
    public boolean isOn(ScopeKey scope) {
        return optedIn.get(scope, archive::optedIn);
    }

    /** Archives the scope's exchanges from now on; returns false if it already did. */
    public boolean turnOn(ScopeKey scope) {
        boolean wasOn = isOn(scope);
        if (!wasOn) {
            archive.optIn(scope, clock.instant());
            optedIn.put(scope, true);
        }
        return !wasOn;
    }

    /**
     * Stops archiving the scope's exchanges and deletes those archived (also when history was
     * already off, so that nothing is left behind); returns how many were deleted.
     */
    public int turnOff(ScopeKey scope) {
        switching.writeLock().lock();
        try {
            optedIn.put(scope, false);
            return archive.optOut(scope);
        } catch (RuntimeException e) {
            optedIn.invalidate(scope); // read the archive's word again next time
            throw e;
        } finally {
            switching.writeLock().unlock();
        }
    }

    @Override
    public List<ChatTurn> recall(ConversationKey key, int maxTurns) {
        try {
            if (maxTurns < 2 || !isOn(ScopeKey.of(key.location()))) {
                return List.of();
            }
            List<ArchivedExchange> exchanges = archive.latest(key, maxTurns / 2, clock.instant().minus(retention));
            List<ChatTurn> turns = new ArrayList<>(exchanges.size() * 2);
            for (ArchivedExchange exchange : exchanges) {
                turns.add(ChatTurn.user(exchange.userText()));
                turns.add(ChatTurn.assistant(exchange.reply()));
            }
            return List.copyOf(turns);
        } catch (RuntimeException e) {
            LOG.warn("could not recall a conversation of {} {}; answering from memory: {}",
                    key.location().platform(), key.location().scopeId(), e.toString());
            return List.of();
        }
    }

    @Override
    public void keep(ConversationKey key, String userText, String reply) {
        keep(key, ArchivedExchange.UNKNOWN_AUTHOR, userText, reply);
    }

    @Override
    public void keep(ConversationKey key, String authorId, String userText, String reply) {
        switching.readLock().lock();
        try {
            if (!isOn(ScopeKey.of(key.location()))) {
                return;
            }
            Instant now = clock.instant();
            archive.append(key, new ArchivedExchange(now, authorId, userText, reply));
            purgeIfDue(now);
        } catch (RuntimeException e) {
            LOG.warn("could not archive an exchange of {} {}: {}",
                    key.location().platform(), key.location().scopeId(), e.toString());
        } finally {
            switching.readLock().unlock();
        }
    }

    /** Deletes the conversation's archived exchanges, whether or not its scope archives now. */
    @Override
    public void forget(ConversationKey key) {
        archive.delete(key);
    }

    /** Deletes every exchange older than the retention period; returns how many. */
    int purgeExpired() {
        Instant now = clock.instant();
        nextPurge.set(now.plus(PURGE_INTERVAL));
        return archive.purgeBefore(now.minus(retention));
    }

    private void purgeIfDue(Instant now) {
        Instant due = nextPurge.get();
        // one writer purges; the others go on
        if (!now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            int purged = archive.purgeBefore(now.minus(retention));
            if (purged > 0) {
                LOG.info("purged {} archived exchanges older than {}", purged, retention);
            }
        }
    }
}
