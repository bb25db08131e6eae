package dev.parley.core.moderation;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one scope moderates: the rules to run, in order, the directions they apply to, and the
 * notices users see when something is blocked.
 */
public record ModerationPolicy(
        List<ModerationRule> rules, Set<Direction> directions, String inputNotice, String outputNotice) {

    public ModerationPolicy {
        rules = List.copyOf(rules);
        directions = Set.copyOf(directions);
        Objects.requireNonNull(inputNotice, "inputNotice");
        Objects.requireNonNull(outputNotice, "outputNotice");
    }

    /** The notice a user sees when text in {@code direction} is blocked. */
    public String notice(Direction direction) {
        return direction == Direction.INPUT ? inputNotice : outputNotice;
    }
}
