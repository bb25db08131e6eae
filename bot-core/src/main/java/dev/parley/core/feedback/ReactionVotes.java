package dev.parley.core.feedback;

import dev.parley.core.settings.ScopeKey;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns reactions into votes: a reaction on a recorded answer, where feedback is on and by someone
 * who did not opt out, stores, replaces or deletes that person's vote ({@link VoteRule}); reactions
 * on anything else are ignored. Called by the adapters, off the platform's event threads.
 */
public final class ReactionVotes {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionVotes.class);

    private final FeedbackConsent consent;
    private final FeedbackLog log;
    private final InstantSource clock;

    /** What a reaction did. */
    public enum Result {
        /** A vote was stored or replaced. */
        STORED,
        /** A vote was deleted. */
        DELETED,
        /** On a recorded answer, but the vote stays as it was. */
        UNCHANGED,
        /** Not a vote: feedback off, an opted-out or bot voter, an emoji that is no thumb, a message not recorded. */
        IGNORED
    }

    public ReactionVotes(FeedbackConsent consent, FeedbackLog log, InstantSource clock) {
        this.consent = Objects.requireNonNull(consent, "consent");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies {@code reaction}; what it did. A store that fails is logged, and the reaction ignored. */
    public Result reacted(Reaction reaction) {
        ScopeKey scope = ScopeKey.of(reaction.location());
        try {
            if (reaction.voterIsBot() || !touchesAThumb(reaction) || !consent.enabled(scope)
                    || consent.optedOut(scope, reaction.voterId())) {
                return Result.IGNORED;
            }
            OptionalLong exchange = log.exchangeShownBy(scope, reaction.location().channelId(), reaction.messageId());
            if (exchange.isEmpty()) {
                return Result.IGNORED;
            }
            long id = exchange.getAsLong();
            return switch (VoteRule.decide(log.voteOf(id, reaction.voterId()), reaction.added(), reaction.removed())) {
                case VoteRule.Decision.Keep keep -> Result.UNCHANGED;
                case VoteRule.Decision.Cast cast -> {
                    log.vote(id, reaction.voterId(), cast.vote(), clock.instant());
                    yield Result.STORED;
                }
                case VoteRule.Decision.Withdraw withdraw -> log.unvote(id, reaction.voterId())
                        ? Result.DELETED : Result.UNCHANGED;
            };
        } catch (RuntimeException e) {
            LOG.warn("a reaction in {} {} was not stored: {}", scope.platform(), scope.scopeId(),
                    e.getClass().getName());
            return Result.IGNORED;
        }
    }

    private static boolean touchesAThumb(Reaction reaction) {
        return reaction.added().stream().anyMatch(e -> Vote.ofReaction(e).isPresent())
                || reaction.removed().stream().anyMatch(e -> Vote.ofReaction(e).isPresent());
    }
}
