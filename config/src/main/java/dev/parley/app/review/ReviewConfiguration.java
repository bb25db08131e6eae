package dev.parley.app.review;

import dev.parley.app.chat.PlatformBlockReports;
import dev.parley.app.storage.JdbcReviewStore;
import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.review.ReviewEffects;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.review.ReviewRetention;
import dev.parley.core.review.ReviewingBlockReports;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review queue (#18): every block reported to an audit channel is kept in the database as a
 * pending item, and the adapters post it with its actions.
 */
@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {

    /** Where warnings reach authors: the adapters register themselves once built. */
    @Bean
    PlatformAuthorNotices authorNotices() {
        return new PlatformAuthorNotices();
    }

    @Bean
    ReviewQueue reviewQueue(JdbcClient jdbc, SettingsStore settings, ModerationPolicies policies, AccessControl access,
            PlatformAuthorNotices notices, AuditLog audit, InstantSource clock) {
        return new ReviewQueue(new JdbcReviewStore(jdbc), new ReviewEffects(settings, policies, access, notices), audit,
                clock, new SecureRandom());
    }

    /** Deletes resolved items older than {@code parley.review.retention}, every {@code purge-every}. */
    @Bean
    ReviewPurgeSchedule reviewPurgeSchedule(JdbcClient jdbc, ReviewProperties review, InstantSource clock) {
        return new ReviewPurgeSchedule(new ReviewRetention(new JdbcReviewStore(jdbc), review.retention(), clock),
                review.purgeEvery());
    }

    /**
     * The reports the pipeline hands blocks to: kept for review first, then posted by the
     * platform's adapter with the item's id. Primary, so the pipeline takes this one and the
     * adapters register with {@link PlatformBlockReports} as before.
     */
    @Bean
    @Primary
    BlockReports reviewingBlockReports(ReviewQueue queue, PlatformBlockReports posters) {
        return new ReviewingBlockReports(queue, posters);
    }
}
