package dev.parley.app.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.review.*}: the review queue's stored items.
 *
 * @param retention how long a resolved item is kept; older ones are deleted, pending ones kept
 * @param purgeEvery how often resolved items past the retention are looked for and deleted
 */
@ConfigurationProperties("parley.review")
public record ReviewProperties(@DefaultValue("90d") Duration retention, @DefaultValue("1h") Duration purgeEvery) {

    public ReviewProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("parley.review.retention must be positive, not " + retention);
        }
        if (purgeEvery.isNegative() || purgeEvery.isZero()) {
            throw new IllegalArgumentException("parley.review.purge-every must be positive, not " + purgeEvery);
        }
    }
}
