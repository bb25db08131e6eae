package dev.parley.core.feedback;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The port that keeps recorded exchanges and the votes on them. */
public interface FeedbackLog {

    /** Records {@code exchange}; its id. */
    long record(Exchange exchange);

    /**
     * The recorded exchange shown by platform message {@code messageId} of {@code channelId} in
     * {@code scope}; empty for any other message.
     */
    OptionalLong exchangeShownBy(ScopeKey scope, String channelId, String messageId);

    /** {@code voterId}'s vote on exchange {@code exchangeId}, if any. */
    Optional<Vote> voteOf(long exchangeId, String voterId);

    /** Stores {@code voterId}'s vote on exchange {@code exchangeId}, replacing the one they had. */
    void vote(long exchangeId, String voterId, Vote vote, Instant at);

    /** Deletes {@code voterId}'s vote on exchange {@code exchangeId}; false when there was none. */
    boolean unvote(long exchangeId, String voterId);

    /** How many exchanges and votes {@code scope} holds. */
    FeedbackSummary summary(ScopeKey scope);

    /**
     * Deletes what {@code userId} left in {@code scope}: the exchanges they asked (with the votes
     * on them) and the votes they cast; how many exchanges and votes went.
     */
    int forget(ScopeKey scope, String userId);
}
