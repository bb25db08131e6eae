package dev.parley.app.platform;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when a platform's token property has text (an empty {@code ${DISCORD_TOKEN:}} does not count). */
abstract class PlatformTokenCondition implements Condition {

    private final String property;

    PlatformTokenCondition(String property) {
        this.property = property;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(property));
    }
}
