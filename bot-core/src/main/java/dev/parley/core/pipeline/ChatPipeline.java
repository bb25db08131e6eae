package dev.parley.core.pipeline;

import dev.parley.core.audit.AuditHash;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MessageTooLongException;
import dev.parley.core.conversation.Platform;
import dev.parley.core.conversation.Prompt;
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
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.ModelSlot;
import dev.parley.core.queue.QueueAdmission;
import dev.parley.core.queue.RequestKey;
import dev.parley.core.queue.Withdrawal;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.settings.ModerationPolicies;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The path of one message through the bot, as DESIGN.md draws it: commands go to the command
 * service; a message addressed to the bot is moderated, rate-limited, queued, answered by the model
 * with its reply moderated as it streams, and remembered. Every refusal is told to the user through
 * the {@link ReplySink} and ends in an {@link Outcome}; nothing is dropped silently.
 *
 * <p>Knows no platform, framework or native code; thread-safe.
 */
public final class ChatPipeline {

    private static final Logger LOG = System.getLogger(ChatPipeline.class.getName());

    private final PipelineSettings settings;
    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final InferenceQueue queue;
    private final ChatModel model;
    private final ConversationMemory memory;
    private final InstantSource clock;
    private final PersonaSelector personas;
    private final OutcomeReporting reporting;
    private final BlockAudit blocks;
    private final Admission admission;
    private final AcceptedQuestions questions;
    /** Set by {@link #stopTaking()}: no new request is queued, its author is told the bot is restarting. */
    private volatile boolean stopped;
    // the window runs on the pipeline's own clock (read when used, after the constructor set it)
    private final SeenMessages delivered = new SeenMessages(this::nanoTicks, SeenMessages.WINDOW,
            SeenMessages.MAX_REMEMBERED);
    /** The answers waiting or running, by the message they answer, so that an edit can replace one. */
    private final Map<MessageRef, PendingAnswer> pending = new ConcurrentHashMap<>();

    ChatPipeline(ChatPipelineBuilder.Parts parts) {
        this.settings = parts.settings();
        this.policies = parts.policies();
        this.moderator = parts.moderator();
        this.queue = parts.queue();
        this.model = parts.model();
        this.memory = parts.memory();
        this.clock = parts.clock();
        this.personas = parts.personas() != null ? parts.personas()
                : PersonaSelector.only(new Persona("default", settings.systemPrompt(), settings.generation()));
        this.questions = parts.questions();
        this.reporting = new OutcomeReporting(parts.events(), clock);
        AuditHash auditHash = parts.auditHash() != null ? parts.auditHash() : AuditHash.withRandomKey(new SecureRandom());
        this.blocks = new BlockAudit(moderator, auditHash, parts.audit(), parts.reports(), clock);
        MessageLimits limits = new MessageLimits(parts.rateLimiter(), settings.limits(), parts.overrides());
        this.admission = new Admission(settings, parts.commands(), policies, moderator, limits, parts.channels(),
                blocks);
    }

    /** A builder that checks each collaborator as it is set, and at {@link ChatPipelineBuilder#build} that none is missing. */
    public static ChatPipelineBuilder builder() {
        return new ChatPipelineBuilder();
    }

    /**
     * Handles one message. Returns at once; the future completes when the reply (or the notice
     * that replaced it) has been handed to {@code sink}. A message delivered again within
     * {@link SeenMessages#WINDOW} (same platform, channel and id) is {@linkplain Outcome.Ignored
     * ignored} as a "duplicate", so it is answered once.
     */
    public CompletableFuture<Outcome> handle(InboundMessage message, ReplySink replySink) {
        ReplySink sink = reporting.timed(message, replySink);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            Outcome decided = delivered.firstDelivery(MessageRef.of(message))
                    ? take(admission.admit(message, sink), message, sink, outcome)
                    : new Outcome.Ignored("duplicate");
            if (decided != null) {
                outcome.complete(decided);
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
        return reporting.counted(message, outcome);
    }

    /**
     * Handles an edit of a message whose answer is still waiting or running: that answer is
     * withdrawn (its own future completes with {@link Outcome.Edited}; its sink hears nothing more,
     * adapters show the new answer in its place) and the edited text is handled afresh: checked
     * and moderated again, and queued without being charged to the rate limits a second time.
     * The returned future completes as {@link #handle}'s does. An edit of a message with no answer
     * pending (answered, refused, or never addressed to the bot) is {@linkplain Outcome.Ignored
     * ignored}.
     */
    public CompletableFuture<Outcome> messageEdited(InboundMessage edited, ReplySink replySink) {
        ReplySink sink = reporting.timed(edited, replySink);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            PendingAnswer previous = pending.get(MessageRef.of(edited));
            if (previous == null || !previous.withdrawForEdit()) {
                outcome.complete(new Outcome.Ignored("edit of a message with no answer pending"));
            } else {
                Outcome decided = take(admission.admitEdit(edited, sink), edited, sink, outcome);
                if (decided != null) {
                    outcome.complete(decided);
                }
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
        return reporting.counted(edited, outcome);
    }

    /**
     * Stops taking questions for the model, for a graceful shutdown: from now on a message that
     * would be queued is refused with a notice that the bot is restarting ({@link Outcome.Busy}).
     * Commands and requests already queued are not affected. Idempotent.
     */
    public void stopTaking() {
        stopped = true;
    }

    /**
     * Withdraws the request answering a message that was deleted: if it waits, it is removed and
     * never uses a slot; if it runs, its generation is stopped. Adapters call this from their
     * message-deleted events.
     */
    public Withdrawal messageDeleted(String messageId) {
        return queue.withdrawMessage(messageId);
    }

    /**
     * Like {@link #messageDeleted(String)} for the message {@code messageId} of {@code location}'s
     * channel only: platforms whose ids are unique per chat (Telegram) need the channel to tell
     * two messages of the same id apart.
     */
    public Withdrawal messageDeleted(Location location, String messageId) {
        PendingAnswer answer = pending.get(new MessageRef(location.platform(), location.channelId(), messageId));
        return answer == null ? new Withdrawal(0, 0) : queue.withdrawRequest(answer);
    }

    /**
     * Takes again, after a restart, the questions of {@code platform} that were accepted but not
     * finished when the process ended, in the order they were accepted: each is queued again
     * (without being moderated or charged to the rate limits a second time) and answered through
     * the sink {@code sinks} builds for its stored message; where {@code sinks} gives none (the
     * channel is gone, or another process serves it) the question is left as it is. A question
     * accepted more than
     * {@code maxAge} ago is dropped unanswered rather than answered late; one whose message was
     * delivered again meanwhile is left to that delivery; of a message edited while pending only
     * the last text is taken. Call once per platform, when its adapter is connected.
     *
     * @return the answers of the questions taken again, in order
     */
    public List<CompletableFuture<Outcome>> resume(Platform platform, Duration maxAge,
            Function<InboundMessage, @Nullable ReplySink> sinks) {
        Instant oldest = clock.instant().minus(maxAge);
        Map<MessageRef, AcceptedQuestion> latest = new LinkedHashMap<>();
        int superseded = 0;
        for (AcceptedQuestion question : questions.pending(platform)) {
            AcceptedQuestion earlier = latest.put(MessageRef.of(question.message()), question);
            if (earlier != null) {
                forget(earlier.id()); // the message was edited: only its last text is answered
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
                forget(question.id());
                tooOld++;
            } else if (!delivered.firstDelivery(MessageRef.of(message))) {
                forget(question.id()); // the platform delivered it again since start: that delivery answers it
                deliveredAgain++;
            } else if (sinks.apply(message) instanceof ReplySink sink) {
                answers.add(resume(question, sink));
            } else {
                unreachable++;
            }
        }
        if (tooOld > 0) {
            LOG.log(Level.WARNING, "{0}: {1} questions accepted before the restart were older than {2} and were "
                    + "dropped unanswered", platform, tooOld, maxAge);
        }
        LOG.log(Level.INFO, "{0}: {1} questions accepted before the restart taken again ({2} delivered again, "
                + "{3} replaced by an edit, {4} left where no reply can be posted)", platform, answers.size(),
                deliveredAgain, superseded, unreachable);
        return answers;
    }

    /**
     * Forgets the questions of {@code platform} still kept from before a restart without answering
     * them, where nothing can answer them (the console's lines are gone with its process).
     *
     * @return how many were dropped
     */
    public int dropPending(Platform platform) {
        List<AcceptedQuestion> stale = questions.pending(platform);
        stale.forEach(question -> forget(question.id()));
        return stale.size();
    }

    private CompletableFuture<Outcome> resume(AcceptedQuestion question, ReplySink replySink) {
        InboundMessage message = question.message();
        ReplySink sink = reporting.timed(message, replySink);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            Outcome decided = enqueue(message, policies.forLocation(message.location()), sink, outcome, question);
            if (decided != null) {
                forget(question.id()); // not queued again (no room, too long now): told, so finished
                outcome.complete(decided);
            }
        } catch (RuntimeException e) {
            forget(question.id());
            outcome.completeExceptionally(e);
        }
        return reporting.counted(message, outcome);
    }

    /**
     * Keeps a question just queued as {@code answer} until {@code answer} finishes it (which forgets
     * it before its outcome completes). The store failing costs the question its durability, not its
     * answer; the log names the message, never its text.
     */
    private void keep(PendingAnswer answer, AcceptedQuestion question) {
        answer.keptId = question.id();
        try {
            questions.accepted(question);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "message={0} could not be kept as accepted ({1}); a crash now would lose it",
                    question.message().messageId(), e.getClass().getName());
            return;
        }
        if (answer.isDone()) {
            forget(question.id()); // withdrawn (a /stop) while it was being kept
        }
    }

    private void forget(String questionId) {
        try {
            questions.finished(questionId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "question {0} could not be forgotten ({1}); a restart may answer it again",
                    questionId, e.getClass().getName());
        }
    }

    /** Messages refused for {@code reason} since start. */
    public long rejected(Rejection reason) {
        return reporting.rejected(reason);
    }

    /** The outcome {@code decision} came to, or {@code message} queued (null) when it was taken. */
    private @Nullable Outcome take(Admission.Decision decision, InboundMessage message, ReplySink sink,
            CompletableFuture<Outcome> outcome) {
        return switch (decision) {
            case Admission.Decision.Done done -> done.outcome();
            case Admission.Decision.Take take -> enqueue(message, take.policy(), sink, outcome, null);
        };
    }

    /**
     * Step 3: checks the prompt fits, then queues; returns the outcome, or null when the request was
     * queued. A question queued anew is kept in {@link #questions} until it is finished; one
     * {@code resumed} after a restart is kept already.
     */
    private @Nullable Outcome enqueue(InboundMessage message, ModerationPolicy policy, ReplySink sink,
            CompletableFuture<Outcome> outcome, @Nullable AcceptedQuestion resumed) {
        try {
            // checked now so a hopeless message is refused before it waits; built again when it runs
            prompt(message, personas.personaFor(message.location()));
        } catch (MessageTooLongException e) {
            String reason = "Your message is too long for the model (" + e.tokens() + " tokens; it has room for "
                    + e.budget() + ").";
            sink.notice(new Notice(Notice.Kind.TOO_LONG, reason));
            return new Outcome.TooLong(reason);
        }

        if (stopped) {
            sink.notice(new Notice(Notice.Kind.BUSY, "I am restarting; please ask again in a minute."));
            return new Outcome.Busy();
        }
        PendingAnswer answer = new PendingAnswer(message, policy, sink, outcome, clock, queue, this::answer,
                this::forget);
        answer.keptId = resumed == null ? null : resumed.id();
        synchronized (answer) { // the position notice goes out before the request can start
            QueueAdmission admission = queue.submit(RequestKey.of(message), answer);
            return switch (admission) {
                case QueueAdmission.Full full -> {
                    sink.notice(new Notice(Notice.Kind.BUSY,
                            "I am busy with other questions right now; please try again in a minute."));
                    yield new Outcome.Busy();
                }
                case QueueAdmission.TooManyWaiting tooMany -> {
                    sink.notice(new Notice(Notice.Kind.BUSY, "You already have " + tooMany.perUser()
                            + " questions waiting; please ask again once they are answered."));
                    yield new Outcome.TooManyWaiting(tooMany.perUser());
                }
                case QueueAdmission.Queued queued -> {
                    MessageRef ref = MessageRef.of(message);
                    pending.put(ref, answer);
                    outcome.whenComplete((result, failure) -> pending.remove(ref, answer));
                    if (resumed == null) {
                        keep(answer, new AcceptedQuestion(UUID.randomUUID().toString(), message, clock.instant()));
                    }
                    if (queued.ahead() >= settings.positionNoticeFrom()) {
                        sink.notice(new Notice(Notice.Kind.QUEUED, "You are " + ordinal(queued.ahead() + 1)
                                + " in line; I will answer as soon as it is your turn."));
                    }
                    yield null;
                }
            };
        }
    }

    /** Steps 4 to 7: runs on a queue thread. */
    private Outcome answer(InboundMessage message, ModerationPolicy policy, ReplySink sink, ModelSlot slot,
            PendingAnswer request) {
        // built when the request runs, so it sees exchanges (and /reset) that happened while it waited
        Persona persona = personas.personaFor(message.location());
        Prompt prompt = prompt(message, persona);
        ModeratedStream moderated = moderator.stream(policy);
        try (ReplyStream stream = open(new ChatRequest(prompt.turns(), persona.generation(), persona.adapterScales()))) {
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
                    return withdraw(message, policy, sink, block, moderated.receivedText());
                }
                String visible = moderated.releasable();
                if (visible.length() > shown) {
                    shown = visible.length();
                    sink.progress(visible);
                }
            }
            if (moderated.finish() instanceof Verdict.Block block) {
                return withdraw(message, policy, sink, block, moderated.receivedText());
            }
        } catch (ModelFailure e) {
            if (request.stopRequested()) {
                return request.stopped(); // stop() closed the stream under next()
            }
            LOG.log(Level.WARNING, "message={0} model failed: {1}", message.messageId(), e.getMessage());
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
        memory.remember(message.conversationKey(), message.text(), reply);
        return new Outcome.Answered(reply, prompt.droppedTurns());
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
            String reply) {
        blocks.record(message, Direction.OUTPUT, block, reply, policy);
        sink.withdraw(new Notice(Notice.Kind.OUTPUT_BLOCKED, policy.notice(Direction.OUTPUT, block)));
        return new Outcome.Blocked(Direction.OUTPUT, block);
    }

    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** The pipeline's clock as a Caffeine ticker reads it. */
    private long nanoTicks() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

}
