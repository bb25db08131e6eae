package dev.parley.core.feedback;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records answers for feedback: an answer whose question and reply both passed moderation is kept
 * as an {@link Exchange} where feedback is on and its author has not opted out, once the platform
 * shows it (reactions name the message that shows it). A withheld reply never comes here. Feedback
 * never costs anyone their answer: a store that fails is logged and the exchange is not recorded.
 */
public final class FeedbackRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackRecorder.class);

    private final FeedbackConsent consent;
    private final FeedbackLog log;
    private final ModelInUse model;
    private final InstantSource clock;
    private final Executor storing;

    /**
     * @param storing where exchanges are written once shown: off the platform's sending thread
     */
    public FeedbackRecorder(FeedbackConsent consent, FeedbackLog log, ModelInUse model, InstantSource clock,
            Executor storing) {
        this.consent = Objects.requireNonNull(consent, "consent");
        this.log = Objects.requireNonNull(log, "log");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.storing = Objects.requireNonNull(storing, "storing");
    }

    /** A recorder for a pipeline without feedback: feedback is off everywhere. */
    public static FeedbackRecorder off(InstantSource clock) {
        return new FeedbackRecorder(new InMemoryFeedbackConsent(), new InMemoryFeedbackLog(),
                () -> new ModelNames("", ""), clock, Runnable::run);
    }

    /** The model a reply started now comes from; asked when the reply starts, as a swap may follow. */
    public ModelNames modelNow() {
        return model.names();
    }

    /**
     * {@code answer} to {@code question}, under {@code systemPrompt}, was handed to the platform
     * whole; {@code shownBy} completes with the ids of the messages showing it (none where the
     * platform has no message ids, as the console). Completes with the id of the recorded
     * exchange, or empty when it is not recorded.
     */
    public CompletionStage<OptionalLong> answered(InboundMessage question, String systemPrompt, String answer,
            ModelNames producedBy, CompletionStage<List<String>> shownBy) {
        return answered(question, systemPrompt, answer, producedBy, "", shownBy);
    }

    /**
     * As {@link #answered(InboundMessage, String, String, ModelNames, CompletionStage)}, recording
     * the experiment's {@code variant} that answered ("a", "b", or "" outside an experiment).
     */
    public CompletionStage<OptionalLong> answered(InboundMessage question, String systemPrompt, String answer,
            ModelNames producedBy, String variant, CompletionStage<List<String>> shownBy) {
        return answered(question, systemPrompt, answer, producedBy, variant,
                CompletableFuture.completedFuture(OptionalLong.empty()), shownBy);
    }

    /**
     * As {@link #answered(InboundMessage, String, String, ModelNames, String, CompletionStage)}
     * for an answer that replaced another (Regenerate): {@code replaces} completes with the id of
     * the replaced exchange, or empty where that was not recorded. The exchange is written once
     * both are known, naming the one it replaced, so the dataset export makes a preference pair.
     */
    public CompletionStage<OptionalLong> answered(InboundMessage question, String systemPrompt, String answer,
            ModelNames producedBy, String variant, CompletionStage<OptionalLong> replaces,
            CompletionStage<List<String>> shownBy) {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(replaces, "replaces");
        ScopeKey scope = ScopeKey.of(question.location());
        if (!wanted(question, scope)) {
            return CompletableFuture.completedFuture(OptionalLong.empty());
        }
        CompletionStage<OptionalLong> replaced = replaces.exceptionally(failure -> OptionalLong.empty());
        return shownBy.thenCombine(replaced, Shown::new).thenApplyAsync(shown -> {
            List<String> ids = shown.ids();
            if (ids.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(log.record(new Exchange(scope.platform(), scope.scopeId(),
                        question.location().channelId(), conversation(question.conversationKey()),
                        question.author().id(), ids.getFirst(), systemPrompt, question.text(), answer, producedBy, variant,
                        clock.instant(), shown.replaces().isPresent() ? shown.replaces().getAsLong() : null)));
            } catch (RuntimeException e) {
                LOG.warn("message={} exchange not recorded for feedback: {}", question.messageId(),
                        e.getClass().getName()); // a database's message may quote the text
                return OptionalLong.empty();
            }
        }, storing);
    }

    /** The messages showing an answer, and the exchange it replaced. */
    private record Shown(List<String> ids, OptionalLong replaces) {}

    private boolean wanted(InboundMessage question, ScopeKey scope) {
        try {
            return !question.author().bot() && consent.enabled(scope)
                    && !consent.optedOut(scope, question.author().id());
        } catch (RuntimeException e) {
            LOG.warn("message={} feedback consent could not be read: {}", question.messageId(),
                    e.getClass().getName());
            return false;
        }
    }

    /** The conversation as the dataset groups exchanges: its channel, thread and reply chain. */
    static String conversation(ConversationKey key) {
        String thread = key.location().threadId();
        return key.location().channelId() + (thread == null ? "" : "/" + thread)
                + (key.chainRoot() == null || key.chainRoot().equals(thread) ? "" : "#" + key.chainRoot());
    }
}
