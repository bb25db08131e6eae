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

    /**
     * This admin claimed it, but its action failed: what it had changed was undone, and the claim
     * given back so that another admin can act ({@code released}), unless giving it back failed too.
     */
    record Failed(String id, boolean released) implements ReviewOutcome {
        @Override
        public String text() {
            return released ? "Review " + id + " could not be resolved: its action failed and was undone;"
                    + " it is still pending, try again."
                    : "Review " + id + " could not be resolved: its action failed and was undone, but the item"
                            + " may show as resolved; /review show " + id + " tells.";
        }
    }

    /** Not done, and the item stays pending: not an admin, or the action cannot apply to this item. */
    record Refused(String text) implements ReviewOutcome {}
}
