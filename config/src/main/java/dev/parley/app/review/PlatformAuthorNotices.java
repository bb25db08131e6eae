package dev.parley.app.review;

import dev.parley.core.conversation.Platform;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.ReviewItem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each review notice to the adapter of the platform the reviewed message was written on.
 * Adapters register once they are built; without one (the console), a warning is only audited.
 */
public final class PlatformAuthorNotices implements AuthorNotices {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformAuthorNotices.class);

    private final Map<Platform, AuthorNotices> byPlatform = new ConcurrentHashMap<>();

    /** Routes the notices of {@code platform} to {@code notices}. */
    public void register(Platform platform, AuthorNotices notices) {
        byPlatform.put(platform, notices);
    }

    @Override
    public void tell(ReviewItem item, String text) {
        AuthorNotices notices = byPlatform.get(item.location().platform());
        if (notices == null) {
            LOG.debug("no author notices on {}", item.location().platform());
            return;
        }
        notices.tell(item, text);
    }
}
