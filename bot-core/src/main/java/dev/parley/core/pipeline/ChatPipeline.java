package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MessageTooLongException;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueAdmission;
import dev.parley.core.queue.RequestKey;
import dev.parley.core.queue.Withdrawal;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.regenerate.Claim;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.core.regenerate.Regeneration;
import dev.parley.core.settings.ModerationPolicies;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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

    private final PipelineSettings settings;
    private final ModerationPolicies policies;
    private final InferenceQueue queue;
    private final InstantSource clock;
    private final OutcomeReporting reporting;
    private final Admission admission;
    private final ModeratedAnswer answering;
    private final QuestionLedger ledger;
    private final RestartResume restart;
    /** Set by {@link #stopTaking()}: no new request is queued, its author is told the bot is restarting. */
    private volatile boolean stopped;
    // the window runs on the pipeline's own clock (read when used, after the constructor set it)
    private final SeenMessages delivered = new SeenMessages(this::nanoTicks, SeenMessages.WINDOW,
            SeenMessages.MAX_REMEMBERED);
    private final PendingAnswers pending;
    private final RegenerableAnswers regenerable;

    ChatPipeline(ChatPipelineBuilder.Parts parts) {
        this.settings = parts.settings();
        this.policies = parts.policies();
        this.queue = parts.queue();
        this.clock = parts.clock();
        Moderator moderator = parts.moderator();
        PersonaSelector personas = parts.personas() != null ? parts.personas()
                : PersonaSelector.only(new Persona("default", settings.systemPrompt(), settings.generation()));
        this.reporting = new OutcomeReporting(parts.events(), clock);
        AuditHash auditHash = parts.auditHash() != null ? parts.auditHash() : AuditHash.withRandomKey(new SecureRandom());
        BlockAudit blocks = new BlockAudit(auditHash, parts.audit(), parts.reports(), clock);
        MessageLimits limits = new MessageLimits(parts.rateLimiter(), settings.limits(), parts.overrides());
        AccessControl access = parts.access() != null ? parts.access() : AccessControl.inMemory(parts.audit(), clock);
        this.admission = new Admission(settings, delivered, parts.commands(), policies, moderator, limits,
                parts.channels(), blocks, access, parts.quotas());
        this.answering = new ModeratedAnswer(personas, parts.model(), parts.memory(), moderator, blocks,
                parts.quotas(), parts.feedback(), parts.experiment(), parts.regenerable());
        this.regenerable = parts.regenerable();
        this.ledger = new QuestionLedger(parts.questions());
        this.restart = new RestartResume(ledger, delivered, clock);
        this.pending = new PendingAnswers(queue);
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
            Outcome decided = take(admission.admit(message, sink), message, sink, outcome);
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
            if (!pending.withdrawForEdit(MessageRef.of(edited))) {
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
     * A press of <em>Regenerate</em> under the bot's message {@code messageId} of {@code where} by
     * {@code presserId}: refused unless the presser asked that answer and no regeneration of it
     * runs; else its question is answered again as a new message is (limits and quotas checked
     * and charged, queued, the reply moderated as it streams) through the sink {@code sinks} gives
     * for it, with the conversation as it was when the answer was given. The new answer, once
     * shown, replaces the old one (see {@link RegenerableAnswers}).
     */
    public Regenerating regenerate(Location where, String messageId, String presserId,
            Function<InboundMessage, ReplySink> sinks) {
        Regeneration again;
        switch (regenerable.claim(where, messageId, presserId)) {
            case Claim.Refused refused -> {
                return new Regenerating.Refused(refused.reason());
            }
            case Claim.Granted granted -> again = granted.regeneration();
        }
        InboundMessage question = again.question();
        ReplySink sink = reporting.timed(question, sinks.apply(question));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        // released before the caller hears the outcome, so a press right after it is not refused as running
        CompletableFuture<Outcome> released = outcome.whenComplete((result, failure) -> {
            if (!(result instanceof Outcome.Answered)) {
                regenerable.release(again); // answered ones are released once shown, or replaced
            }
        });
        try {
            Outcome decided = switch (admission.admitAgain(question, sink)) {
                case Admission.Decision.Done done -> done.outcome();
                case Admission.Decision.Take take -> enqueue(question, take.policy(), sink, outcome, null, again);
            };
            if (decided != null) {
                outcome.complete(decided);
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
        return new Regenerating.Started(reporting.counted(question, released));
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
        return pending.withdrawDeleted(location, messageId);
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
        return restart.resume(platform, maxAge, sinks, this::resume);
    }

    /**
     * Forgets the questions of {@code platform} still kept from before a restart without answering
     * them, where nothing can answer them (the console's lines are gone with its process).
     *
     * @return how many were dropped
     */
    public int dropPending(Platform platform) {
        return ledger.dropPending(platform);
    }

    /** Messages refused for {@code reason} since start. */
    public long rejected(Rejection reason) {
        return reporting.rejected(reason);
    }

    /** Queues {@code question}, kept from before a restart, again; it is forgotten if it is refused now. */
    private CompletableFuture<Outcome> resume(AcceptedQuestion question, ReplySink replySink) {
        InboundMessage message = question.message();
        ReplySink sink = reporting.timed(message, replySink);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            Outcome decided = enqueue(message, policies.forLocation(message.location()), sink, outcome, question, null);
            if (decided != null) {
                ledger.forget(question.id()); // not queued again (no room, too long now): told, so finished
                outcome.complete(decided);
            }
        } catch (RuntimeException e) {
            ledger.forget(question.id());
            outcome.completeExceptionally(e);
        }
        return reporting.counted(message, outcome);
    }

    /** The outcome {@code decision} came to, or {@code message} queued (null) when it was taken. */
    private @Nullable Outcome take(Admission.Decision decision, InboundMessage message, ReplySink sink,
            CompletableFuture<Outcome> outcome) {
        return switch (decision) {
            case Admission.Decision.Done done -> done.outcome();
            case Admission.Decision.Take take -> enqueue(message, take.policy(), sink, outcome, null, null);
        };
    }

    /**
     * Step 3: checks the prompt fits, then queues; returns the outcome, or null when the request was
     * queued. A question queued anew is kept in the {@link QuestionLedger} until it is finished; one
     * {@code resumed} after a restart is kept already; a regeneration ({@code again}) is not kept, as
     * after a restart the answer it would replace can no longer be pressed.
     */
    private @Nullable Outcome enqueue(InboundMessage message, ModerationPolicy policy, ReplySink sink,
            CompletableFuture<Outcome> outcome, @Nullable AcceptedQuestion resumed, @Nullable Regeneration again) {
        try {
            // checked now so a hopeless message is refused before it waits; built again when it runs
            answering.prompt(message);
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
        PendingAnswer answer = new PendingAnswer(message, policy, sink, outcome, clock, queue, answering,
                ledger::forget);
        answer.keptId = resumed == null ? null : resumed.id();
        answer.again = again;
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
                    pending.register(MessageRef.of(message), answer, outcome);
                    if (resumed == null && again == null) {
                        ledger.keep(answer, new AcceptedQuestion(UUID.randomUUID().toString(), message, clock.instant()));
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
