package dev.parley.app.operations;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.pipeline.PipelineEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The pipeline's events as Micrometer meters: {@code parley.messages.in} tagged {@code platform}
 * and {@code outcome}, {@code parley.messages.out} (answers completed) tagged {@code platform},
 * {@code parley.moderation.blocks} tagged {@code category} and {@code direction}, and the timer
 * {@code parley.reply.first.visible} (from a message's arrival to the first text of its answer
 * handed to the platform) tagged {@code platform}.
 */
public final class PipelineMeters implements PipelineEvents {

    private final MeterRegistry registry;

    public PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handled(InboundMessage message, Outcome outcome) {
        String platform = platform(message);
        messagesIn(platform, outcomeName(outcome));
        if (outcome instanceof Outcome.Answered) {
            Counter.builder("parley.messages.out").description("answers completed, by platform")
                    .tag("platform", platform).register(registry).increment();
        }
        if (outcome instanceof Outcome.Blocked blocked) {
            Counter.builder("parley.moderation.blocks").description("messages and answers stopped by moderation")
                    .tag("category", blocked.verdict().category())
                    .tag("direction", blocked.direction().name().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
        }
    }

    @Override
    public void failed(InboundMessage message, Throwable failure) {
        messagesIn(platform(message), "failed");
    }

    @Override
    public void firstVisible(InboundMessage message, Duration sinceArrival) {
        Timer.builder("parley.reply.first.visible")
                .description("from a message's arrival to the first text of its answer handed to the platform")
                .tag("platform", platform(message))
                .publishPercentileHistogram()
                .register(registry).record(sinceArrival);
    }

    private void messagesIn(String platform, String outcome) {
        Counter.builder("parley.messages.in").description("messages received, by platform and what became of them")
                .tag("platform", platform).tag("outcome", outcome).register(registry).increment();
    }

    private static String platform(InboundMessage message) {
        return message.location().platform().name().toLowerCase(Locale.ROOT);
    }

    /** The {@code outcome} tag: one short word per kind of outcome. */
    static String outcomeName(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Answered answered -> "answered";
            case Outcome.Blocked blocked -> "blocked";
            case Outcome.RateLimited limited -> "rate_limited";
            case Outcome.OverQuota overQuota -> "over_quota";
            case Outcome.Busy busy -> "busy";
            case Outcome.TooManyWaiting tooMany -> "too_many_waiting";
            case Outcome.Ignored ignored -> "ignored";
            case Outcome.AccessDenied denied -> "access_denied";
            case Outcome.CommandAnswered command -> "command";
            case Outcome.TooLong tooLong -> "too_long";
            case Outcome.Expired expired -> "expired";
            case Outcome.Stopped stopped -> "stopped";
            case Outcome.Edited edited -> "edited";
            case Outcome.Failed failed -> "failed";
        };
    }
}
