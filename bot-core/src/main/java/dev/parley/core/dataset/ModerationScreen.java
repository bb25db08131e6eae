package dev.parley.core.dataset;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationUnavailableException;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moderation run again at export time: the prompt as input and the answer as output, under the
 * scope's policy of today, so that an exchange the policy now blocks (a term added since, a
 * stricter threshold, a better tier) stays out of the dataset.
 */
public final class ModerationScreen {

    private final Moderator moderator;
    private final Function<ScopeKey, ModerationPolicy> policies;

    /** @param policies each scope's current policy, such as {@code ModerationPolicies::forScope} */
    public ModerationScreen(Moderator moderator, Function<ScopeKey, ModerationPolicy> policies) {
        this.moderator = Objects.requireNonNull(moderator, "moderator");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /**
     * Why {@code exchange} is blocked now, as {@code "input <category>"} or
     * {@code "output <category>"}, or empty when it passes. When a tier is down and the policy
     * fails closed, the reason is {@code "moderation unavailable"}: an unchecked text is not exported.
     */
    public Optional<String> blocked(FeedbackExchange exchange) {
        ModerationPolicy policy = policies.apply(exchange.scope());
        try {
            if (moderator.moderate(exchange.userText(), Direction.INPUT, policy) instanceof Verdict.Block block) {
                return Optional.of("input " + block.category());
            }
            if (moderator.moderateReply(exchange.answerText(), exchange.userText(), policy)
                    instanceof Verdict.Block block) {
                return Optional.of("output " + block.category());
            }
        } catch (ModerationUnavailableException e) {
            return Optional.of("moderation unavailable");
        }
        return Optional.empty();
    }
}
