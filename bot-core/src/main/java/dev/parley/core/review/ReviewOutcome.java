package dev.parley.core.review;

import dev.parley.core.access.AccessControl;

/** What came of an admin's attempt to resolve an item; {@link #text()} is what they are told. */
public sealed interface ReviewOutcome {

    /** The answer for the admin, one line. */
    String text();

    /** This admin resolved it, and the action was applied. */
    record Resolved(ReviewItem item, String summary) implements ReviewOutcome {
        @Override
        public String text() {
            return "Review " + item.id() + " resolved: " + summary + ".";
        }
    }

    /** Someone resolved it first. */
    record AlreadyResolved(ReviewItem item) implements ReviewOutcome {
        @Override
        public String text() {
            Resolution how = item.resolution();
            return how == null ? "Review " + item.id() + " is still pending."
                    : "Review " + item.id() + " was already resolved by " + how.by() + " at "
                            + AccessControl.until(how.at()) + " (" + how.action().typed() + ").";
        }
    }

    /** No such item in this scope. */
    record NotFound(String id) implements ReviewOutcome {
        @Override
        public String text() {
            return "There is no review item " + id + " here. /review list shows the pending ones.";
        }
    }

    /** Not done, and the item stays pending: not an admin, or the action cannot apply to this item. */
    record Refused(String text) implements ReviewOutcome {}
}
