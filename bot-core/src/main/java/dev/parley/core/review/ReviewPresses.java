package dev.parley.core.review;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a press of a review button under a block report does, the same on every platform: the
 * item must exist and belong to where the button was pressed, and the presser's admin status is
 * checked for the item's own scope before the queue resolves it. Adapters translate the press
 * and show the answer.
 */
public final class ReviewPresses {

    private final ReviewQueue reviews;

    public ReviewPresses(ReviewQueue reviews) {
        this.reviews = Objects.requireNonNull(reviews, "reviews");
    }

    /**
     * Resolves the pressed item as {@code presserId} decides with the button.
     *
     * @param pressedHere whether the item belongs to the place the button was pressed in
     * @param presserIsAdmin whether the presser administers the item's scope, asked of the platform
     * @return {@link ReviewOutcome.NotFound} for an unknown item or one of another place, else the queue's outcome
     */
    public ReviewOutcome press(ReviewButton.Press press, String presserId, Predicate<ReviewItem> pressedHere,
            Predicate<ReviewItem> presserIsAdmin) {
        Optional<ReviewItem> item = reviews.find(press.itemId()).filter(pressedHere);
        if (item.isEmpty()) {
            return new ReviewOutcome.NotFound(press.itemId());
        }
        return reviews.resolve(item.get().scope(), press.itemId(), press.button().decision(),
                new Reviewer(presserId, presserIsAdmin.test(item.get())));
    }

    /** The one-line answer to the presser: a button's answer names no command, unlike {@link ReviewOutcome#text()}. */
    public static String answer(ReviewOutcome outcome) {
        return outcome instanceof ReviewOutcome.NotFound(String id) ? "There is no review item " + id + " here."
                : outcome.text();
    }

    /** The line added to a resolved report: who resolved it, as the platform names them, and with what. */
    public static String resolvedLine(String by, ReviewOutcome.Resolved resolved) {
        return "Resolved by " + by + ": " + resolved.summary() + ".";
    }
}
