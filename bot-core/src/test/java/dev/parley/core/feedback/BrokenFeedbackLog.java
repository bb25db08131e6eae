package dev.parley.core.feedback;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A feedback log whose database is down: every call throws. */
final class BrokenFeedbackLog implements FeedbackLog {

    private static IllegalStateException down() {
        return new IllegalStateException("database down");
    }

    @Override
    public long record(Exchange exchange) {
        throw down();
    }

    @Override
    public OptionalLong exchangeShownBy(ScopeKey scope, String channelId, String messageId) {
        throw down();
    }

    @Override
    public Optional<Vote> voteOf(long exchangeId, String voterId) {
        throw down();
    }

    @Override
    public void vote(long exchangeId, String voterId, Vote vote, Instant at) {
        throw down();
    }

    @Override
    public boolean unvote(long exchangeId, String voterId) {
        throw down();
    }

    @Override
    public FeedbackSummary summary(ScopeKey scope) {
        throw down();
    }

    @Override
    public int forget(ScopeKey scope, String userId) {
        throw down();
    }
}
