package dev.parley.core.feedback;

import java.util.List;
import java.util.Optional;

/**
 * How a change of reactions changes a voter's vote: a 👍 or 👎 added casts that vote (replacing
 * the one they had); taking off the reaction that cast the vote withdraws it; anything else
 * (other emoji, taking off the other thumb) leaves the vote as it is.
 */
public final class VoteRule {

    /** What becomes of a voter's vote. */
    public sealed interface Decision {
        /** The vote stays as it is (there may be none). */
        record Keep() implements Decision {}

        /** The vote becomes {@code vote}. */
        record Cast(Vote vote) implements Decision {}

        /** The vote is deleted. */
        record Withdraw() implements Decision {}
    }

    private VoteRule() {}

    /** The decision for a voter whose vote is {@code current} and who added and removed these emoji. */
    public static Decision decide(Optional<Vote> current, List<String> added, List<String> removed) {
        // the last thumb added wins: Telegram lists a premium user's several reactions in order
        Optional<Vote> cast = added.reversed().stream().map(Vote::ofReaction).flatMap(Optional::stream).findFirst();
        if (cast.isPresent()) {
            return cast.get().equals(current.orElse(null)) ? new Decision.Keep() : new Decision.Cast(cast.get());
        }
        boolean castingReactionRemoved = current.isPresent() && removed.stream().map(Vote::ofReaction)
                .anyMatch(current::equals);
        return castingReactionRemoved ? new Decision.Withdraw() : new Decision.Keep();
    }
}
