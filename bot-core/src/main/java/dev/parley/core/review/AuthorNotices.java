package dev.parley.core.review;

/**
 * The port by which an admin's warning reaches the author of a reviewed message: adapters post
 * it where the message was written. Must not block the caller; a notice that cannot be sent is
 * the adapter's to log.
 */
@FunctionalInterface
public interface AuthorNotices {

    /** Tells nobody: for platforms without an adapter that posts notices. */
    AuthorNotices NONE = (item, text) -> { };

    /** Tells the author of {@code item} {@code text}, where they wrote the reviewed message. */
    void tell(ReviewItem item, String text);
}
