package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which questions kept from before a restart are taken again: of a message edited while
 * pending only its last text; none accepted longer ago than the caller allows (answered late is
 * worse than not at all); none whose message the platform delivered again since start (that
 * delivery answers it); none where no reply can be posted (left kept for a process that can).
 */
final class RestartResume {

    // logged under the pipeline's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final QuestionLedger ledger;
    private final SeenMessages delivered;
    private final InstantSource clock;

    RestartResume(QuestionLedger ledger, SeenMessages delivered, InstantSource clock) {
        this.ledger = ledger;
        this.delivered = delivered;
        this.clock = clock;
    }

    /**
     * Hands each question of {@code platform} worth taking again to {@code requeue} with the sink
     * {@code sinks} builds for it, in the order they were accepted, and forgets those dropped.
     *
     * @return the answers {@code requeue} returned, in order
     */
    List<CompletableFuture<Outcome>> resume(Platform platform, Duration maxAge,
            Function<InboundMessage, @Nullable ReplySink> sinks,
            BiFunction<AcceptedQuestion, ReplySink, CompletableFuture<Outcome>> requeue) {
        Instant oldest = clock.instant().minus(maxAge);
        Map<MessageRef, AcceptedQuestion> latest = new LinkedHashMap<>();
        int superseded = 0;
        for (AcceptedQuestion question : ledger.pending(platform)) {
            AcceptedQuestion earlier = latest.put(MessageRef.of(question.message()), question);
            if (earlier != null) {
                ledger.forget(earlier.id()); // the message was edited: only its last text is answered
                superseded++;
            }
        }
        List<CompletableFuture<Outcome>> answers = new ArrayList<>();
        int tooOld = 0;
        int deliveredAgain = 0;
        int unreachable = 0;
        for (AcceptedQuestion question : latest.values()) {
            InboundMessage message = question.message();
            if (question.acceptedAt().isBefore(oldest)) {
                ledger.forget(question.id());
                tooOld++;
            } else if (!delivered.firstDelivery(MessageRef.of(message))) {
                ledger.forget(question.id()); // the platform delivered it again since start: that delivery answers it
                deliveredAgain++;
            } else if (sinks.apply(message) instanceof ReplySink sink) {
                answers.add(requeue.apply(question, sink));
            } else {
                unreachable++;
            }
        }
        if (tooOld > 0) {
            LOG.warn("{}: {} questions accepted before the restart were older than {} and were "
                    + "dropped unanswered", platform, tooOld, maxAge);
        }
        LOG.info("{}: {} questions accepted before the restart taken again ({} delivered again, "
                + "{} replaced by an edit, {} left where no reply can be posted)", platform, answers.size(),
                deliveredAgain, superseded, unreachable);
        return answers;
    }
}
