package dev.parley.core.regenerate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers that offer <em>Regenerate</em>: every finished model answer on a platform that shows
 * buttons (one that registered {@link AnswerButtons}), by the message carrying its button, for
 * {@link #KEPT_FOR} and at most {@link #MAX_ANSWERS} at once (older buttons answer that the answer
 * can no longer be regenerated). Decides who may press (the asker only) and that an answer is
 * regenerated once at a time; when a regenerated answer is shown it replaces the old one: the
 * button moves to the new answer and the platform deletes the old. Held in memory and written
 * through to an {@link AnswerStore} (off the platforms' threads): a press of an answer shown before
 * a restart finds it there, within the same {@link #KEPT_FOR}. A store that fails costs nobody
 * their answer: that button then works until a restart only. Thread-safe.
 */
public final class RegenerableAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(RegenerableAnswers.class);

    /** How long an answer can be regenerated after it was shown. */
    public static final Duration KEPT_FOR = Duration.ofHours(24);
    /** How many answers are kept regenerable at once; the oldest go first. */
    public static final int MAX_ANSWERS = 10_000;

    static final String GONE = "This answer can no longer be regenerated; please ask again.";
    static final String NOT_YOURS = "Only the person who asked can regenerate this answer.";
    static final String BUSY = "I am already writing another answer to this; please wait for it.";

    private record Key(Platform platform, String channelId, String messageId) {
        static Key of(Location where, String messageId) {
            return new Key(where.platform(), where.channelId(), messageId);
        }
    }

    /** One regenerable answer and whether a regeneration of it runs. */
    private record Kept(ShownAnswer answer, AtomicBoolean regenerating) {}

    /** Every how many answers shown the store forgets the expired ones. */
    static final int PRUNE_EVERY = 100;

    private final Cache<Key, Kept> answers;
    private final Map<Platform, AnswerButtons> platforms = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final AnswerStore store;
    private final Executor writes;
    private final AtomicInteger shownSincePrune = new AtomicInteger();

    /** Answers held in memory only: a restart forgets them. */
    public RegenerableAnswers(InstantSource clock) {
        this(clock, AnswerStore.NONE, Runnable::run);
    }

    /**
     * Answers held in memory and kept in {@code store} too.
     *
     * @param writes where the store is written, one write after the other (a save before its update):
     *     never a platform's thread
     */
    public RegenerableAnswers(InstantSource clock, AnswerStore store, Executor writes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.answers = Caffeine.newBuilder().maximumSize(MAX_ANSWERS).expireAfterWrite(KEPT_FOR)
                .ticker(() -> nanos(clock.instant())).build();
    }

    /** {@code platform} shows the button through {@code buttons}; without, its answers offer none. */
    public void display(Platform platform, AnswerButtons buttons) {
        platforms.put(Objects.requireNonNull(platform, "platform"), Objects.requireNonNull(buttons, "buttons"));
    }

    /**
     * {@code answer} to {@code question} was handed to the platform whole; {@code shownBy}
     * completes with the ids of the messages showing it once they are out. Then the answer offers
     * the button, and where it is the regeneration {@code replacing} an earlier one, that one is
     * deleted; a regeneration that ends up shown by nothing leaves the earlier answer as it was.
     */
    public void shown(InboundMessage question, String answer, CompletionStage<List<String>> shownBy,
            CompletionStage<OptionalLong> recorded, @Nullable Regeneration replacing) {
        AnswerButtons buttons = platforms.get(question.location().platform());
        if (buttons == null) {
            return;
        }
        shownBy.whenComplete((ids, failure) -> {
            if (failure != null || ids == null || ids.isEmpty()) {
                if (replacing != null) {
                    release(replacing);
                }
                return;
            }
            ShownAnswer shown = new ShownAnswer(question, answer, ids, recorded);
            answers.put(Key.of(question.location(), shown.buttonMessage()), new Kept(shown, new AtomicBoolean()));
            keep(shown);
            send(question, () -> buttons.offer(question.location(), shown.buttonMessage()));
            if (replacing != null) {
                ShownAnswer old = replacing.replaced();
                answers.invalidate(Key.of(old.question().location(), old.buttonMessage()));
                write(question, () -> store.delete(old.question().location(), old.buttonMessage()));
                send(question, () -> buttons.remove(old.question().location(), old.shownBy()));
            }
        });
    }

    /**
     * A press of the button under message {@code messageId} of {@code where} by {@code presserId}:
     * granted to the asker of a kept answer that no regeneration is answering now.
     */
    public Claim claim(Location where, String messageId, String presserId) {
        Kept kept = answers.getIfPresent(Key.of(where, messageId));
        if (kept == null) {
            kept = stored(where, messageId);
        }
        if (kept == null) {
            return new Claim.Refused(GONE);
        }
        if (!kept.answer().question().author().id().equals(presserId)) {
            return new Claim.Refused(NOT_YOURS);
        }
        if (!kept.regenerating().compareAndSet(false, true)) {
            return new Claim.Refused(BUSY);
        }
        return new Claim.Granted(new Regeneration(kept.answer()));
    }

    /** The regeneration ended without replacing its answer (refused, withheld, failed): it can be pressed again. */
    public void release(Regeneration regeneration) {
        ShownAnswer old = regeneration.replaced();
        Kept kept = answers.getIfPresent(Key.of(old.question().location(), old.buttonMessage()));
        if (kept != null && kept.answer() == old) {
            kept.regenerating().set(false);
        }
    }

    /** The answer under {@code messageId} as the store kept it (shown before a restart), now held again; or null. */
    private @Nullable Kept stored(Location where, String messageId) {
        Optional<ShownAnswer> found;
        try {
            found = store.find(where, messageId, clock.instant().minus(KEPT_FOR));
        } catch (RuntimeException e) {
            LOG.warn("regenerable answer under message {} not read: {}", messageId, e.getClass().getName());
            return null;
        }
        // two presses at once hold one Kept: only one of them claims it
        return found.map(answer -> answers.asMap().computeIfAbsent(Key.of(where, messageId),
                key -> new Kept(answer, new AtomicBoolean()))).orElse(null);
    }

    /** Writes {@code shown} to the store, then its exchange once recorded; forgets the expired ones now and then. */
    private void keep(ShownAnswer shown) {
        Location where = shown.question().location();
        Instant now = clock.instant();
        write(shown.question(), () -> store.save(shown, now));
        shown.recorded().thenAccept(id -> id.ifPresent(exchange ->
                write(shown.question(), () -> store.recorded(where, shown.buttonMessage(), exchange))));
        if (shownSincePrune.incrementAndGet() % PRUNE_EVERY == 0) {
            write(shown.question(), () -> store.deleteShownBefore(now.minus(KEPT_FOR), MAX_ANSWERS));
        }
    }

    /** A store that fails costs nobody their answer: the button works until a restart. */
    private void write(InboundMessage question, Runnable call) {
        try {
            writes.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.warn("message={} regenerable answer not stored: {}", question.messageId(),
                            e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("message={} regenerable answer not stored: shutting down", question.messageId());
        }
    }

    /** A platform that cannot show the button or delete a message costs nobody their answer. */
    private static void send(InboundMessage question, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("message={} regenerate button not updated: {}", question.messageId(),
                    e.getClass().getName());
        }
    }

    private static long nanos(Instant now) {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
