package dev.parley.core.regenerate;

import dev.parley.core.conversation.Location;
import java.time.Instant;
import java.util.Optional;

/**
 * The port that keeps regenerable answers across a restart, by the message carrying the button
 * ({@link ShownAnswer#buttonMessage}, in its platform and channel). {@link RegenerableAnswers}
 * holds the answers in memory and writes through to it, off the platforms' threads; it reads from
 * it only for a press of an answer it does not hold (one shown before a restart).
 */
public interface AnswerStore {

    /** Keeps nothing: answers live in memory only, and a restart forgets them. */
    AnswerStore NONE = new AnswerStore() {
        @Override
        public void save(ShownAnswer answer, Instant shownAt) {}

        @Override
        public void recorded(Location where, String buttonMessage, long exchangeId) {}

        @Override
        public Optional<ShownAnswer> find(Location where, String buttonMessage, Instant shownSince) {
            return Optional.empty();
        }

        @Override
        public void delete(Location where, String buttonMessage) {}

        @Override
        public void deleteShownBefore(Instant before, int keepAtMost) {}
    };

    /** Keeps {@code answer}, shown at {@code shownAt} (replacing one kept under the same button). */
    void save(ShownAnswer answer, Instant shownAt);

    /** The feedback exchange recorded for the answer under {@code buttonMessage}, once it is known. */
    void recorded(Location where, String buttonMessage, long exchangeId);

    /**
     * The answer under {@code buttonMessage} of {@code where}'s platform and channel shown since
     * {@code shownSince}, its {@link ShownAnswer#recorded} already complete.
     */
    Optional<ShownAnswer> find(Location where, String buttonMessage, Instant shownSince);

    /** Forgets the answer under {@code buttonMessage} (it was replaced). */
    void delete(Location where, String buttonMessage);

    /** Forgets the answers shown before {@code before}, and all but the {@code keepAtMost} latest. */
    void deleteShownBefore(Instant before, int keepAtMost);
}
