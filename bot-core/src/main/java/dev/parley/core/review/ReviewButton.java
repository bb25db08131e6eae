package dev.parley.core.review;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One review action offered as a button under a block report: its label, the short code in the
 * button's data ({@code review:<item id>:<code>}) and the decision a press makes.
 *
 * @param danger whether platforms that can should show it as destructive
 */
public record ReviewButton(String label, String code, Decision decision, boolean danger) {

    /** The start of every review button's data. */
    public static final String PREFIX = "review:";

    /** The buttons under a report, in the order they are shown. */
    public static final List<ReviewButton> ALL = List.of(
            new ReviewButton("False positive", "fp", Decision.of(ReviewAction.FALSE_POSITIVE), false),
            new ReviewButton("Confirm", "confirm", Decision.of(ReviewAction.CONFIRM), false),
            new ReviewButton("Warn", "warn", Decision.of(ReviewAction.WARN), false),
            new ReviewButton("Mute 1h", "mute1h", Decision.of(ReviewAction.MUTE), false),
            new ReviewButton("Ban", "ban", Decision.of(ReviewAction.BAN), true));

    public ReviewButton {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(decision, "decision");
    }

    /** This button's data under the report of item {@code itemId}. */
    public String data(String itemId) {
        return PREFIX + itemId + ":" + code;
    }

    /** A press of a review button: which item, and which button. */
    public record Press(String itemId, ReviewButton button) {}

    /** The press that {@code data} stands for, or empty if it is not a review button's data (another feature's). */
    public static Optional<Press> parse(String data) {
        String[] parts = data.split(":");
        if (parts.length != 3 || !data.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return ALL.stream().filter(b -> b.code().equals(parts[2])).findFirst().map(b -> new Press(parts[1], b));
    }
}
