package dev.parley.core.dataset;

import java.util.Objects;

/**
 * One person's vote on an exchange.
 *
 * @param vote +1 for a thumbs up, -1 for a thumbs down
 */
public record Vote(long exchangeId, String voterId, int vote) {

    public Vote {
        Objects.requireNonNull(voterId, "voterId");
        if (vote != 1 && vote != -1) {
            throw new IllegalArgumentException("a vote is +1 or -1, was " + vote);
        }
    }
}
