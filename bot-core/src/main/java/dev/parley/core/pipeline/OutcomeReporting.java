package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides when a message's outcome and its answer's first visible text are reported: counted, logged and told to the listener. */
final class OutcomeReporting {

    // logged under the pipeline's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final PipelineEvents events;
    private final InstantSource clock;
    private final Map<Rejection, LongAdder> rejections = new EnumMap<>(Rejection.class);

    OutcomeReporting(PipelineEvents events, InstantSource clock) {
        this.events = events;
        this.clock = clock;
        for (Rejection rejection : Rejection.values()) {
            rejections.put(rejection, new LongAdder());
        }
    }

    /** Messages refused for {@code reason} since start. */
    long rejected(Rejection reason) {
        return rejections.get(reason).sum();
    }

    /** {@code outcome}, counting a refusal, logging the outcome and telling the listener once it completes. */
    CompletableFuture<Outcome> counted(InboundMessage message, CompletableFuture<Outcome> outcome) {
        return outcome.whenComplete((result, failure) -> {
            if (result != null && Rejection.of(result) instanceof Rejection rejection) {
                rejections.get(rejection).increment();
            }
            log(message, result, failure);
            tell(message, result, failure);
        });
    }

    /** Hands the outcome to the listener; a failing listener must not fail the message. */
    private void tell(InboundMessage message, @Nullable Outcome result, @Nullable Throwable failure) {
        try {
            if (result != null) {
                events.handled(message, result);
            } else if (failure != null) {
                events.failed(message, failure);
            }
        } catch (RuntimeException e) {
            LOG.warn("message={} pipeline listener failed: {}", message.messageId(), e.toString());
        }
    }

    /** {@code sink}, telling the listener when the first text of the answer reaches it. */
    ReplySink timed(InboundMessage message, ReplySink sink) {
        return events == PipelineEvents.NONE ? sink : new FirstVisibleSink(sink, message, clock.instant());
    }

    /** A sink that tells the listener when the first text of the model's answer is handed over. */
    private final class FirstVisibleSink implements ReplySink {

        private final ReplySink sink;
        private final InboundMessage message;
        private final Instant arrival;
        private final AtomicBoolean shown = new AtomicBoolean();

        FirstVisibleSink(ReplySink sink, InboundMessage message, Instant arrival) {
            this.sink = sink;
            this.message = message;
            this.arrival = arrival;
        }

        @Override
        public void notice(Notice notice) {
            sink.notice(notice);
        }

        @Override
        public void progress(String visibleSoFar) {
            firstText();
            sink.progress(visibleSoFar);
        }

        @Override
        public void complete(String reply) {
            firstText();
            sink.complete(reply);
        }

        @Override
        public void withdraw(Notice replacement) {
            sink.withdraw(replacement);
        }

        @Override
        public CompletionStage<Void> delivered() {
            return sink.delivered();
        }

        @Override
        public List<String> shownBy() {
            return sink.shownBy();
        }

        private void firstText() {
            if (shown.compareAndSet(false, true)) {
                try {
                    events.firstVisible(message, Duration.between(arrival, clock.instant()));
                } catch (RuntimeException e) {
                    LOG.warn("message={} pipeline listener failed: {}", message.messageId(),
                            e.toString());
                }
            }
        }
    }

    private static void log(InboundMessage message, @Nullable Outcome outcome, @Nullable Throwable failure) {
        if (failure != null) {
            LOG.error("message=" + message.messageId() + " failed", failure);
            return;
        }
        LOG.info("message={} platform={} scope={} outcome={}", message.messageId(),
                message.location().platform(), message.location().scopeId(),
                outcome == null ? "none" : outcome.getClass().getSimpleName());
    }
}
