package dev.parley.core.feedback;

import java.util.Optional;

/** A voter's verdict on an answer: thumbs up or thumbs down, stored as +1 or -1. */
public enum Vote {
    UP(1, "👍"),
    DOWN(-1, "👎");

    private final int value;
    private final String emoji;

    Vote(int value, String emoji) {
        this.value = value;
        this.emoji = emoji;
    }

    /** +1 or -1, as stored. */
    public int value() {
        return value;
    }

    /** The reaction that casts it. */
    public String emoji() {
        return emoji;
    }

    /** The vote stored as {@code value}. */
    public static Vote of(int value) {
        return switch (value) {
            case 1 -> UP;
            case -1 -> DOWN;
            default -> throw new IllegalArgumentException("a vote is +1 or -1, was " + value);
        };
    }

    /**
     * The vote a reaction casts: 👍 or 👎 in any skin tone, with or without the emoji variation
     * selector; empty for every other reaction.
     */
    public static Optional<Vote> ofReaction(String emoji) {
        String bare = emoji.replace("\uFE0F", "").replaceAll("[\\x{1F3FB}-\\x{1F3FF}]", "");
        for (Vote vote : values()) {
            if (vote.emoji.equals(bare)) {
                return Optional.of(vote);
            }
        }
        return Optional.empty();
    }
}
