package dev.parley.core.pipeline;

import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MessageTooLongException;
import dev.parley.core.conversation.Prompt;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModeratedStream;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.ModelSlot;
import dev.parley.core.quota.Quotas;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.core.regenerate.Regeneration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 4 to 7 of the path of a message: the prompt from the conversation, the model's answer
 * streamed through output moderation to the sink, and the exchange remembered. Decides how an
 * answer that started ends: answered, blocked mid-stream, failed by the model, empty, or stopped.
 * Runs on a queue thread.
 */
final class ModeratedAnswer implements PendingAnswer.Answering {

    // logged under the pipeline's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final PersonaSelector personas;
    private final ChatModel model;
    private final ConversationMemory memory;
    private final Moderator moderator;
    private final BlockAudit blocks;
    private final Quotas quotas;
    private final FeedbackRecorder feedback;
    private final Experiment experiment;
    private final RegenerableAnswers regenerable;

    ModeratedAnswer(PersonaSelector personas, ChatModel model, ConversationMemory memory, Moderator moderator,
            BlockAudit blocks, Quotas quotas, FeedbackRecorder feedback, Experiment experiment,
            RegenerableAnswers regenerable) {
        this.personas = personas;
        this.model = model;
        this.memory = memory;
        this.moderator = moderator;
        this.blocks = blocks;
        this.quotas = quotas;
        this.feedback = feedback;
        this.experiment = experiment;
        this.regenerable = regenerable;
    }

    /**
     * The prompt {@code message} would be answered with now, under its channel's persona.
     *
     * @throws MessageTooLongException when the message leaves no room for the answer
     */
    Prompt prompt(InboundMessage message) {
        return prompt(message, personas.personaFor(message.location()));
    }

    @Override
    public Outcome answer(InboundMessage message, ModerationPolicy policy, ReplySink sink, ModelSlot slot,
            PendingAnswer request) {
        // built when the request runs, so it sees exchanges (and /reset) that happened while it waited
        Persona persona = personas.personaFor(message.location());
        Regeneration again = request.again;
        Prompt prompt = again == null ? prompt(message, persona) : promptAgain(message, persona, again);
        ModeratedStream moderated = moderator.stream(policy, message.text());
        // in an A/B experiment, B's answers come from B's adapter, not the one the model serves with
        ModelNames servingNow = feedback.modelNow();
        ModelNames producedBy = experiment.answeringAdapter(message.conversationKey(), servingNow.adapter())
                .map(adapter -> new ModelNames(servingNow.model(), adapter)).orElse(servingNow);
        try (ReplyStream stream = open(new ChatRequest(prompt.turns(),
                again == null ? persona.generation() : again.sampling(persona.generation()),
                experiment.scalesFor(message.conversationKey(), persona.adapterScales())))) {
            slot.streamOpened();
            if (!request.holds(stream)) {
                return request.stopped(); // stopped before the stream opened; closed on the way out
            }
            int shown = 0;
            for (String piece = next(stream); piece != null; piece = next(stream)) {
                if (request.stopRequested()) {
                    return request.stopped(); // the stream is closed on the way out
                }
                if (moderated.offer(piece) instanceof Verdict.Block block) {
                    return withdraw(message, policy, sink, block, moderated.receivedText(), request);
                }
                String visible = moderated.releasable();
                if (visible.length() > shown) {
                    shown = visible.length();
                    if (!request.tellSink(() -> sink.progress(visible))) {
                        return request.stopped(); // withdrawn while this piece was judged
                    }
                }
            }
            if (moderated.finish() instanceof Verdict.Block block) {
                return withdraw(message, policy, sink, block, moderated.receivedText(), request);
            }
        } catch (ModelFailure e) {
            if (request.stopRequested()) {
                return request.stopped(); // stop() closed the stream under next()
            }
            LOG.warn("message={} model failed: {}", message.messageId(), e.getMessage());
            sink.notice(new Notice(Notice.Kind.FAILED, "Sorry, the model could not answer this time."));
            return new Outcome.Failed(String.valueOf(e.getMessage()));
        }
        String reply = moderated.releasable().strip();
        if (reply.isEmpty()) {
            sink.notice(new Notice(Notice.Kind.FAILED, "The model gave an empty answer; please rephrase."));
            return new Outcome.Failed("empty reply");
        }
        if (!request.beginCompleting()) {
            return request.stopped(); // withdrawn after its last piece
        }
        sink.complete(reply);
        CompletionStage<List<String>> shown = shownBy(sink);
        CompletionStage<OptionalLong> recorded = feedback.answered(message, persona.systemPrompt(), reply, producedBy,
                experiment.recorded(message.conversationKey()),
                again == null ? CompletableFuture.completedFuture(OptionalLong.empty()) : again.replaced().recorded(),
                shown);
        regenerable.shown(message, reply, shown, recorded, again);
        if (again == null) {
            memory.remember(message.conversationKey(), message.author().id(), message.text(), reply);
        } else {
            memory.rememberInstead(message.conversationKey(), message.author().id(), message.text(),
                    again.replaced().answer(), reply);
        }
        charge(message, prompt, reply);
        return new Outcome.Answered(reply, prompt.droppedTurns());
    }

    /**
     * Charges an answered question to the quotas: one message, and the tokens of its prompt and of
     * the answer shown, both as the model's tokenizer counts them. Only answers are charged; a
     * counter that cannot be written costs the user nothing rather than their answer.
     */
    private void charge(InboundMessage message, Prompt prompt, String reply) {
        try {
            quotas.charge(message, (long) prompt.tokens() + model.countTokens(reply));
        } catch (RuntimeException e) {
            LOG.warn("message={} usage not charged: {}", message.messageId(), e.toString());
        }
    }

    /** The ids of the messages showing the reply, once the sink has it out; a broken sink shows none. */
    private static CompletionStage<List<String>> shownBy(ReplySink sink) {
        try {
            return sink.delivered().thenApply(delivered -> sink.shownBy());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /** The prompt the replaced answer was given with: the conversation before that exchange. */
    private Prompt promptAgain(InboundMessage message, Persona persona, Regeneration again) {
        int budget = model.contextSize() - persona.generation().maxNewTokens();
        return memory.promptAgain(message.conversationKey(), persona.systemPrompt(), message.text(),
                again.replaced().answer(), budget);
    }

    private Prompt prompt(InboundMessage message, Persona persona) {
        int budget = model.contextSize() - persona.generation().maxNewTokens();
        return memory.promptFor(message.conversationKey(), persona.systemPrompt(), message.text(), budget);
    }

    private ReplyStream open(ChatRequest request) throws ModelFailure {
        try {
            return model.stream(request);
        } catch (ModelException | IllegalStateException e) {
            throw new ModelFailure(e);
        }
    }

    private static @Nullable String next(ReplyStream stream) throws ModelFailure {
        try {
            return stream.next();
        } catch (ModelException | IllegalStateException e) {
            throw new ModelFailure(e);
        }
    }

    /**
     * The model failed, as opposed to the sink: only the model's own errors become a FAILED notice,
     * while a sink's exception (an adapter's {@code IllegalStateException} included) fails the future.
     */
    private static final class ModelFailure extends Exception {
        ModelFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private Outcome withdraw(InboundMessage message, ModerationPolicy policy, ReplySink sink, Verdict.Block block,
            String reply, PendingAnswer request) {
        blocks.record(message, Direction.OUTPUT, block, reply, policy);
        Notice notice = new Notice(Notice.Kind.OUTPUT_BLOCKED, policy.notice(Direction.OUTPUT, block));
        if (!request.tellSink(() -> sink.withdraw(notice))) {
            return request.stopped(); // an edit's answer owns the sink now; the block stays recorded
        }
        return new Outcome.Blocked(Direction.OUTPUT, block);
    }
}
