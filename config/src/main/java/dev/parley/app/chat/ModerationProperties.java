package dev.parley.app.chat;

import dev.parley.core.moderation.Direction;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.moderation.*}: the moderation every scope starts from.
 *
 * @param blockedTerms words and phrases blocked everywhere (placeholder list until the local
 *     moderation tier with lexicons and intent rules lands)
 * @param directions which way text is moderated: input, output or both
 */
@ConfigurationProperties("parley.moderation")
public record ModerationProperties(
        @DefaultValue({"how to make a bomb", "how to build a bomb", "child porn", "como fazer uma bomba"})
                List<String> blockedTerms,
        @DefaultValue({"INPUT", "OUTPUT"}) Set<Direction> directions,
        @DefaultValue("Your message was blocked by this chat's moderation.") String inputNotice,
        @DefaultValue("The answer was withheld by this chat's moderation.") String outputNotice) {}
