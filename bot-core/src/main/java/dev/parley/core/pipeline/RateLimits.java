package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.ratelimit.MessageLimits;
import java.util.Optional;

/**
 * Refuses a message over the user's, channel's or server's rate limit (which charges it when it
 * passes). The user is told once per window when they can ask again, not once per message.
 */
final class RateLimits implements AdmissionCheck {

    private final MessageLimits limits;

    RateLimits(MessageLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "rate-limits";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        MessageLimits.Refusal refusal = limits.check(message).orElse(null);
        if (refusal == null) {
            return PASS;
        }
        if (refusal.firstInWindow()) {
            sink.notice(new Notice(Notice.Kind.RATE_LIMITED, notice(refusal)));
        }
        return Optional.of(new Outcome.RateLimited(refusal.retryAfter(), refusal.level()));
    }

    private static String notice(MessageLimits.Refusal refusal) {
        String who = switch (refusal.level()) {
            case USER -> "You are sending messages too fast";
            case CHANNEL -> "This channel is asking me too much at once";
            case SERVER -> "This server is asking me too much at once";
        };
        return who + "; you can ask again in " + ChatPipeline.seconds(refusal.retryAfter()) + " s.";
    }
}
